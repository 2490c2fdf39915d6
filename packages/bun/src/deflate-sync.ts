import { bunFunction } from "./internal/compression/bun-function.ts";
import { compress } from "./internal/compression/deflate.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { compressOptions } from "./internal/compression/options.ts";

/**
 * `Bun.deflateSync(data, options?)`: a RAW DEFLATE stream (no zlib header or
 * checksum — Bun's choice, unlike `node:zlib`'s deflateSync), as a
 * `Uint8Array`. Inputs, options and errors as {@link gzipSync}.
 *
 * @example
 * ```ts
 * import { deflateSync, inflateSync } from "@dx-compat/bun";
 * const raw = deflateSync(new Uint8Array(1000));
 * inflateSync(raw).length; // 1000
 * ```
 */
export const deflateSync: typeof import("bun").deflateSync = bunFunction("deflateSync", 1, (data, options) => {
  const input = inputBytes(data);
  return compress(input, "raw", compressOptions(options));
});
