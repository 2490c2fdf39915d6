// The bytes a compression function works on, read from its first argument the
// way Bun's `StringOrBuffer` reads it.
import { Buffer } from "node:buffer";
import { isAnyArrayBuffer } from "node:util/types";
import { invalidArgType } from "../errors.ts";

/** The primitive inside a `String` wrapper object (`new String("x")`), which Bun accepts like a string. */
function wrappedString(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  try {
    // Throws for anything but a real String object, whatever its Symbol.toStringTag says.
    return String.prototype.valueOf.call(value);
  } catch {
    return undefined;
  }
}

/**
 * A string (or String object) as UTF-8, the bytes any typed array or DataView
 * shows, or a whole ArrayBuffer or SharedArrayBuffer. Everything else,
 * Blobs and array-likes included, is Bun's `ERR_INVALID_ARG_TYPE`.
 */
export function inputBytes(data: unknown): Uint8Array {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (isAnyArrayBuffer(data)) return new Uint8Array(data);
  const text = wrappedString(data);
  if (text !== undefined) return Buffer.from(text, "utf8");
  throw invalidArgType("data must be a string, ArrayBuffer or ArrayBufferView");
}

/** `bytes` as a plain Uint8Array that owns exactly its bytes (as Bun returns them): no copy when it already does. */
export function ownedUint8Array(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return new Uint8Array(bytes.buffer, 0, bytes.byteLength);
  }
  return new Uint8Array(bytes);
}

/** `bytes` as a Buffer that owns exactly its bytes (Bun's zstd functions return such Buffers). */
export function ownedBuffer(bytes: Uint8Array): Buffer<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return Buffer.from(bytes.buffer, 0, bytes.byteLength);
  }
  // allocUnsafeSlow never hands out a slice of the shared pool.
  const owned = Buffer.allocUnsafeSlow(bytes.byteLength);
  owned.set(bytes);
  return owned;
}
