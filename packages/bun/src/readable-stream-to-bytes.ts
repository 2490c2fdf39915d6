import { assertReadableStream, chunkBytes, concatChunks, readAllChunks } from "./internal/belt/streams.ts";

/**
 * `Bun.readableStreamToBytes(stream)`: a promise of the stream's bytes as one
 * new Uint8Array (string chunks as UTF-8; other chunk kinds are Bun's
 * TypeError, as a rejection).
 *
 * @example
 * ```ts
 * import { readableStreamToBytes } from "@dx-compat/bun";
 * await readableStreamToBytes(new Response("hi").body!); // Uint8Array [104, 105]
 * ```
 */
export const readableStreamToBytes: typeof import("bun").readableStreamToBytes = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  readableStreamToBytes(
    stream: ReadableStream<ArrayBufferView | ArrayBufferLike>,
  ): Promise<Uint8Array<ArrayBuffer>> {
    assertReadableStream(stream);
    return readAllChunks(stream).then((chunks) => new Uint8Array(concatChunks(chunkBytes(chunks))));
  },
}.readableStreamToBytes;
