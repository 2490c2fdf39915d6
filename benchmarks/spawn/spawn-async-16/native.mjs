// @dx-compat/native's spawn (the engine under dx-compat's Bun.spawn): stdout a
// pipe read to its end through a net.Socket, the exit from the addon's reaper
// thread; 16 at a time. "true" is resolved on PATH and the environment turned
// into entries once, outside the loop.
// Imported by path: benchmarks/package.json does not depend on @dx-compat/native.
import { backend, spawn } from "../../../native/dist/index.js";
import { runConcurrent, trueRequest } from "../lib.mjs";

if (backend() !== "native") throw new Error("the native addon did not load (build native/ first)");
const request = await trueRequest();

await runConcurrent(
  () =>
    new Promise((resolve) => {
      let exitCode;
      let pending = 2;
      const settle = () => --pending === 0 && resolve(exitCode === 0);
      const child = spawn(request, (code) => {
        exitCode = code;
        settle();
      });
      if (child.errno !== 0) return resolve(false);
      child.stdout.on("data", () => {});
      child.stdout.on("close", settle);
    }),
);
