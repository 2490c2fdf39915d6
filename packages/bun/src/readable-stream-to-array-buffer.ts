import { assertReadableStream, chunkBytes, concatChunks, readAllChunks } from "./internal/belt/streams.ts";

/**
 * `Bun.readableStreamToArrayBuffer(stream)`: a promise of the stream's bytes
 * in one new ArrayBuffer (string chunks as UTF-8). As in Bun 1.4.5, a stream
 * of exactly one string chunk gives that string's bytes as a Uint8Array, and a
 * chunk that is not a string, view or ArrayBuffer is a TypeError. Where Bun
 * reads chunks already queued synchronously and throws such an error from the
 * call itself, Node's streams only read asynchronously: here it rejects.
 *
 * @example
 * ```ts
 * import { readableStreamToArrayBuffer } from "@dx-compat/bun";
 * const buffer = await readableStreamToArrayBuffer(new Response("hi").body!);
 * ```
 */
export const readableStreamToArrayBuffer: typeof import("bun").readableStreamToArrayBuffer = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  readableStreamToArrayBuffer(
    stream: ReadableStream<ArrayBufferView | ArrayBufferLike>,
  ): Promise<ArrayBuffer> {
    assertReadableStream(stream);
    return readAllChunks(stream).then((chunks) => {
      if (chunks.length === 1 && typeof chunks[0] === "string") return new TextEncoder().encode(chunks[0]) as unknown as ArrayBuffer;
      return concatChunks(chunkBytes(chunks));
    });
  },
}.readableStreamToArrayBuffer;
