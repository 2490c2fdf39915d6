// Bun's Subprocess over Node's ChildProcess. Node's handle is spawned directly
// (no shell, no option normalisation): the executable is already resolved.
import { notImplemented } from "@dx-compat/shared/errors";
import { bunCoded } from "../errors.ts";
import { ChildProcess, type StdioOptions } from "node:child_process";
import { closeSync, constants as fsConstants, openSync } from "node:fs";
import { constants as osConstants } from "node:os";
import type { Readable, Writable } from "node:stream";
import { getSystemErrorName as errname } from "node:util";
import { FileSink } from "./file-sink.ts";
import { spawnFailure, type InputSpec, type OutputSpec, type ParsedSpawn } from "./options.ts";
import { outputStream, type SubprocessOutput } from "./output-stream.ts";
import { parseSignal, signalName } from "./signals.ts";

const API = "Bun.spawn";
const FILE_MODE = 0o664;
const signalNumbers = osConstants.signals as Readonly<Record<string, number>>;

type Refable = { ref?: () => unknown; unref?: () => unknown };
type Stdin = FileSink | ReadableStream<unknown> | number | undefined;
type Output = SubprocessOutput | number | undefined;

interface NodeSpawnOptions {
  file: string;
  args: string[];
  cwd?: string;
  envPairs: string[];
  stdio: StdioOptions;
  detached: boolean;
  serialization?: "json" | "advanced";
}

interface SpawnableChild {
  spawn(options: NodeSpawnOptions): number | undefined;
}

function openFor(path: string, flags: number, parsed: ParsedSpawn, opened: number[]): number {
  try {
    const fd = openSync(path, flags | fsConstants.O_CREAT, FILE_MODE);
    opened.push(fd);
    return fd;
  } catch (error) {
    const { code, errno } = error as { code?: string; errno?: number };
    throw spawnFailure(code ?? "EIO", errno ?? 0, parsed.displayPath);
  }
}

function stdinSlot(spec: InputSpec, parsed: ParsedSpawn, opened: number[]): "ignore" | "pipe" | number {
  switch (spec.kind) {
    case "ignore":
      return "ignore";
    case "inherit":
      return 0;
    case "fd":
      return spec.fd;
    case "path":
      return openFor(spec.path, fsConstants.O_RDONLY, parsed, opened);
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
      return openFor(spec.path, fsConstants.O_WRONLY, parsed, opened);
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
  child: ChildProcess;
  parsed: ParsedSpawn;
  stdin: Stdin;
  stdout: Output;
  stderr: Output;
  stdio: (number | null)[];
  exited: Promise<number>;
  exitCode: number | null;
  signalCode: string | number | null;
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
    const { child, parsed } = internal(this);
    return parsed.ipc !== undefined && child.connected;
  }

  disconnect(): void {
    const { child, parsed } = internal(this);
    if (parsed.ipc !== undefined && child.connected) child.disconnect();
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
      process.kill(s.child.pid as number, number);
    } catch {
      // Already gone.
    }
  }

  get killed(): boolean {
    return internal(this).done;
  }

  get pid(): number {
    return internal(this).child.pid as number;
  }

  get readable(): Output {
    return internal(this).stdout;
  }

  ref(): void {
    const s = internal(this);
    s.child.ref();
    for (const stream of [s.child.stdout, s.child.stderr]) (stream as Refable | null)?.ref?.();
    s.timer?.ref();
  }

  resourceUsage(): import("bun").ResourceUsage | undefined {
    if (!internal(this).done) return undefined;
    throw notImplemented(API, "a child's resource usage (wait4's rusage) is not reported by Node's asynchronous child processes; Bun.spawnSync has it");
  }

  send(message: unknown): void {
    const { child, parsed } = internal(this);
    if (parsed.ipc === undefined || !child.connected) {
      throw bunCoded("Subprocess.send() can only be used if an IPC channel is open.", "ERR_IPC_CHANNEL_CLOSED");
    }
    child.send(message as never);
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

  get terminal(): undefined {
    return undefined;
  }

  unref(): void {
    const s = internal(this);
    s.child.unref();
    for (const stream of [s.child.stdin, s.child.stdout, s.child.stderr]) (stream as Refable | null)?.unref?.();
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
  try {
    stdio = [stdinSlot(parsed.stdin, parsed, opened), outputSlot(parsed.stdout, 1, parsed, opened), outputSlot(parsed.stderr, 2, parsed, opened)];
    for (const spec of parsed.extra) stdio.push(outputSlot(spec as OutputSpec, stdio.length, parsed, opened));
  } catch (error) {
    for (const fd of opened) closeSync(fd);
    throw error;
  }
  if (parsed.ipc !== undefined && !stdio.includes("ipc")) stdio.push("ipc");

  const child = new ChildProcess();
  child.on("error", () => {});
  let failure: number | undefined;
  try {
    failure = (child as unknown as SpawnableChild).spawn({
      file: parsed.file,
      args: parsed.argv,
      ...(parsed.cwd === "" ? {} : { cwd: parsed.cwd }),
      // The channel's variables are the new channel's alone (a parent made by fork() has its own).
      envPairs: parsed.ipc === undefined ? parsed.env : parsed.env.filter((entry) => !entry.startsWith("NODE_CHANNEL_")),
      stdio,
      detached: parsed.detached,
      ...(parsed.ipc === undefined ? {} : { serialization: parsed.serialization }),
    });
  } catch (error) {
    const { errno } = error as { errno?: number };
    throw spawnFailure(errname(errno ?? -5), errno ?? -5, parsed.displayPath);
  } finally {
    for (const fd of opened) closeSync(fd);
  }
  if (typeof failure === "number" && failure < 0) throw spawnFailure(errname(failure), failure, parsed.displayPath);

  const proc = Object.create(Subprocess.prototype) as Subprocess;
  let resolveExited!: (code: number) => void;
  const s: SubprocessState = {
    child,
    parsed,
    stdin: undefined,
    stdout: undefined,
    stderr: undefined,
    stdio: [null, null, null],
    exited: new Promise<number>((resolve) => (resolveExited = resolve)),
    exitCode: null,
    signalCode: null,
    done: false,
    timer: undefined,
  };
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
  for (let index = 3; index < 3 + parsed.extra.length; index++) {
    const spec = parsed.extra[index - 3];
    const stream = child.stdio[index] as (Readable & { _handle?: { fd?: number } }) | null | undefined;
    if (spec?.kind === "fd") s.stdio.push(spec.fd);
    else if (spec?.kind === "pipe" && stream) s.stdio.push(stream._handle?.fd ?? null);
    else s.stdio.push(null);
  }

  const onAbort = (): void => killWith();
  if (parsed.timeout > 0) s.timer = setTimeout(killWith, parsed.timeout);
  parsed.signal?.addEventListener("abort", onAbort, { once: true });
  if (parsed.ipc !== undefined) {
    const ipc = parsed.ipc;
    child.on("message", (message: unknown) => ipc(message, proc));
  }
  if (parsed.onDisconnect !== undefined) {
    const onDisconnect = parsed.onDisconnect;
    child.once("disconnect", () => void onDisconnect());
  }

  child.once("exit", (code: number | null, signal: NodeJS.Signals | null) => {
    s.done = true;
    if (s.timer !== undefined) clearTimeout(s.timer);
    parsed.signal?.removeEventListener("abort", onAbort);
    const number = signal === null ? undefined : signalNumbers[signal];
    s.exitCode = number === undefined ? code : null;
    s.signalCode = number === undefined ? null : signalName(number);
    resolveExited(number === undefined ? (code ?? 0) : 128 + number);
    const onExit = parsed.onExit;
    if (onExit !== undefined) queueMicrotask(() => void onExit(proc, s.exitCode, s.signalCode, undefined));
  });
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
