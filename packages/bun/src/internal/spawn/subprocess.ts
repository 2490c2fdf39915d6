// Bun's Subprocess over a started child (./child-handle.ts: @dx-compat/native's
// spawn, or Node's ChildProcess for IPC, extra stdio and detached children).
// The executable is already resolved: no shell, no option normalisation.
import { isThenable, reportHandlerFailure } from "../handler-failure.ts";
import type { ResourceUsage } from "@dx-compat/native";
import { notImplemented } from "@dx-compat/shared/errors";
import { bunCoded } from "../errors.ts";
import { closeSync, constants as fsConstants } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { getSystemErrorName as errname } from "node:util";
import { launchChild, SpawnErrno, type ChildHandle } from "./child-handle.ts";
import { FileSink } from "./file-sink.ts";
import { openStdioFile, spawnFailure, type InputSpec, type OutputSpec, type ParsedSpawn } from "./options.ts";
import { outputStream, type SubprocessOutput } from "./output-stream.ts";
import { resourceUsageObject } from "./resource-usage.ts";
import { parseSignal, signalName } from "./signals.ts";
import { discardTerminal, releaseInlineSlave } from "../terminal.ts";

const API = "Bun.spawn";
type Stdin = FileSink | ReadableStream<unknown> | number | undefined;
type Output = SubprocessOutput | number | undefined;

function stdinSlot(spec: InputSpec, parsed: ParsedSpawn, opened: number[]): "ignore" | "pipe" | number {
  switch (spec.kind) {
    case "ignore":
      return "ignore";
    case "inherit":
      return 0;
    case "fd":
      return spec.fd;
    case "path":
      return openStdioFile(spec.path, fsConstants.O_RDONLY, parsed, opened);
    default:
      return "pipe";
  }
}

function outputSlot(spec: OutputSpec | { kind: "ipc" }, own: number, parsed: ParsedSpawn, opened: number[]): "ignore" | "pipe" | "ipc" | number {
  switch (spec.kind) {
    case "ignore":
      return "ignore";
    case "pipe":
      return "pipe";
    case "ipc":
      return "ipc";
    case "inherit":
      return own;
    case "fd":
      return spec.fd;
    case "path":
      return openStdioFile(spec.path, fsConstants.O_WRONLY, parsed, opened);
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  return Buffer.from(String(chunk), "utf8");
}

/** Feeds a stream's chunks into the child's stdin, honouring backpressure, then closes it. */
async function feed(stream: ReadableStream<unknown>, sink: Writable): Promise<void> {
  sink.on("error", () => {});
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || sink.destroyed) break;
      if (!sink.write(toBytes(value))) await new Promise((resolve) => { sink.once("drain", resolve); sink.once("close", resolve); });
    }
  } catch {
    // A failing source ends the child's input, as in Bun.
  } finally {
    reader.releaseLock();
    sink.end();
  }
}

const state = new WeakMap<Subprocess, SubprocessState>();

interface SubprocessState {
  child: ChildHandle;
  parsed: ParsedSpawn;
  stdin: Stdin;
  stdout: Output;
  stderr: Output;
  stdio: (number | null)[];
  exited: Promise<number>;
  exitCode: number | null;
  signalCode: string | number | null;
  usage: ResourceUsage | null;
  done: boolean;
  timer: NodeJS.Timeout | undefined;
}

function internal(self: Subprocess): SubprocessState {
  const found = state.get(self);
  if (found === undefined) throw new TypeError("Expected this to be a Subprocess");
  return found;
}

/** A process made by `Bun.spawn`. */
export class Subprocess {
  get connected(): boolean {
    return internal(this).child.channel?.connected === true;
  }

  disconnect(): void {
    const channel = internal(this).child.channel;
    if (channel?.connected) channel.disconnect();
  }

  get exitCode(): number | null {
    return internal(this).exitCode;
  }

  get exited(): Promise<number> {
    return internal(this).exited;
  }

  kill(signal?: number | NodeJS.Signals): void {
    const s = internal(this);
    const number = parseSignal(signal);
    if (s.done) return;
    try {
      process.kill(s.child.pid, number);
    } catch {
      // Already gone.
    }
  }

  get killed(): boolean {
    return internal(this).done;
  }

  get pid(): number {
    return internal(this).child.pid;
  }

  get readable(): Output {
    return internal(this).stdout;
  }

  ref(): void {
    const s = internal(this);
    s.child.ref();
    s.timer?.ref();
  }

  resourceUsage(): import("bun").ResourceUsage | undefined {
    const s = internal(this);
    if (!s.done) return undefined;
    if (s.usage !== null) return resourceUsageObject(s.usage) as import("bun").ResourceUsage;
    throw notImplemented(API, "this child's resource usage (wait4's rusage) is unknown: it ran on Node's child_process (IPC, extra stdio, detached, or no native addon)");
  }

  send(message: unknown): void {
    const channel = internal(this).child.channel;
    if (channel === undefined || !channel.connected) {
      throw bunCoded("Subprocess.send() can only be used if an IPC channel is open.", "ERR_IPC_CHANNEL_CLOSED");
    }
    channel.send(message as never);
  }

  get signalCode(): string | number | null {
    return internal(this).signalCode;
  }

  get stderr(): Output {
    return internal(this).stderr;
  }

  get stdin(): Stdin {
    return internal(this).stdin;
  }

  get stdio(): (number | null)[] {
    return internal(this).stdio;
  }

  get stdout(): Output {
    return internal(this).stdout;
  }

  get terminal(): import("bun").Terminal | undefined {
    return internal(this).parsed.terminal?.state.self as import("bun").Terminal | undefined;
  }

  unref(): void {
    const s = internal(this);
    s.child.unref();
    s.timer?.unref();
  }

  get writable(): Stdin {
    return internal(this).stdin;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    const s = internal(this);
    if (!s.done) this.kill(s.parsed.killSignal);
    await s.exited;
  }
}
Object.defineProperty(Subprocess.prototype, Symbol.toStringTag, { value: "Subprocess", configurable: true });

/** Starts the child of a parsed `Bun.spawn` call and wires its stdio as Bun does. */
export function startSubprocess(parsed: ParsedSpawn): Subprocess {
  const opened: number[] = [];
  let stdio: ("ignore" | "pipe" | "ipc" | number)[];
  const terminal = parsed.terminal;
  if (terminal !== undefined) {
    // The child's 0, 1 and 2 are the slave; Bun ignores the stdio options then.
    const slave = terminal.state.slave;
    stdio = [slave, slave, slave];
    parsed = { ...parsed, stdin: { kind: "fd", fd: slave }, stdout: { kind: "fd", fd: slave }, stderr: { kind: "fd", fd: slave }, extra: [] };
    if (parsed.ipc !== undefined || parsed.detached) {
      if (terminal.inline) discardTerminal(terminal.state);
      throw notImplemented(API, "`terminal` together with `ipc` or `detached` (those children run on Node's child_process, which cannot give a child a controlling terminal)");
    }
  } else {
    try {
      stdio = [stdinSlot(parsed.stdin, parsed, opened), outputSlot(parsed.stdout, 1, parsed, opened), outputSlot(parsed.stderr, 2, parsed, opened)];
      for (const spec of parsed.extra) stdio.push(outputSlot(spec as OutputSpec, stdio.length, parsed, opened));
    } catch (error) {
      for (const fd of opened) closeSync(fd);
      throw error;
    }
  }
  if (parsed.ipc !== undefined && !stdio.includes("ipc")) stdio.push("ipc");

  const proc = Object.create(Subprocess.prototype) as Subprocess;
  let resolveExited!: (code: number) => void;
  // Filled in once the child has started; its exit cannot be reported before.
  const s = {} as SubprocessState;
  const onAbort = (): void => killWith();
  const onExit = (exitCode: number | null, signal: number | null, usage: ResourceUsage | null, execErrno: number): void => {
    s.done = true;
    s.usage = usage;
    if (s.timer !== undefined) clearTimeout(s.timer);
    parsed.signal?.removeEventListener("abort", onAbort);
    s.exitCode = signal === null ? exitCode : null;
    s.signalCode = signal === null ? null : signalName(signal);
    resolveExited(signal === null ? (exitCode ?? 0) : 128 + signal);
    const callback = parsed.onExit;
    // Bun throws a failed exec from spawn(); one that only failed after spawn
    // returned (see @dx-compat/native's ExitCallback) reaches onExit as the error.
    const error = execErrno === 0 ? undefined : spawnFailure(errname(-execErrno), -execErrno, parsed.displayPath);
    if (callback !== undefined) queueMicrotask(() => callOnExit(callback, proc, s.exitCode, s.signalCode, error));
  };
  let child: ChildHandle | SpawnErrno;
  try {
    child = launchChild(
      {
        file: parsed.file,
        argv: parsed.argv,
        env: parsed.env,
        cwd: parsed.cwd,
        stdio,
        detached: parsed.detached,
        serialization: parsed.ipc === undefined ? undefined : parsed.serialization,
        terminal: terminal?.state.slave,
      },
      onExit,
    );
  } finally {
    for (const fd of opened) closeSync(fd);
  }
  if (child instanceof SpawnErrno) {
    if (terminal?.inline === true) discardTerminal(terminal.state);
    throw spawnFailure(errname(child.errno), child.errno, parsed.displayPath);
  }
  if (terminal?.inline === true) releaseInlineSlave(terminal.state);

  Object.assign(s, {
    child,
    parsed,
    stdin: undefined,
    stdout: undefined,
    stderr: undefined,
    stdio: [null, null, null],
    exited: new Promise<number>((resolve) => (resolveExited = resolve)),
    exitCode: null,
    signalCode: null,
    usage: null,
    done: false,
    timer: undefined,
  } satisfies SubprocessState);
  state.set(proc, s);

  const killWith = (): void => proc.kill(parsed.killSignal as never);
  const limit = (): ((count: number) => void) => (parsed.maxBuffer > 0 ? limitTo(parsed.maxBuffer, killWith) : () => {});

  const stdin = child.stdin;
  switch (parsed.stdin.kind) {
    case "pipe":
      s.stdin = new FileSink(stdin as Writable);
      break;
    case "fd":
      s.stdin = parsed.stdin.fd;
      break;
    case "bytes":
      (stdin as Writable).on("error", () => {});
      (stdin as Writable).end(parsed.stdin.bytes);
      break;
    case "blob":
      void feed(parsed.stdin.blob.stream(), stdin as Writable);
      break;
    case "stream":
      // A Response's or Request's body is fed like a Blob: Bun exposes only a stream passed as such.
      if (parsed.stdin.body !== true) s.stdin = parsed.stdin.stream;
      void feed(parsed.stdin.stream, stdin as Writable);
      break;
    default:
      break;
  }
  s.stdout = outputOf(parsed.stdout, child.stdout, limit());
  s.stderr = outputOf(parsed.stderr, child.stderr, limit());
  if (terminal !== undefined) {
    // On a terminal the child's stdio is the terminal's: `write()` and `data` instead.
    s.stdin = null as never;
    s.stdout = null as never;
    s.stderr = null as never;
  }
  for (let index = 3; index < 3 + parsed.extra.length; index++) {
    const spec = parsed.extra[index - 3];
    const stream = child.extra[index - 3] as (Readable & { _handle?: { fd?: number } }) | null | undefined;
    if (spec?.kind === "fd") s.stdio.push(spec.fd);
    else if (spec?.kind === "pipe" && stream) s.stdio.push(stream._handle?.fd ?? null);
    else s.stdio.push(null);
  }

  if (parsed.timeout > 0) s.timer = setTimeout(killWith, parsed.timeout);
  parsed.signal?.addEventListener("abort", onAbort, { once: true });
  const channel = child.channel;
  if (parsed.ipc !== undefined && channel !== undefined) {
    const ipc = parsed.ipc;
    channel.on("message", (message: unknown) => ipc(message, proc));
  }
  if (parsed.onDisconnect !== undefined && channel !== undefined) {
    const onDisconnect = parsed.onDisconnect;
    channel.once("disconnect", () => void onDisconnect());
  }

  return proc;
}

function limitTo(maxBuffer: number, kill: () => void): (count: number) => void {
  let total = 0;
  let fired = false;
  return (count) => {
    total += count;
    if (total > maxBuffer && !fired) {
      fired = true;
      kill();
    }
  };
}

function outputOf(spec: OutputSpec, stream: Readable | null, onBytes: (count: number) => void): Output {
  if (spec.kind === "fd") return spec.fd;
  if (spec.kind === "pipe" && stream !== null) return outputStream(stream, onBytes);
  return undefined;
}

/** `onExit`, as Bun calls it: a throw (or a rejection) is printed and the process goes on, ending with code 1. */
function callOnExit(callback: (...args: unknown[]) => unknown, ...args: unknown[]): void {
  try {
    const result = callback(...args);
    if (isThenable(result)) result.then(undefined, reportHandlerFailure);
  } catch (error) {
    reportHandlerFailure(error);
  }
}
