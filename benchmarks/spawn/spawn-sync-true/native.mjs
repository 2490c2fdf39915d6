// @dx-compat/native's spawnSync (the engine under dx-compat's Bun.spawnSync),
// with Bun.spawnSync(["true"])'s defaults: stdin /dev/null, stdout captured,
// stderr inherited, the whole environment. "true" is resolved on PATH and the
// environment turned into entries once, outside the loop.
// Imported by path: benchmarks/package.json does not depend on @dx-compat/native.
import { backend, spawnSync } from "../../../native/dist/index.js";
import { runSync, trueRequest } from "../lib.mjs";

if (backend() !== "native") throw new Error("the native addon did not load (build native/ first)");
const request = { ...(await trueRequest()), timeoutMs: 0, killSignal: 15, maxBuffer: 0 };
runSync(() => spawnSync(request).exitCode === 0);
