// @dx-compat/bun: the `Bun.*` namespace on Node.js. Re-exports only; one API per file.
export { argv } from "./argv.ts";
export { env } from "./env.ts";
export { file } from "./file.ts";
export { hash } from "./hash.ts";
export { main } from "./main.ts";
export { mmap } from "./mmap.ts";
export { sleep } from "./sleep.ts";
export { sleepSync } from "./sleep-sync.ts";
export { spawn } from "./spawn.ts";
export { spawnSync } from "./spawn-sync.ts";
export { stderr } from "./stderr.ts";
export { stdin } from "./stdin.ts";
export { stdout } from "./stdout.ts";
export { Terminal } from "./terminal.ts";
export { which } from "./which.ts";
export { write } from "./write.ts";
