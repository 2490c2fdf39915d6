// @dx-compat/bun: the `Bun.*` namespace on Node.js. Re-exports only; one API per file.
export { argv } from "./argv.ts";
export { env } from "./env.ts";
export { hash } from "./hash.ts";
export { main } from "./main.ts";
export { sleep } from "./sleep.ts";
export { sleepSync } from "./sleep-sync.ts";
