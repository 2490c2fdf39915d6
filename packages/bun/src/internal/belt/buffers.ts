// Byte helpers shared by concatArrayBuffers, ArrayBufferSink and the
// readableStreamTo* functions.
import { types } from "node:util";

/** The bytes a view or an (Shared)ArrayBuffer covers, without copying; undefined for anything else. */
export function viewBytes(value: unknown): Uint8Array | undefined {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (types.isArrayBuffer(value) || types.isSharedArrayBuffer(value)) return new Uint8Array(value as ArrayBuffer);
  return undefined;
}

/**
 * A fresh ArrayBuffer of exactly `length` bytes, not zero-filled (Bun
 * allocates uninitialised memory for its concatenations; Node's unsafe slow
 * Buffer is the same thing and owns its whole ArrayBuffer).
 */
export function uninitializedArrayBuffer(length: number): ArrayBuffer {
  if (length === 0) return new ArrayBuffer(0);
  return Buffer.allocUnsafeSlow(length).buffer as ArrayBuffer;
}

/** The parts copied one after another into a new ArrayBuffer, `length` bytes in all. */
export function concatInto(parts: readonly Uint8Array[], length: number): ArrayBuffer {
  const out = uninitializedArrayBuffer(length);
  const target = new Uint8Array(out);
  let offset = 0;
  for (const part of parts) {
    if (offset >= length) break;
    const take = Math.min(part.byteLength, length - offset);
    target.set(take === part.byteLength ? part : part.subarray(0, take), offset);
    offset += take;
  }
  return out;
}
