// What Bun's readableStreamTo* functions share: the argument check, the
// locked-stream rejection, reading every chunk, and turning chunks into bytes
// or text with Bun's errors.
import { types } from "node:util";
import { bunCoded, describeReceived, invalidArgType } from "../errors.ts";
import { concatInto, viewBytes } from "./buffers.ts";

export function assertReadableStream(stream: unknown): asserts stream is ReadableStream<unknown> {
  if (!(stream instanceof ReadableStream)) throw invalidArgType(`The "stream" argument must be of type ReadableStream. ${describeReceived(stream)}`);
}

function lockedError(): Error {
  return bunCoded("Invalid state: ReadableStream is locked", "ERR_INVALID_STATE", TypeError);
}

/** Every chunk until the stream closes; rejects with the stream's error, or at once if it is locked. */
export async function readAllChunks(stream: ReadableStream<unknown>): Promise<unknown[]> {
  if (stream.locked) throw lockedError();
  const reader = stream.getReader();
  const chunks: unknown[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return chunks;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}

const binaryChunkError = "Expected an ArrayBuffer, ArrayBufferView, or string chunk";

/** Chunks as bytes: strings as UTF-8, views and ArrayBuffers as their bytes; anything else is Bun's TypeError. */
export function chunkBytes(chunks: readonly unknown[], message: string = binaryChunkError): Uint8Array[] {
  return chunks.map((chunk) => {
    if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
    const bytes = viewBytes(chunk);
    if (bytes === undefined) throw new TypeError(message);
    return bytes;
  });
}

export function concatChunks(parts: readonly Uint8Array[]): ArrayBuffer {
  return concatInto(parts, parts.reduce((sum, part) => sum + part.byteLength, 0));
}

type BlobPart = NonNullable<ConstructorParameters<typeof Blob>[0]>[number];

/**
 * Chunks as Blob parts. Node's Blob rejects some SharedArrayBuffer-backed
 * parts that Bun takes, so those are copied first; other values become their
 * string form, as in a Blob.
 */
export function blobParts(chunks: readonly unknown[]): BlobPart[] {
  return chunks.map((chunk) => {
    if (types.isSharedArrayBuffer(chunk)) return new Uint8Array(chunk as SharedArrayBuffer).slice();
    if (ArrayBuffer.isView(chunk) && types.isSharedArrayBuffer(chunk.buffer)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice();
    return chunk as BlobPart;
  });
}

/** UTF-8 text of the chunks, decoded as one (a BOM dropped, bad bytes as U+FFFD). */
export function chunksToText(chunks: readonly unknown[]): string {
  const parts = chunkBytes(chunks, "Expected text, ArrayBuffer or ArrayBufferView");
  return new TextDecoder().decode(new Uint8Array(concatChunks(parts)));
}
