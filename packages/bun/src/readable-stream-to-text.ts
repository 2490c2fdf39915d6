import { assertReadableStream, chunksToText, readAllChunks } from "./internal/belt/streams.ts";

/**
 * `Bun.readableStreamToText(stream)`: a promise of the stream's text, its
 * bytes decoded as UTF-8 together (so a character split across chunks
 * survives; a leading BOM is dropped; bad bytes become U+FFFD). A chunk that
 * is not a string, view or ArrayBuffer rejects with Bun's TypeError.
 *
 * @example
 * ```ts
 * import { readableStreamToText } from "@dx-compat/bun";
 * await readableStreamToText(new Response("hi").body!); // "hi"
 * ```
 */
export const readableStreamToText: typeof import("bun").readableStreamToText = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  readableStreamToText(stream: ReadableStream): Promise<string> {
    assertReadableStream(stream);
    return readAllChunks(stream).then(chunksToText);
  },
}.readableStreamToText;
