// The handler object of Bun.listen / Bun.connect (`socket: { open, data, … }`), validated as Bun does.
import type { BinaryType } from "bun";
import { invalidArgType } from "../errors.ts";

type Callback = (...args: never[]) => unknown;

export interface SocketHandlers {
  open?: Callback;
  close?: Callback;
  data?: Callback;
  drain?: Callback;
  error?: Callback;
  end?: Callback;
  timeout?: Callback;
  connectError?: Callback;
  handshake?: Callback;
  binaryType: BinaryType;
}

// Bun's native names for each callback, as its error messages spell them.
const nativeNames = {
  open: "onOpen",
  close: "onClose",
  data: "onData",
  drain: "onWritable",
  error: "onError",
  end: "onEnd",
  timeout: "onTimeout",
  connectError: "onConnectError",
  handshake: "onHandshake",
} as const;

type CallbackName = keyof typeof nativeNames;

/** Validate `options.socket`; `undefined`/`null` callbacks count as absent. */
export function parseHandlers(socket: unknown): SocketHandlers {
  const source = socket as Record<string, unknown>;
  const handlers: SocketHandlers = { binaryType: "buffer" };
  for (const name of Object.keys(nativeNames) as CallbackName[]) {
    const value = source[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== "function") throw invalidArgType(`Expected "${nativeNames[name]}" callback to be a function`);
    handlers[name] = value as Callback;
  }
  if (handlers.data === undefined && handlers.drain === undefined) throw invalidArgType('Expected at least "data" or "drain" callback');
  const binaryType = source["binaryType"];
  if (binaryType !== undefined) {
    if (binaryType !== "buffer" && binaryType !== "arraybuffer" && binaryType !== "uint8array") {
      throw invalidArgType('SocketHandler.binaryType must be "arraybuffer", "buffer", or "uint8array"');
    }
    handlers.binaryType = binaryType;
  }
  return handlers;
}

/** What a `data` callback receives for a chunk Node read, in the handler's `binaryType`. */
export function toBinaryType(chunk: Buffer, binaryType: BinaryType): Buffer | ArrayBuffer | Uint8Array {
  if (binaryType === "buffer") return chunk;
  if (binaryType === "uint8array") return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer;
  return whole ? (chunk.buffer as ArrayBuffer) : chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer;
}

/** A mutable reference to a handler set: a listener's sockets share one, so `reload` reaches them all. */
export interface HandlerSlot {
  handlers: SocketHandlers;
}

/** `reload(options)` on a listener ("object") or a socket ("option"): Bun's checks, then the new handlers. */
export function parseReload(args: unknown[], noun: "object" | "option"): SocketHandlers {
  if (args.length === 0) throw new Error("Expected 1 argument");
  const options = args[0] as { socket?: unknown } | null | undefined;
  const socket = typeof options === "object" && options !== null ? options.socket : undefined;
  if (typeof socket !== "object" || socket === null) throw new Error(`Expected "socket" ${noun}`);
  return parseHandlers(socket);
}
