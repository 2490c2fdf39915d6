import { assertReadableStream, blobParts, readAllChunks } from "./internal/belt/streams.ts";

/**
 * `Bun.readableStreamToBlob(stream)`: a promise of a Blob made of every chunk
 * (strings, bytes, Blobs; other values as their string form), with no type.
 *
 * @example
 * ```ts
 * import { readableStreamToBlob } from "@dx-compat/bun";
 * const blob = await readableStreamToBlob(new Response("hi").body!);
 * ```
 */
export const readableStreamToBlob: typeof import("bun").readableStreamToBlob = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  readableStreamToBlob(stream: ReadableStream): Promise<Blob> {
    assertReadableStream(stream);
    return readAllChunks(stream).then((chunks) => new Blob(blobParts(chunks)));
  },
}.readableStreamToBlob;
