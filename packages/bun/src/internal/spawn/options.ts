// Bun.spawn / Bun.spawnSync option parsing, in Bun's order and with Bun's
// errors: what is validated first is what a caller sees first.
import { notImplemented } from "@dx-compat/shared/errors";
import { constants as fsConstants, openSync } from "node:fs";
import { isAnyArrayBuffer } from "node:util/types";
import { describeReceived, invalidArgType, invalidArgValue, outOfRange, systemError } from "../errors.ts";
import { fileTarget } from "../file/target.ts";
import { createInlineTerminal, discardTerminal, terminalState } from "../terminal.ts";
import { launchPath } from "./launch-env.ts";
import { parseKillSignal, SIGTERM } from "./signals.ts";
import { which as lookUp } from "@dx-compat/native";

/** Where a child's stdin comes from. */
export type InputSpec =
  | { readonly kind: "ignore" | "inherit" | "pipe" }
  | { readonly kind: "fd"; readonly fd: number }
  | { readonly kind: "path"; readonly path: string }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "blob"; readonly blob: Blob }
  | { readonly kind: "stream"; readonly stream: ReadableStream<unknown>; readonly body?: true };

/** Where a child's stdout/stderr goes (BunFile fds become `fd` with `fromFile`). */
export type OutputSpec =
  | { readonly kind: "ignore" | "inherit" | "pipe" }
  | { readonly kind: "fd"; readonly fd: number; readonly fromFile?: boolean }
  | { readonly kind: "path"; readonly path: string };

type Spec = InputSpec | OutputSpec | { readonly kind: "ipc" };

export interface ParsedSpawn {
  /** The resolved executable. */
  file: string;
  /** argv as the child sees it, argv[0] included. */
  argv: string[];
  /** What errors call the program: argv[0]. */
  displayPath: string;
  /** "launch": no `env` was given, so the launch environment, which the addon keeps itself. */
  env: string[] | "launch";
  /** "" when not given. */
  cwd: string;
  stdin: InputSpec;
  stdout: OutputSpec;
  stderr: OutputSpec;
  extra: Spec[];
  timeout: number;
  killSignal: number;
  maxBuffer: number;
  detached: boolean;
  signal: AbortSignal | undefined;
  onExit: ((...args: unknown[]) => unknown) | undefined;
  onDisconnect: ((...args: unknown[]) => unknown) | undefined;
  ipc: ((...args: unknown[]) => unknown) | undefined;
  serialization: "json" | "advanced";
  /** The pseudo-terminal the child runs on (its slave as fds 0, 1 and 2). */
  terminal: TerminalUse | undefined;
}

/** A spawn's terminal: one passed in, or one made from options (`inline`). */
interface TerminalUse {
  state: NonNullable<ReturnType<typeof terminalState>>;
  inline: boolean;
}

/** Bun skips `terminal` when it is undefined, null or "" (and rejects every other falsy value). */
const givenTerminal = (value: unknown): boolean => value !== undefined && value !== null && value !== "";

/** Bun's fallback search path when `env` is given without PATH. */
const DEFAULT_SPAWN_PATH = "/usr/bin:/bin";

type Options = Record<string, unknown>;

const isObject = (value: unknown): value is Options => (typeof value === "object" && value !== null) || typeof value === "function";
const isCallable = (value: unknown): value is (...args: unknown[]) => unknown => typeof value === "function";

/** JSC's string conversion: as `String()`, but a symbol throws. */
export function toBunString(value: unknown): string {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return String(value);
}

function toLength(value: unknown): number {
  const number = Math.trunc(Number(value));
  return Number.isFinite(number) && number > 0 ? number : 0;
}

function commandNotFound(command: string): Error {
  const path = command.length > 0 ? command : undefined;
  return systemError(`Executable not found in $PATH: "${command}"`, "ENOENT", -2, path);
}

function resolveArgv(cmd: unknown, PATH: string, cwd: string, argv0: string | undefined): { file: string; argv: string[] } {
  if (cmd === undefined || cmd === null) throw invalidArgType("cmd must be an array of strings");
  const list = Object(cmd) as ArrayLike<unknown>;
  const length = toLength(list.length);
  if (length === 0) throw invalidArgType("cmd must not be empty");
  const first = toBunString(list[0]);
  if (first.includes("\0")) throw invalidArgValue(`The argument 'args[0]' must be a string without null bytes. Received ${JSON.stringify(first)}`);
  let file = first;
  if (!first.includes("/")) {
    const found = lookUp(first, PATH.length > 0 ? PATH : DEFAULT_SPAWN_PATH, cwd.length > 0 ? cwd : process.cwd());
    if (found === null) throw commandNotFound(first);
    file = found;
  }
  const argv = [argv0 ?? first];
  for (let index = 1; index < length; index++) {
    const arg = toBunString(list[index]);
    if (arg.includes("\0")) throw invalidArgValue(`The argument 'args[${index}]' must be a string without null bytes. Received "${arg}"`);
    argv.push(arg);
  }
  return { file, argv };
}

function envFrom(object: Options): { env: string[]; PATH: string } {
  const env: string[] = [];
  let PATH = "";
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value === undefined) continue;
    const text = toBunString(value);
    if (key.includes("\0")) throw invalidArgValue(`The property 'options.env['${key}']' must be a string without null bytes. Received "${key}"`);
    if (text.includes("\0")) throw invalidArgValue(`The property 'options.env['${key}']' must be a string without null bytes. Received "${text}"`);
    if (key === "PATH") PATH = text;
    env.push(`${key}=${text}`);
  }
  return { env, PATH };
}

function bytesOf(value: unknown): Uint8Array | undefined {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  return undefined;
}

const badString = "stdio must be an array of 'inherit', 'pipe', 'ignore', Bun.file(pathOrFd), number, or null";

function fdSpec(fd: number, index: number, fromFile: boolean): Spec {
  if (fd === 0) {
    if (index === 1 || index === 2) throw invalidArgType("stdin cannot be used for stdout or stderr");
    if (index === 0) return { kind: "inherit" };
  } else if (fd === 1 || fd === 2) {
    if (index === 0) throw invalidArgType("stdout and stderr cannot be used for stdin");
    if (index === fd) return { kind: "inherit" };
  }
  return fromFile ? { kind: "fd", fd, fromFile } : { kind: "fd", fd };
}

/** One stdio slot (`undefined` keeps the default). */
function stdioSpec(value: unknown, index: number, sync: boolean, fallback: Spec): Spec {
  if (value === undefined) return fallback;
  if (value === null) return { kind: "ignore" };
  if (typeof value === "string") {
    if (value === "inherit" || value === "ignore") return { kind: value };
    if (value === "pipe" || value === "overlapped") return { kind: "pipe" };
    if (value === "ipc") return { kind: "ipc" };
    throw invalidArgType(badString);
  }
  if (typeof value === "number") {
    if (value < 0) throw invalidArgType("file descriptor must be a positive integer");
    if (value >= 2_147_483_647) throw invalidArgType(`file descriptor must be a valid integer, received: ${String(value)}`);
    return fdSpec(Math.trunc(value) || 0, index, false);
  }
  const target = fileTarget(value);
  if (target !== undefined) {
    if (target.kind === "path") return { kind: "path", path: target.path };
    return fdSpec(target.fd, index, true);
  }
  if (value instanceof Blob || value instanceof Response || value instanceof Request) {
    if (index > 0) throw invalidArgType("Blobs are immutable, and cannot be used for stdout/stderr");
    if (value instanceof Blob) return { kind: "blob", blob: value };
    const body = value.body;
    return body === null ? { kind: "ignore" } : { kind: "stream", stream: body, body: true };
  }
  if (value instanceof ReadableStream) {
    if (index > 0) return { kind: "ignore" };
    if (sync) throw invalidArgType("'stdin' ReadableStream cannot be used in sync mode");
    return { kind: "stream", stream: value };
  }
  const bytes = bytesOf(value);
  if (bytes !== undefined) {
    if (index > 0) throw invalidArgType("ArrayBufferView cannot be used for stdout/stderr yet");
    return bytes.byteLength === 0 ? { kind: "ignore" } : { kind: "bytes", bytes };
  }
  throw invalidArgType("stdio must be an array of 'inherit', 'ignore', or null");
}

function parseTimeout(value: unknown): number {
  if (value === undefined || value === null || value === Infinity) return 0;
  if (typeof value !== "number") throw invalidArgType(`The "timeout" property must be of type number. Received ${value === null ? "null" : typeof value}`);
  if (Number.isNaN(value)) throw outOfRange(`The value of "timeout" is out of range. It must be a non-negative integer. Received NaN`);
  if (value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw outOfRange(`The value of "timeout" is out of range. It must be >= 0 and <= 9007199254740991. Received ${String(value)}`);
  }
  if (!Number.isInteger(value)) throw invalidArgType(`The "timeout" property must be of type integer. Received number`);
  // Bun keeps the low 31 bits.
  return value % 2 ** 31;
}

function abortError(signal: AbortSignal): Error {
  const error = new Error("The operation was aborted", { cause: signal.reason });
  Object.defineProperty(error, "name", { value: "AbortError", writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, "code", { value: "ABORT_ERR", writable: true, configurable: true, enumerable: false });
  return error;
}

const isPiped = (spec: Spec): boolean => spec.kind === "pipe" || spec.kind === "bytes" || spec.kind === "blob" || spec.kind === "stream";

/** Reads `Bun.spawn(cmd, options)` / `Bun.spawn({ cmd, ... })` (and the Sync variants). */
export function parseSpawnArguments(api: string, first: unknown, second: unknown, sync: boolean): ParsedSpawn {
  if (first === undefined || first === null) throw invalidArgType("cmd must be an array");
  let cmd: unknown;
  let options: unknown;
  if (Array.isArray(first)) {
    cmd = first;
    options = second;
  } else if (!isObject(first)) {
    throw invalidArgType("cmd must be an array");
  } else {
    cmd = first["cmd"];
    if (!cmd) throw invalidArgType("cmd must be an array");
    options = first;
  }

  let argv0: string | undefined;
  let cwd = "";
  let env: string[] | undefined;
  let PATH = launchPath();
  let stdio: Spec[] = [{ kind: "ignore" }, { kind: "pipe" }, sync ? { kind: "pipe" } : { kind: "inherit" }];
  const extra: Spec[] = [];
  let timeout = 0;
  let killSignal = SIGTERM;
  let maxBuffer = 0;
  let detached = false;
  let signal: AbortSignal | undefined;
  let onExit: ParsedSpawn["onExit"];
  let onDisconnect: ParsedSpawn["onDisconnect"];
  let ipc: ParsedSpawn["ipc"];
  let serialization: "json" | "advanced" = "advanced";
  let resolved: { file: string; argv: string[] };
  let terminal: TerminalUse | undefined;

  if (isObject(options)) {
    const o = options;
    const argv0Value = o["argv0"];
    if (argv0Value) {
      const text = toBunString(argv0Value);
      if (text.length > 0) argv0 = text;
    }
    const cwdValue = o["cwd"];
    if (cwdValue) cwd = toBunString(cwdValue);

    if (sync && givenTerminal(o["terminal"])) throw invalidArgType("terminal option is only supported for Bun.spawn, not Bun.spawnSync");
    if (!sync) {
      const ipcValue = o["ipc"];
      if (ipcValue && isCallable(ipcValue)) {
        const mode = o["serialization"];
        if (mode) {
          if (typeof mode !== "string") throw invalidArgType("Expected serialization to be a string for 'spawn'.");
          if (mode !== "json" && mode !== "advanced") throw invalidArgType('serialization must be "json" or "advanced"');
          serialization = mode;
        }
        ipc = ipcValue;
      }
    }
    const signalValue = o["signal"];
    if (signalValue) {
      if (!(signalValue instanceof AbortSignal)) throw invalidArgType(`The "signal" argument must be of type AbortSignal. ${describeReceived(signalValue)}`);
      signal = signalValue;
    }
    const onDisconnectValue = o["onDisconnect"];
    if (onDisconnectValue) {
      if (!isCallable(onDisconnectValue)) throw invalidArgType("onDisconnect must be a function or undefined");
      onDisconnect = onDisconnectValue;
    }
    const onExitValue = o["onExit"];
    if (onExitValue) {
      if (!isCallable(onExitValue)) throw invalidArgType("onExit must be a function or undefined");
      onExit = onExitValue;
    }
    const envValue = o["env"];
    if (envValue) {
      if (!isObject(envValue)) throw invalidArgType("env must be an object");
      const parsed = envFrom(envValue);
      env = parsed.env;
      PATH = parsed.PATH;
    }

    resolved = resolveArgv(cmd, PATH, cwd, argv0);

    const stdioValue = o["stdio"];
    if (stdioValue !== undefined && stdioValue !== null) {
      if (!Array.isArray(stdioValue)) throw invalidArgType("stdio must be an array");
      stdioValue.forEach((value: unknown, index) => {
        if (index < 3) stdio[index] = stdioSpec(value, index, sync, stdio[index] as Spec);
        else extra.push(stdioSpec(value, index, sync, { kind: "ignore" }));
      });
    } else {
      stdio = [
        stdioSpec(o["stdin"], 0, sync, stdio[0] as Spec),
        stdio[1] as Spec,
        stdioSpec(o["stderr"], 2, sync, stdio[2] as Spec),
      ];
      stdio[1] = stdioSpec(o["stdout"], 1, sync, stdio[1] as Spec);
    }

    if (typeof o["detached"] === "boolean") detached = o["detached"];
    timeout = parseTimeout(o["timeout"]);
    if (o["killSignal"] !== undefined) killSignal = parseKillSignal(o["killSignal"]);
    const maxBufferValue = o["maxBuffer"];
    if (typeof maxBufferValue === "number" && Number.isFinite(maxBufferValue)) {
      const value = Math.trunc(maxBufferValue);
      if (value > 0 && stdio.some(isPiped)) maxBuffer = value;
    }
    const terminalValue = o["terminal"];
    if (!sync && givenTerminal(terminalValue)) {
      if (!isObject(terminalValue)) throw invalidArgType("terminal must be a Terminal object or options object");
      const existing = terminalState(terminalValue);
      if (existing !== undefined) {
        if (existing.closed) throw invalidArgType("terminal is closed");
        if (existing.inlineSpawned) throw invalidArgType("terminal was created inline by a previous spawn and cannot be reused");
        terminal = { state: existing, inline: false };
      } else {
        terminal = { state: createInlineTerminal(terminalValue), inline: true };
      }
    }
  } else {
    resolved = resolveArgv(cmd, PATH, cwd, argv0);
  }

  try {
    for (const spec of stdio) if (spec.kind === "ipc") throw notImplemented(api, '"ipc" for stdin, stdout or stderr is not supported; pass `ipc` instead');
    if (signal?.aborted) throw abortError(signal);
  } catch (error) {
    if (terminal?.inline === true) discardTerminal(terminal.state);
    throw error;
  }
  if (sync && stdio[0]?.kind === "pipe") stdio[0] = { kind: "ignore" };

  return {
    file: resolved.file,
    argv: resolved.argv,
    displayPath: resolved.argv[0] ?? "",
    env: env ?? "launch",
    cwd,
    stdin: stdio[0] as InputSpec,
    stdout: stdio[1] as OutputSpec,
    stderr: stdio[2] as OutputSpec,
    extra,
    timeout,
    killSignal,
    maxBuffer,
    detached,
    signal,
    onExit,
    onDisconnect,
    ipc,
    serialization,
    terminal,
  };
}

/** The errors Bun reports for a failed posix_spawn, with its message, code and errno. */
const spawnErrors: Record<string, [string, number]> = {
  ENOENT: ["no such file or directory", -2],
  EACCES: ["permission denied", -13],
  EPERM: ["operation not permitted", -1],
  ENOTDIR: ["not a directory", -20],
  EISDIR: ["is a directory", -21],
};

/** Bun's error for a spawn that failed with `code` (e.g. "ENOENT") for the program `displayPath`. */
export function spawnFailure(code: string, errno: number, displayPath: string, message?: string): Error {
  const known = spawnErrors[code];
  if (known !== undefined && displayPath.length > 0) {
    return systemError(`${code}: ${known[0]}, posix_spawn '${displayPath}'`, code, known[1], displayPath, "posix_spawn");
  }
  return systemError(`${code}: ${message ?? "spawn failed"}, posix_spawn`, code, errno, undefined, "posix_spawn");
}

/** Mode of a file a child's output creates (as Bun, before the umask). */
const STDIO_FILE_MODE = 0o664;

/**
 * Opens a BunFile's path as a child's stdio, as Bun does: created when
 * missing, never truncated. The descriptor is added to `opened` (the caller
 * closes them once the child has its copies); a failure is Bun's spawn error.
 */
export function openStdioFile(path: string, flags: number, parsed: ParsedSpawn, opened: number[]): number {
  try {
    const fd = openSync(path, flags | fsConstants.O_CREAT, STDIO_FILE_MODE);
    opened.push(fd);
    return fd;
  } catch (error) {
    const { code, errno } = error as { code?: string; errno?: number };
    throw spawnFailure(code ?? "EIO", errno ?? 0, parsed.displayPath);
  }
}
