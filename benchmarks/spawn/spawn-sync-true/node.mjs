// Plain Node: child_process.spawnSync("true") (PATH lookup in libuv, stdio pipes, fork + exec).
import { spawnSync } from "node:child_process";
import { runSync } from "../lib.mjs";

runSync(() => spawnSync("true").status === 0);
