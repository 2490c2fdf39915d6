import { ChildProcess } from "node:child_process";
import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { ExitCallback, SpawnRequest } from "../binding.ts";
import { launchEnvironment } from "../../launch-environment.ts";

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

/** The request's code for a stream collected for onExit. */
const COLLECT = -3;

function slot(value: number): StdioSlot {
  if (value === -1) return "ignore";
  if (value === -2 || value === COLLECT) return "pipe";
  return value;
}

/** Reads a collected stream to its end; null when the slot is not collected. */
function collectStream(stream: Readable | null, code: number): Promise<Buffer> | null {
  if (code !== COLLECT || stream === null) return null;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    // A read error ends the stream as the addon's does: with what was read.
    stream.on("error", () => {});
    stream.once("close", () => resolve(Buffer.concat(chunks)));
  });
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
  const envPairs = request.env === "launch" ? launchEnvironment() : (request.env ?? currentEnvironment());
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
  const stdout = collectStream(child.stdout, request.stdout);
  const stderr = collectStream(child.stderr, request.stderr);
  const collecting = stdout !== null || stderr !== null;
  child.once("exit", (code, signal) => {
    const exitCode = signal === null ? code : null;
    const signalCode = signal === null ? null : (constants.signals[signal] ?? null);
    if (!collecting) return onExit(exitCode, signalCode, null, 0, null);
    // nextTick, so that a throwing onExit is an uncaught exception, as the addon's is.
    void Promise.all([stdout, stderr]).then(([out, err]) => process.nextTick(onExit, exitCode, signalCode, null, 0, { stdout: out, stderr: err }));
  });
  return {
    pid: child.pid,
    errno: 0,
    stdin: child.stdin,
    stdout: stdout === null ? child.stdout : null,
    stderr: stderr === null ? child.stderr : null,
    // A collected stream is not the caller's to ref: it follows the child.
    ref: () => {
      child.ref();
      if (stdout !== null) (child.stdout as unknown as { ref(): void }).ref();
      if (stderr !== null) (child.stderr as unknown as { ref(): void }).ref();
    },
    unref: () => {
      child.unref();
      if (stdout !== null) (child.stdout as unknown as { unref(): void }).unref();
      if (stderr !== null) (child.stderr as unknown as { unref(): void }).unref();
    },
  };
}
