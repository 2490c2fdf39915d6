import { assertReadableStream, readAllChunks } from "./internal/belt/streams.ts";

/**
 * `Bun.readableStreamToArray(stream)`: a promise of every chunk the stream
 * yields, as they came. A non-stream throws Bun's `ERR_INVALID_ARG_TYPE`
 * synchronously; a locked stream rejects with `ERR_INVALID_STATE`; a stream
 * error rejects with that error.
 *
 * @example
 * ```ts
 * import { readableStreamToArray } from "@dx-compat/bun";
 * await readableStreamToArray(new Response("hi").body!); // [Uint8Array [104, 105]]
 * ```
 */
export const readableStreamToArray: typeof import("bun").readableStreamToArray = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  readableStreamToArray<T>(stream: ReadableStream<T>): Promise<T[]> {
    assertReadableStream(stream);
    return readAllChunks(stream) as Promise<T[]>;
  },
}.readableStreamToArray;
