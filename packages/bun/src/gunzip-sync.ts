import { bunFunction } from "./internal/compression/bun-function.ts";
import { decompress } from "./internal/compression/inflate.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { decompressOptions } from "./internal/compression/options.ts";

/**
 * `Bun.gunzipSync(data, options?)`: the data of the FIRST gzip member (Bun's
 * zlib stops there; anything after it is ignored), as a `Uint8Array`.
 * `windowBits` picks the wrapper as in zlib (default 31, gzip; 47 also takes
 * zlib streams; 15 zlib only; negative raw); `library: "libdeflate"` decodes
 * gzip whatever `windowBits` says. Corrupt or truncated input throws Bun's
 * plain `Error` with zlib's message ("incorrect header check", "invalid block
 * type", "incorrect data check", …, or "Zlib returned an error").
 *
 * @example
 * ```ts
 * import { gunzipSync } from "@dx-compat/bun";
 * gunzipSync(compressed); // Uint8Array
 * ```
 */
export const gunzipSync: typeof import("bun").gunzipSync = bunFunction("gunzipSync", 1, (data, options) => {
  const input = inputBytes(data);
  return decompress(input, "gzip", decompressOptions(options));
});
