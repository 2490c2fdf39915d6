import { bunFunction } from "./internal/compression/bun-function.ts";
import { decompress } from "./internal/compression/inflate.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { decompressOptions } from "./internal/compression/options.ts";

/**
 * `Bun.inflateSync(data, options?)`: decompresses a RAW DEFLATE stream (what
 * `Bun.deflateSync` makes; `windowBits: 15` reads zlib-wrapped data, 31 gzip),
 * as a `Uint8Array`; bytes after the end of the stream are ignored. Errors as
 * {@link gunzipSync}.
 *
 * @example
 * ```ts
 * import { deflateSync, inflateSync } from "@dx-compat/bun";
 * inflateSync(deflateSync("abc")); // Uint8Array [97, 98, 99]
 * ```
 */
export const inflateSync: typeof import("bun").inflateSync = bunFunction("inflateSync", 1, (data, options) => {
  const input = inputBytes(data);
  return decompress(input, "raw", decompressOptions(options));
});
