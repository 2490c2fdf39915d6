import { parseJSON } from "@dx-compat/shared/json";
import { assertReadableStream, chunksToText, readAllChunks } from "./internal/belt/streams.ts";

/**
 * `Bun.readableStreamToJSON(stream)`: a promise of the stream's text parsed as
 * JSON; malformed text rejects with the SyntaxError Bun's engine gives
 * (`JSON Parse error: …`).
 *
 * @example
 * ```ts
 * import { readableStreamToJSON } from "@dx-compat/bun";
 * await readableStreamToJSON(new Response('{"a":1}').body!); // { a: 1 }
 * ```
 */
export const readableStreamToJSON: typeof import("bun").readableStreamToJSON = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  readableStreamToJSON(stream: ReadableStream): Promise<unknown> {
    assertReadableStream(stream);
    return readAllChunks(stream).then((chunks) => parseJSON(chunksToText(chunks)));
  },
}.readableStreamToJSON;
