import { ChildProcess } from "node:child_process";
import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { ExitCallback, SpawnRequest } from "../binding.ts";

type StdioSlot = "ignore" | "pipe" | number;

export interface ChildStreams {
  pid: number;
  errno: number;
  stdin: Writable | null;
  stdout: Readable | null;
  stderr: Readable | null;
  /**
   * Lets the live child hold the event loop open again (the default), as
   * Node's `ChildProcess.prototype.ref`. Only the exit notification: each
   * pipe's stream has its own `ref`/`unref`.
   */
  ref(): void;
  /**
   * Stops the live child from holding the event loop open: the process may
   * exit while it runs, and its `onExit` then never runs.
   */
  unref(): void;
}

function nothing(): void {}

function slot(value: number): StdioSlot {
  if (value === -1) return "ignore";
  if (value === -2) return "pipe";
  return value;
}

function failed(errno: number): ChildStreams {
  return { pid: 0, errno, stdin: null, stdout: null, stderr: null, ref: nothing, unref: nothing };
}

/** `env: null`: the environment this process has now, as "KEY=value" pairs. */
function currentEnvironment(): string[] {
  return Object.entries(process.env).map(([name, value]) => `${name}=${value ?? ""}`);
}

/**
 * The TypeScript twin of the addon's spawn: Node's `ChildProcess`. Its
 * `spawn(options)` method (public, though undocumented) takes a whole argv
 * and "KEY=value" pairs, as the request does, and returns the spawn's errno
 * synchronously, which `child_process.spawn` would only emit later as an
 * event. Resource usage is unknown here (null).
 */
export function spawn(request: SpawnRequest, onExit: ExitCallback): ChildStreams {
  const envPairs = request.env ?? currentEnvironment();
  if ([request.file, request.cwd, ...request.argv, ...envPairs].some((text) => text.includes("\0"))) {
    return failed(constants.errno.EINVAL);
  }
  const child = new ChildProcess();
  // The failure is returned below; the event Node also emits for it must not go unhandled.
  child.on("error", () => {});
  const internal = child as unknown as { spawn(options: object): number };
  const status = internal.spawn({
    file: request.file,
    args: request.argv,
    envPairs,
    cwd: request.cwd === "" ? undefined : request.cwd,
    stdio: [slot(request.stdin), slot(request.stdout), slot(request.stderr)],
    windowsHide: true,
  });
  if (status < 0 || child.pid === undefined) return failed(status < 0 ? -status : constants.errno.EINVAL);
  child.once("exit", (code, signal) => {
    onExit(signal === null ? code : null, signal === null ? null : (constants.signals[signal] ?? null), null, 0);
  });
  return {
    pid: child.pid,
    errno: 0,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    ref: () => child.ref(),
    unref: () => child.unref(),
  };
}
