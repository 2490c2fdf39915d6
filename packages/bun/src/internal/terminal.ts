// Bun.Terminal over @dx-compat/native's pseudo-terminals: the addon opens the
// pair, sets Bun's termios defaults and does the ioctls; Node reads the
// master through a tty.ReadStream on a duplicate of it (libuv polls it like
// any tty) and writes are plain non-blocking write(2)s on the master, the rest
// queued and retried until it flushes (libuv would write a pty master with
// blocking writes, stalling the event loop while the child is not reading).
import { isThenable, reportHandlerFailure } from "./handler-failure.ts";
import { ptyGetFlags, ptyOpen, ptyResize, ptySetFlag, ptySetRawMode, ptySupported, type PtyPair } from "@dx-compat/native";
import { notImplemented } from "@dx-compat/shared/errors";
import { closeSync, readSync, writeSync } from "node:fs";
import { ReadStream } from "node:tty";
import { isAnyArrayBuffer } from "node:util/types";
import { bunCoded, invalidArgType } from "./errors.ts";

const API = "Bun.Terminal";
const MAX_NAME_BYTES = 128;
const FLAG_MAX = 0xffff_ffff;
/** Retry delays for a master that would block (the child is not reading), in ms. */
const FIRST_RETRY = 1;
const LAST_RETRY = 32;

type Callback = (...args: unknown[]) => unknown;

interface TerminalOptions {
  cols: number;
  rows: number;
  data: Callback | undefined;
  exit: Callback | undefined;
  drain: Callback | undefined;
}

interface State {
  self: object;
  master: number;
  slave: number;
  reader: ReadStream | undefined;
  closed: boolean;
  /** After `[Symbol.asyncDispose]`: no more callbacks. */
  disposed: boolean;
  readerDone: boolean;
  /** Made by a spawn's `terminal: { ... }`: its slave went to that child only. */
  inlineSpawned: boolean;
  referenced: boolean;
  raw: boolean;
  saved: Uint8Array;
  options: TerminalOptions;
  queue: Uint8Array[];
  retry: NodeJS.Timeout | undefined;
  delay: number;
  drainScheduled: boolean;
  /** The descriptors still open, shared with the finalizer. */
  fds: { master: number; slave: number };
}

const states = new WeakMap<object, State>();

const closeAll = (fds: { master: number; slave: number }): void => {
  for (const fd of [fds.master, fds.slave]) {
    if (fd >= 0) {
      try {
        closeSync(fd);
      } catch {
        // Already closed.
      }
    }
  }
  fds.master = -1;
  fds.slave = -1;
};

/** A collected terminal closes its descriptors, as Bun's finalizer does. */
const finalizer = new FinalizationRegistry<{ master: number; slave: number }>(closeAll);

const isObject = (value: unknown): value is Record<string, unknown> => (typeof value === "object" && value !== null) || typeof value === "function";

/** `Number(value)` as JSC coerces it (a symbol throws JSC's message). */
function toNumber(value: unknown): number {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a number");
  return Number(value);
}

/** A size option: an integer-valued number in 1..65535, else the default. */
function dimension(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const number = Math.trunc(toNumber(value));
  return Number.isFinite(number) && number > 0 && number <= 65_535 ? number : fallback;
}

/** Reads Bun's terminal options, in Bun's order. */
function parseTerminalOptions(options: Record<string, unknown>): TerminalOptions {
  const cols = dimension(options["cols"], 80);
  const rows = dimension(options["rows"], 24);
  const name = options["name"];
  if (name !== undefined && name !== null) {
    if (typeof name !== "string") throw invalidArgType(`The "name" property must be of type string, got ${typeof name}`);
    if (Buffer.byteLength(name, "utf8") > MAX_NAME_BYTES) throw new Error(`Terminal name too long (max ${MAX_NAME_BYTES} characters)`);
  }
  const callback = (key: string): Callback | undefined => {
    const value = options[key];
    return typeof value === "function" ? (value as Callback) : undefined;
  };
  return { cols, rows, data: callback("data"), exit: callback("exit"), drain: callback("drain") };
}

function internal(self: unknown): State {
  const state = typeof self === "object" && self !== null ? states.get(self) : undefined;
  if (state === undefined) {
    const received = self === null || self === undefined ? String(self) : `an instance of ${(self as object).constructor?.name ?? "Object"}`;
    throw bunCoded(`Expected this to be instanceof Terminal, but received ${received}`, "ERR_INVALID_THIS", TypeError);
  }
  return state;
}

function getterState(self: unknown, name: string): State {
  const state = typeof self === "object" && self !== null ? states.get(self) : undefined;
  if (state === undefined) throw new TypeError(`The Terminal.${name} getter can only be used on instances of Terminal`);
  return state;
}

/** A Terminal callback, as Bun calls it: a throw (or a rejection) is printed and the terminal goes on (the process then ends with code 1). */
function call(state: State, callback: Callback | undefined, ...args: unknown[]): void {
  if (callback === undefined || state.disposed) return;
  try {
    const result: unknown = callback.call(state.self, state.self, ...args);
    if (isThenable(result)) result.then(undefined, reportHandlerFailure);
  } catch (error) {
    reportHandlerFailure(error);
  }
}

/**
 * After a hangup, what the master still holds: the last output of a child
 * that wrote and exited at once can reach the master after the reader saw
 * the hangup. The master is non-blocking, so this stops at EAGAIN or EIO.
 */
function drainAfterHangup(state: State): void {
  if (state.master < 0) return;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let count: number;
    try {
      count = readSync(state.master, buffer, 0, buffer.length, null);
    } catch {
      return;
    }
    if (count <= 0) return;
    call(state, state.options.data, Buffer.from(buffer.subarray(0, count)));
  }
}

function readerEnded(state: State, status: number): void {
  if (state.readerDone) return;
  state.readerDone = true;
  const reader = state.reader;
  state.reader = undefined;
  reader?.removeAllListeners("data");
  reader?.destroy();
  if (status === 1) drainAfterHangup(state);
  call(state, state.options.exit, status, null);
}

function startReader(state: State, fd: number): void {
  const reader = new ReadStream(fd);
  state.reader = reader;
  reader.on("data", (chunk: Buffer) => call(state, state.options.data, chunk));
  // A master reads EIO once no slave descriptor is left open (the child and its children are gone).
  // Node 24 reports that as an error; Node 22's libuv turns it into end-of-file. Both are Bun's status 1.
  reader.on("error", () => readerEnded(state, 1));
  reader.on("end", () => readerEnded(state, 1));
}

function scheduleDrain(state: State): void {
  if (state.options.drain === undefined || state.drainScheduled) return;
  state.drainScheduled = true;
  setImmediate(() => {
    state.drainScheduled = false;
    if (!state.closed && state.queue.length === 0) call(state, state.options.drain);
  });
}

/** Writes what the master takes now; true when nothing is left queued. */
function flush(state: State): boolean {
  while (state.queue.length > 0) {
    const chunk = state.queue[0] as Uint8Array;
    let written: number;
    try {
      written = writeSync(state.master, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") return false;
      throw error;
    }
    if (written >= chunk.byteLength) state.queue.shift();
    else state.queue[0] = chunk.subarray(written);
  }
  return true;
}

function retryLater(state: State): void {
  if (state.retry !== undefined) return;
  state.retry = setTimeout(() => {
    state.retry = undefined;
    if (state.closed) return;
    const before = state.queue.length === 0 ? 0 : (state.queue[0] as Uint8Array).byteLength;
    let done: boolean;
    try {
      done = flush(state);
    } catch {
      closeTerminal(state);
      return;
    }
    if (done) {
      state.delay = FIRST_RETRY;
      scheduleDrain(state);
      return;
    }
    const after = (state.queue[0] as Uint8Array).byteLength;
    state.delay = after < before ? FIRST_RETRY : Math.min(state.delay * 2, LAST_RETRY);
    retryLater(state);
  }, state.delay);
  if (!state.referenced) state.retry.unref();
}

function closeTerminal(state: State): void {
  if (state.closed) return;
  state.closed = true;
  state.queue = [];
  if (state.retry !== undefined) clearTimeout(state.retry);
  state.retry = undefined;
  // Bun closes the writer, then the reader (whose end reports a clean EOF), then the descriptors.
  readerEnded(state, 0);
  closeAll(state.fds);
  state.master = -1;
  state.slave = -1;
  finalizer.unregister(state);
}

function bytesOf(data: unknown): Uint8Array | undefined {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (isAnyArrayBuffer(data)) return new Uint8Array(data);
  return undefined;
}

/** Opens the pty of a new Terminal (the constructor's and an inline spawn's). */
function open(self: object, options: TerminalOptions): State {
  if (!ptySupported()) {
    throw notImplemented(API, "pseudo-terminals need @dx-compat/native's addon on Linux (Node has no posix_openpt)");
  }
  const pair: PtyPair | number = ptyOpen(options.cols, options.rows);
  if (typeof pair === "number") throw new Error("Failed to open PTY");
  const fds = { master: pair.master, slave: pair.slave };
  const state: State = {
    self,
    master: pair.master,
    slave: pair.slave,
    reader: undefined,
    closed: false,
    disposed: false,
    readerDone: false,
    inlineSpawned: false,
    referenced: true,
    raw: false,
    saved: new Uint8Array(64),
    options,
    queue: [],
    retry: undefined,
    delay: FIRST_RETRY,
    drainScheduled: false,
    fds,
  };
  startReader(state, pair.reader);
  states.set(self, state);
  finalizer.register(self, fds, state);
  return state;
}

/** The terminal behind a value, if it is one. */
export function terminalState(value: unknown): State | undefined {
  return typeof value === "object" && value !== null ? states.get(value) : undefined;
}

/** The terminal of `Bun.spawn(cmd, { terminal: { ... } })`. */
export function createInlineTerminal(options: Record<string, unknown>): State {
  const parsed = parseTerminalOptions(options);
  const self = Object.create(Terminal.prototype) as object;
  return open(self, parsed);
}

/** Closes an inline terminal whose spawn failed, without callbacks. */
export function discardTerminal(state: State): void {
  state.disposed = true;
  closeTerminal(state);
}

/** After an inline terminal's child started: only that child holds the slave, so its exit ends the reader. */
export function releaseInlineSlave(state: State): void {
  state.inlineSpawned = true;
  if (state.fds.slave >= 0) {
    closeSync(state.fds.slave);
    state.fds.slave = -1;
  }
  state.slave = -1;
}

function flagAccessor(index: 0 | 1 | 2 | 3, name: string): PropertyDescriptor {
  return {
    get(this: unknown): number {
      const state = getterState(this, name);
      if (state.closed) return 0;
      const flags = ptyGetFlags(state.master);
      return typeof flags === "number" ? 0 : flags[index];
    },
    set(this: unknown, value: unknown): void {
      const state = getterState(this, name);
      if (state.closed) return;
      const number = toNumber(value);
      // Zig's @min/@max pass NaN over: NaN saturates to the maximum.
      const clamped = Number.isNaN(number) ? FLAG_MAX : Math.max(0, Math.min(Math.trunc(number), FLAG_MAX));
      ptySetFlag(state.master, index, clamped);
    },
    enumerable: true,
    configurable: false,
  };
}

export interface TerminalConstructor {
  new (options: unknown): object;
  readonly prototype: object;
}

/**
 * `new Bun.Terminal(options)`: a pseudo-terminal. `cols`/`rows` (default
 * 80x24), `name` (checked, as Bun, but not passed on: the child's TERM is
 * its env's), and `data(terminal, bytes)`, `exit(terminal, status, null)`,
 * `drain(terminal)` callbacks.
 */
export const Terminal = function Terminal(this: object, options?: unknown): void {
  if (new.target === undefined) throw bunCoded("Terminal constructor cannot be invoked without 'new'", "ERR_ILLEGAL_CONSTRUCTOR", TypeError);
  if (!isObject(options)) throw new Error("Terminal constructor requires an options object");
  open(this, parseTerminalOptions(options));
} as unknown as TerminalConstructor;

const methods: Record<string, (this: unknown, ...args: unknown[]) => unknown> = {
  close(this: unknown): void {
    closeTerminal(internal(this));
  },
  ref(this: unknown): void {
    const state = internal(this);
    state.referenced = true;
    state.reader?.ref();
    state.retry?.ref();
  },
  resize(this: unknown, cols?: unknown, rows?: unknown): void {
    const state = internal(this);
    if (state.closed) throw new Error("Terminal is closed");
    const valid = (value: unknown): boolean => typeof value === "number" && (value | 0) > 0 && (value | 0) <= 65_535;
    if (!valid(cols)) throw new Error("resize() requires valid cols argument");
    if (!valid(rows)) throw new Error("resize() requires valid rows argument");
    if (ptyResize(state.master, (cols as number) | 0, (rows as number) | 0) !== 0) throw new Error("Failed to resize terminal");
  },
  setRawMode(this: unknown, enabled?: unknown): void {
    const state = internal(this);
    if (state.closed) throw new Error("Terminal is closed");
    const raw = Boolean(enabled);
    if (raw === state.raw) return;
    if (ptySetRawMode(state.master, raw, state.saved) !== 0) throw new Error("Failed to set raw mode");
    state.raw = raw;
  },
  unref(this: unknown): void {
    const state = internal(this);
    state.referenced = false;
    state.reader?.unref();
    state.retry?.unref();
  },
  write(this: unknown, data?: unknown): number {
    const state = internal(this);
    if (state.closed) throw new Error("Terminal is closed");
    if (data === undefined || data === null) throw new Error("write() requires data argument");
    const bytes = bytesOf(data);
    if (bytes === undefined) throw new Error("write() argument must be a string or ArrayBuffer");
    if (bytes.byteLength === 0) return 0;
    // Behind queued bytes: keep a copy (the caller may reuse its buffer).
    if (state.queue.length > 0) {
      state.queue.push(Uint8Array.from(bytes));
      return bytes.byteLength;
    }
    state.queue.push(bytes);
    let done: boolean;
    try {
      done = flush(state);
    } catch (error) {
      closeTerminal(state);
      throw error;
    }
    if (done) scheduleDrain(state);
    else {
      // What is left is a view of the caller's bytes, which it may reuse: keep a copy.
      state.queue = state.queue.map((chunk) => Uint8Array.from(chunk));
      retryLater(state);
    }
    return bytes.byteLength;
  },
};

const prototype = Terminal.prototype as Record<PropertyKey, unknown>;
const accessors: Record<string, PropertyDescriptor> = {
  closed: {
    get(this: unknown): boolean {
      return getterState(this, "closed").closed;
    },
    enumerable: true,
    configurable: false,
  },
  controlFlags: flagAccessor(3, "controlFlags"),
  inputFlags: flagAccessor(0, "inputFlags"),
  localFlags: flagAccessor(2, "localFlags"),
  outputFlags: flagAccessor(1, "outputFlags"),
};
// Bun's (JSC's) shape: alphabetical own properties, all enumerable and non-configurable.
for (const name of ["close", "closed", "controlFlags", "inputFlags", "localFlags", "outputFlags", "ref", "resize", "setRawMode", "unref", "write"]) {
  const accessor = accessors[name];
  if (accessor !== undefined) {
    Object.defineProperty(prototype, name, accessor);
    continue;
  }
  const method = methods[name] as (...args: unknown[]) => unknown;
  Object.defineProperty(prototype, name, { value: method, writable: true, enumerable: true, configurable: false });
}
// `constructor` last, as JSC lists it.
const ctor = Object.getOwnPropertyDescriptor(prototype, "constructor") as PropertyDescriptor;
Reflect.deleteProperty(prototype, "constructor");
Object.defineProperty(prototype, "constructor", ctor);
Object.defineProperty(prototype, Symbol.asyncDispose, {
  value: async function asyncDispose(this: unknown): Promise<void> {
    const state = internal(this);
    state.disposed = true;
    closeTerminal(state);
  },
  writable: true,
  enumerable: false,
  configurable: true,
});
Object.defineProperty(prototype, Symbol.toStringTag, { value: "Terminal", writable: false, enumerable: false, configurable: true });
Object.defineProperty(Terminal, "prototype", { writable: false });
Object.defineProperty(Terminal, "length", { value: 0 });
Object.defineProperty(Terminal, "name", { value: "Terminal" });
