import { bunFunction } from "./internal/compression/bun-function.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { decompressZstd } from "./internal/compression/zstd.ts";

/**
 * `Bun.zstdDecompressSync(data)`: every frame of `data`, concatenated, as a
 * `Buffer` (an empty input is an empty Buffer). Bad input throws Bun's `Error`
 * with code `ERR_ZSTD`: "Decompression failed: InvalidZstdData" for a broken
 * frame layout (truncation, trailing bytes), "…: DecompressionFailed" or
 * "…: ZstdDecompressionError" for corrupt content.
 *
 * @example
 * ```ts
 * import { zstdCompressSync, zstdDecompressSync } from "@dx-compat/bun";
 * zstdDecompressSync(zstdCompressSync("hi")); // <Buffer 68 69>
 * ```
 */
export const zstdDecompressSync: typeof import("bun").zstdDecompressSync = bunFunction("zstdDecompressSync", 1, (data) => {
  return decompressZstd(inputBytes(data));
});
