// Bun reads a socket up to 512 KiB at a time (uSockets' receive buffer), so a
// fast stream reaches `data` in chunks that large; node:net reads 64 KiB at a
// time, which costs a read and a `data` call every 64 KiB (about 1.5x the
// throughput on a 256 MiB loopback stream when reading 512 KiB instead).
//
// node:net reads into a buffer of one's own with `onread`, but then emits no
// 'data'; and sockets that a server accepts take no options at all. So this
// uses the same machinery from outside: the handle reads into one shared
// 512 KiB buffer, and each read is copied into a buffer of its own (a handler
// may keep its chunk) and emitted as 'data' on the socket, which keeps every
// 'data' listener (Bun's `data` handler, the stream under an upgraded TLS
// session) as it was.
// One buffer serves every socket: a read is copied before the next can start.
// On a Node whose internals differ, sockets keep Node's own reads.
import { Buffer } from "node:buffer";
import { Socket, type Socket as NetSocket } from "node:net";

const READ_SIZE = 512 * 1024;

interface UserBufferHandle {
  useUserBuffer?: (buffer: Uint8Array) => void;
}

interface Internals {
  readonly buffer: symbol;
  readonly callback: symbol;
}

let internals: Internals | null | undefined;
let shared: Buffer | undefined;

/** node:net's own symbols for `onread` (own properties of every socket it makes), or null. */
function findInternals(): Internals | null {
  const symbols = Object.getOwnPropertySymbols(new Socket());
  const buffer = symbols.find((symbol) => symbol.description === "kBuffer");
  const callback = symbols.find((symbol) => symbol.description === "kBufferCb");
  return buffer === undefined || callback === undefined ? null : { buffer, callback };
}

/** Make `socket` (plain TCP or a Unix socket, not TLS) read up to 512 KiB at a time; a no-op where node:net cannot. */
export function readInLargeChunks(socket: NetSocket): void {
  const handle = (socket as unknown as { _handle?: UserBufferHandle | null })._handle;
  if (typeof handle?.useUserBuffer !== "function") return;
  internals ??= findInternals();
  if (internals === null) return;
  const slots = socket as unknown as Record<symbol, unknown>;
  // Already reading into a buffer of its own (its `onread`, or this before).
  if (slots[internals.buffer]) return;
  shared ??= Buffer.allocUnsafeSlow(READ_SIZE);
  slots[internals.buffer] = shared;
  slots[internals.callback] = (length: number, buffer: Buffer): void => {
    // A chunk of its own memory, as Bun's are (Buffer.from would hand small ones out of the shared pool).
    const chunk = Buffer.allocUnsafeSlow(length);
    buffer.copy(chunk, 0, 0, length);
    socket.emit("data", chunk);
  };
  handle.useUserBuffer(shared);
}
