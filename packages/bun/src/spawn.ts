import { parseSpawnArguments } from "./internal/spawn/options.ts";
import { startSubprocess } from "./internal/spawn/subprocess.ts";

type BunSpawn = typeof import("bun").spawn;

/**
 * `Bun.spawn(cmd, options)` / `Bun.spawn({ cmd, ... })`: starts a process and
 * returns Bun's `Subprocess` (`pid`, `stdin` FileSink, `stdout`/`stderr`
 * ReadableStreams with `text()`/`json()`/`bytes()`/`blob()`, `exited`,
 * `exitCode`, `signalCode`, `kill`, `ref`/`unref`, IPC `send`/`disconnect`).
 * The executable is resolved along PATH first; a missing one, a bad cwd or bad
 * options throw Bun's errors synchronously.
 *
 * @example
 * ```ts
 * import { spawn } from "@dx-compat/bun";
 * const proc = spawn(["echo", "hi"]);
 * await proc.stdout.text(); // "hi\n"
 * ```
 */
export const spawn: BunSpawn = function spawn(cmds: unknown, options?: unknown) {
  return startSubprocess(parseSpawnArguments("Bun.spawn", cmds, options, false));
} as unknown as BunSpawn;
