import { invalidArgType } from "./internal/errors.ts";
import { viewBytes } from "./internal/belt/buffers.ts";
import { parseMultipart, parseUrlEncoded } from "./internal/belt/multipart.ts";
import { assertReadableStream, blobParts, readAllChunks } from "./internal/belt/streams.ts";

function boundaryOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value === "" ? undefined : value;
  const bytes = viewBytes(value);
  if (bytes === undefined) throw invalidArgType("boundary must be a string or ArrayBufferView");
  return bytes.byteLength === 0 ? undefined : new TextDecoder().decode(bytes);
}

/**
 * `Bun.readableStreamToFormData(stream, boundary?)`: a promise of the stream
 * parsed as form data: URL-encoded without a boundary, multipart with one (the
 * boundary without its leading dashes, a string or bytes). Parts with a
 * filename become Files, typed by their Content-Type, else by the filename's
 * extension, else by their first bytes. Malformed bodies reject with Bun's
 * `… while parsing FormData` errors.
 *
 * @example
 * ```ts
 * import { readableStreamToFormData } from "@dx-compat/bun";
 * const form = await readableStreamToFormData(new Response("a=1&b=2").body!);
 * form.get("a"); // "1"
 * ```
 */
export const readableStreamToFormData: typeof import("bun").readableStreamToFormData = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  readableStreamToFormData(
    stream: ReadableStream,
    boundary?: unknown,
  ): Promise<FormData> {
    assertReadableStream(stream);
    // As Bun: the stream read as a Blob (any chunk kind a Blob takes), then parsed.
    return readAllChunks(stream)
      .then((chunks) => new Blob(blobParts(chunks)).bytes())
      .then((body) => {
        const separator = boundaryOf(boundary);
        return separator === undefined ? parseUrlEncoded(body) : parseMultipart(body, separator);
      });
  },
}.readableStreamToFormData;
