import { Socket } from "node:net";
import type { ExitCallback, SpawnRequest, StartedProcess } from "./internal/binding.ts";
import { selected } from "./internal/selected.ts";
import { spawn as nodeSpawn, type ChildStreams } from "./internal/twin/spawn.ts";

export type { ExitCallback, SpawnRequest } from "./internal/binding.ts";
export type { ChildStreams } from "./internal/twin/spawn.ts";

function readable(fd: number): Socket | null {
  return fd < 0 ? null : new Socket({ fd, readable: true, writable: false });
}

function writable(fd: number): Socket | null {
  return fd < 0 ? null : new Socket({ fd, readable: false, writable: true });
}

function streams(started: StartedProcess): ChildStreams {
  return {
    pid: started.pid,
    errno: started.errno,
    stdin: writable(started.stdin),
    stdout: readable(started.stdout),
    stderr: readable(started.stderr),
  };
}

/**
 * Starts a process without waiting for it: `Bun.spawn`'s engine. Natively
 * `posix_spawn` (vfork semantics, as `spawnSync`), pipes handed to Node as
 * `net.Socket`s, and a small waiter thread per child blocked in `wait4`, whose
 * result reaches `onExit` on the JS thread (libuv's pool is never blocked).
 * The twin is Node's `child_process`. A failed spawn is not thrown: `pid` is
 * 0, `errno` says why, and `onExit` is never called. `onExit` runs once,
 * after which the pid is no longer this process's child (signal it before).
 *
 * @example
 * ```ts
 * import { spawn } from "@dx-compat/native";
 * const child = spawn(
 *   { file: "/bin/echo", argv: ["echo", "hi"], env: [], cwd: "", stdin: -1, stdout: -2, stderr: 2 },
 *   (exitCode, signalCode) => console.log("exited", exitCode, signalCode),
 * );
 * child.stdout?.pipe(process.stdout);
 * ```
 */
export function spawn(request: SpawnRequest, onExit: ExitCallback): ChildStreams {
  const started = selected().binding.spawn(request, onExit);
  return started === undefined ? nodeSpawn(request, onExit) : streams(started);
}
