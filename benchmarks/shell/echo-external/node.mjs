// Plain Node: execSync runs /bin/echo through /bin/sh.
import { execSync } from "node:child_process";
import { runShell } from "../lib.mjs";

await runShell(() => execSync("/bin/echo hi", { encoding: "utf8" }), "hi\n", { count: 2_000, warmUp: 100 });
