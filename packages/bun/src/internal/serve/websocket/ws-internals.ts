// The parts of the `ws` package this server is built on. `ws` exports its
// frame parser, framer and permessage-deflate codec, but @types/ws only
// declares the WebSocket/WebSocketServer classes, so they are typed here.
// Loaded on first use: importing ws costs tens of milliseconds, which every
// program importing "bun" would otherwise pay at startup.
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";

export interface PerMessageDeflateInstance {
  params: Record<string, unknown>;
  cleanup(): void;
}

export interface ReceiverInstance {
  write(chunk: Buffer): boolean;
  on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: "ping" | "pong", listener: (data: Buffer) => void): this;
  on(event: "conclude", listener: (code: number, reason: Buffer) => void): this;
  on(event: "error", listener: (error: Error & { code?: string }) => void): this;
  on(event: "drain", listener: () => void): this;
}

export interface SenderInstance {
  send(data: Buffer | string, options: { binary: boolean; compress: boolean; fin: boolean; mask: false }, cb?: (err?: Error) => void): void;
  onerror: (err: Error) => void;
}

interface WsInternals {
  Receiver: new (options: {
    allowSynchronousEvents: boolean;
    binaryType: "nodebuffer";
    extensions: Record<string, PerMessageDeflateInstance>;
    isServer: boolean;
    maxPayload: number;
    skipUTF8Validation: boolean;
  }) => ReceiverInstance;
  Sender: new (socket: Duplex, extensions: Record<string, PerMessageDeflateInstance>) => SenderInstance;
  PerMessageDeflate: new (options: {
    serverNoContextTakeover: boolean;
    clientNoContextTakeover: boolean;
    threshold: number;
    isServer: boolean;
    maxPayload: number;
  }) => PerMessageDeflateInstance;
}

let loaded: WsInternals | undefined;

/** ws's internals (its CommonJS entry hangs them on the WebSocket class). */
export function ws(): WsInternals {
  loaded ??= createRequire(import.meta.url)("ws") as WsInternals;
  return loaded;
}
