import { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import {
  STARTED_ERRNO,
  STARTED_STDERR,
  STARTED_STDIN,
  STARTED_STDOUT,
  type ExitCallback,
  type NativeBinding,
  type ResourceUsage,
  type SpawnRequest,
} from "./internal/binding.ts";
import { selected } from "./internal/selected.ts";
import { spawn as nodeSpawn, type ChildStreams } from "./internal/twin/spawn.ts";

export type { Collected, ExitCallback, SpawnRequest } from "./internal/binding.ts";
export type { ChildStreams } from "./internal/twin/spawn.ts";

const ENOSYS = 38;

/** Where the addon writes errno and the pipe descriptors of each spawn (read at once, so shared). */
const started = new Int32Array(4);

/** Live children of this thread that hold the event loop open (through the addon's one exit channel). */
let referenced = 0;

function readable(fd: number): Socket | null {
  return fd < 0 ? null : new Socket({ fd, readable: true, writable: false });
}

function writable(fd: number): Socket | null {
  return fd < 0 ? null : new Socket({ fd, readable: false, writable: true });
}

/**
 * A child of the addon: made before the spawn (its exit callback needs it),
 * filled in once it started. `ref`/`unref` move the thread's count of
 * children holding the event loop.
 */
class NativeChild implements ChildStreams {
  pid = 0;
  readonly errno = 0;
  stdin: Writable | null = null;
  stdout: Readable | null = null;
  stderr: Readable | null = null;
  /** Running and counted in `referenced`. */
  private holding = false;
  private live = false;
  private readonly binding: NativeBinding;

  constructor(binding: NativeBinding) {
    this.binding = binding;
  }

  started(pid: number): this {
    this.pid = pid;
    this.stdin = writable(started[STARTED_STDIN] ?? -1);
    this.stdout = readable(started[STARTED_STDOUT] ?? -1);
    this.stderr = readable(started[STARTED_STDERR] ?? -1);
    this.live = true;
    this.ref();
    return this;
  }

  ref(): void {
    if (!this.live || this.holding) return;
    this.holding = true;
    if (referenced++ === 0) this.binding.spawnRef(true);
  }

  unref(): void {
    if (!this.holding) return;
    this.holding = false;
    if (--referenced === 0) this.binding.spawnRef(false);
  }

  exited(): void {
    this.unref();
    this.live = false;
  }
}

function failed(errno: number): ChildStreams {
  const nothing = (): void => {};
  return { pid: 0, errno, stdin: null, stdout: null, stderr: null, ref: nothing, unref: nothing };
}

function resourceUsage(
  user: number,
  system: number,
  maxRSS: number,
  shmSize: number,
  swapCount: number,
  opsIn: number,
  opsOut: number,
  sent: number,
  received: number,
  signalCount: number,
  voluntary: number,
  involuntary: number,
): ResourceUsage {
  return {
    contextSwitches: { voluntary, involuntary },
    cpuTime: { user: BigInt(user), system: BigInt(system), total: BigInt(user + system) },
    maxRSS,
    messages: { sent, received },
    ops: { in: opsIn, out: opsOut },
    shmSize,
    signalCount,
    swapCount,
  };
}

/**
 * Starts a process without waiting for it: `Bun.spawn`'s engine. Natively
 * a `clone(CLONE_VM | CLONE_VFORK)` (vfork semantics, as `spawnSync`) the first time a file
 * and cwd are spawned, and after that a `clone(CLONE_VM)` that returns before the child's exec
 * (a failure that only shows then arrives as `onExit`'s `execErrno`), pipes handed to Node as
 * `net.Socket`s, and one reaper thread for all children watching their
 * pidfds, whose exits reach `onExit` on the JS thread (libuv's pool is never
 * blocked). The twin is Node's `child_process`. A failed spawn is not thrown:
 * `pid` is 0, `errno` says why, and `onExit` is never called. `onExit` runs
 * once, after which the pid is no longer this process's child (signal it
 * before). A running child holds the event loop open until `unref()`.
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
  const { binding } = selected();
  const terminal = request.terminal;
  if (terminal !== undefined) request = { ...request, stdin: terminal, stdout: terminal, stderr: terminal };
  const child = new NativeChild(binding);
  const pid = binding.spawn(
    request,
    (exitCode, signalCode, user, system, maxRSS, shmSize, swapCount, opsIn, opsOut, sent, received, signalCount, voluntary, involuntary, execErrno, stdout, stderr) => {
      child.exited();
      const usage =
        user === undefined
          ? null
          : resourceUsage(
              user,
              system ?? 0,
              maxRSS ?? 0,
              shmSize ?? 0,
              swapCount ?? 0,
              opsIn ?? 0,
              opsOut ?? 0,
              sent ?? 0,
              received ?? 0,
              signalCount ?? 0,
              voluntary ?? 0,
              involuntary ?? 0,
            );
      const collected = stdout === undefined ? null : { stdout: stdout ?? null, stderr: stderr ?? null };
      onExit(exitCode, signalCode, usage, execErrno ?? 0, collected);
    },
    started,
  );
  // child_process cannot give a child a controlling terminal.
  if (pid === undefined) return terminal === undefined ? nodeSpawn(request, onExit) : failed(ENOSYS);
  if (pid === 0) return failed(started[STARTED_ERRNO] ?? 0);
  return child.started(pid);
}
