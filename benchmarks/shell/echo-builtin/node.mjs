// Plain Node: execSync runs `echo hi` through /bin/sh.
import { execSync } from "node:child_process";
import { runShell } from "../lib.mjs";

await runShell(() => execSync("echo hi", { encoding: "utf8" }), "hi\n", { count: 500, warmUp: 50 });
