// Plain Node: execSync runs the same pipeline through /bin/sh.
import { execSync } from "node:child_process";
import { runShell } from "../lib.mjs";

await runShell(() => execSync("seq 1 100 | grep 5 | wc -l", { encoding: "utf8" }), "19\n", { count: 1_000, warmUp: 50 });
