// Plain Node: child_process.spawn("true") with stdout piped and read, waiting for "close"; 16 at a time.
import { spawn } from "node:child_process";
import { runConcurrent } from "../lib.mjs";

await runConcurrent(
  () =>
    new Promise((resolve) => {
      const child = spawn("true", [], { stdio: ["ignore", "pipe", "inherit"] });
      child.stdout.on("data", () => {});
      child.on("close", (code) => resolve(code === 0));
    }),
);
