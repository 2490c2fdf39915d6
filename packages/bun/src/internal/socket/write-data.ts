// The bytes `socket.write(data, byteOffset, byteLength)` / `end(...)` send, with Bun's checks.
import { readBlobSync } from "../blob-sync.ts";
import { BunFile } from "../file/bun-file.ts";
import { describeReceived, invalidArgType, outOfRange } from "../errors.ts";

/**
 * Bun applies the offset and length to the UTF-8 bytes of a string too, and its
 * `byteLength` defaults to the whole length, not the rest after `byteOffset`
 * (so `write(bytes, 2)` alone is out of range): both kept.
 */
export function bytesToWrite(data: unknown, byteOffset: unknown, byteLength: unknown): Buffer {
  if (typeof data === "string" && byteOffset === undefined && byteLength === undefined) return Buffer.from(data, "utf8");
  const whole = wholeBytes(data);
  const offset = byteOffset === undefined ? 0 : Math.trunc(Number(byteOffset));
  if (offset < 0) throw outOfRange(`The value of "byteOffset" is out of range. It must be >= 0 and <= ${Number.MAX_SAFE_INTEGER}. Received ${offset}`);
  if (offset > whole.byteLength) throw outOfRange(`The value of "byteOffset" is out of range. It must be >= 0 and <= ${whole.byteLength}. Received ${offset}`);
  const length = byteLength === undefined ? whole.byteLength : Math.trunc(Number(byteLength));
  const room = whole.byteLength - offset;
  if (length < 0 || length > room) throw outOfRange(`The value of "byteLength" is out of range. It must be >= 0 and <= ${room}. Received ${length}`);
  const chosen = offset === 0 && length === whole.byteLength ? whole : whole.subarray(offset, offset + length);
  // Bun's bytes are in the kernel when write() returns, so the caller may reuse
  // its buffer at once; Node may still hold part of the chunk, so it gets a copy.
  return typeof data === "string" ? chosen : Buffer.from(chosen);
}

function wholeBytes(data: unknown): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer || data instanceof SharedArrayBuffer) return Buffer.from(data);
  if (data instanceof Blob) return blobBytes(data);
  throw invalidArgType(`The "data" argument must be of type string, buffer, or blob. ${describeReceived(data)}`);
}

/**
 * Bun writes an in-memory Blob's bytes at once and refuses a file-backed one
 * with a plain Error. Node keeps a Blob's bytes out of reach of synchronous
 * code, so they are read through the blob-sync worker while this thread waits.
 */
function blobBytes(blob: Blob): Buffer {
  if (blob instanceof BunFile) throw new Error("File blob not supported yet in this function.");
  const bytes = readBlobSync(blob);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
