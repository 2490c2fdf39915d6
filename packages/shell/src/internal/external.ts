// Commands that are not built-ins: found on the shell env's PATH and started
// directly by @dx-compat/native's spawn (no /bin/sh in between), their pipes
// wired to the shell's captures, buffers and pipeline stages.
import { spawn, which, type Collected } from "@dx-compat/native";
import { isMainThread } from "node:worker_threads";
import type { Readable, Writable } from "node:stream";
import { errnoText, type ShellState } from "./builtins/context.ts";
import { write, type Input, type Output, type Stdio } from "./io.ts";
import { releaseLinks } from "./pipe-link.ts";
import { constants } from "node:os";

const PIPE = -2;
const DEV_NULL = -1;
/** A pipe @dx-compat/native reads to its end itself, handing the bytes over with the exit. */
const COLLECT = -3;

function errnoCode(errno: number): string | undefined {
  for (const [name, value] of Object.entries(constants.errno)) if (value === errno) return name;
  return undefined;
}

/** The executable `name` resolves to, on `PATH` (the process's when the shell env has none). */
export function findExecutable(name: string, PATH: string | undefined, cwd: string): string | null {
  return which(name, PATH ?? process.env["PATH"] ?? "", cwd);
}

function inputSlot(input: Input): number {
  switch (input.kind) {
    case "fd":
      return input.fd;
    case "link":
      return input.link.readFd;
    case "null":
      return DEV_NULL;
    default:
      return PIPE;
  }
}

/** The JS object an output's bytes end up in, if it is one kept in memory. */
function memorySink(output: Output): object | null {
  if (output.kind === "capture") return output.capture;
  if (output.kind === "buffer") return output.bytes;
  return null;
}

/**
 * Whether the addon may collect a stream for the shell: its bytes go to
 * memory that nobody sees before the command ends (a quiet capture or a JS
 * buffer), and not to the same place as the other stream's, whose
 * interleaving would be lost. Such a command needs no stream per pipe.
 */
function collectable(output: Output, other: Output): boolean {
  const sink = memorySink(output);
  if (sink === null || sink === memorySink(other)) return false;
  return output.kind !== "capture" || output.capture.echo === null;
}

function outputSlot(output: Output, other: Output): number {
  if (collectable(output, other)) return COLLECT;
  switch (output.kind) {
    case "fd":
      return output.fd;
    case "link":
      return output.link.writeFd;
    case "ignore":
      return DEV_NULL;
    default:
      return PIPE;
  }
}

function feed(input: Input, stdin: Writable | null): void {
  if (stdin === null) return;
  stdin.on("error", () => {});
  if (input.kind === "bytes") stdin.end(input.data);
  else if (input.kind === "pipe") input.stream.pipe(stdin);
}

/** Drains a child's pipe into `output`; resolves when the pipe is closed. */
function drain(stream: Readable | null, output: Output): Promise<void> {
  if (stream === null) return Promise.resolve();
  return new Promise((resolve) => {
    stream.on("error", () => {});
    // 'end' comes a tick before 'close': the data is all there by then.
    stream.once("end", () => resolve());
    stream.once("close", () => resolve());
    if (output.kind === "pipe") {
      const pipe = output.stream;
      // When the next stage stops reading, close our end: the child gets EPIPE / SIGPIPE.
      pipe.once("close", () => stream.destroy());
      stream.pipe(pipe, { end: false });
      return;
    }
    stream.on("data", (chunk: Buffer) => void write(output, chunk));
  });
}

/**
 * The child's environment as "KEY=value" entries; null when it is the process's
 * own, unchanged, which the child then inherits without a copy being made here
 * (on the main thread only: a worker's `process.env` is its own copy).
 */
function envEntries(state: ShellState, assigns: ReadonlyMap<string, string>): string[] | null {
  if (assigns.size === 0 && isMainThread && state.exported.isProcessEnvironment()) return null;
  const entries: string[] = [];
  for (const [name, value] of state.exported.entries()) if (!assigns.has(name)) entries.push(`${name}=${value}`);
  for (const [name, value] of assigns) entries.push(`${name}=${value}`);
  return entries;
}

/**
 * Runs `file` (what `argv[0]` resolved to, see {@link findExecutable}) as a
 * child process; resolves with its exit code (128 + signal when killed). A
 * spawn that fails is reported on the shell's stderr, as Bun reports it.
 */
export async function spawnExternal(
  file: string,
  argv: readonly string[],
  state: ShellState,
  assigns: ReadonlyMap<string, string>,
  io: Stdio,
  shellStderr: Output,
): Promise<number> {
  let exited!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const finish = (exitCode: number | null, signalCode: number | null, collected: Collected | null): void => {
    if (collected?.stdout) void write(io.stdout, collected.stdout);
    if (collected?.stderr) void write(io.stderr, collected.stderr);
    exited(exitCode ?? 128 + (signalCode ?? 0));
  };
  const child = spawn(
    {
      file,
      // Bun gives the child the path it resolved as its argv[0].
      argv: [file, ...argv.slice(1)],
      env: envEntries(state, assigns),
      cwd: state.cwd,
      stdin: inputSlot(io.stdin),
      stdout: outputSlot(io.stdout, io.stderr),
      stderr: outputSlot(io.stderr, io.stdout),
    },
    (exitCode, signalCode, _usage, _execErrno, collected) => finish(exitCode, signalCode, collected),
  );
  releaseLinks(io);
  if (child.pid === 0) {
    await write(shellStderr, `bun: ${errnoText(errnoCode(child.errno))}: ${file}\n`);
    return 1;
  }
  feed(io.stdin, child.stdin);
  const [code] = await Promise.all([exit, drain(child.stdout, io.stdout), drain(child.stderr, io.stderr)]);
  if (io.stdin.kind === "pipe") io.stdin.stream.unpipe();
  return code;
}
