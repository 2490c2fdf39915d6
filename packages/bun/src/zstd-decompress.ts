import { bunFunction } from "./internal/compression/bun-function.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { decompressZstdAsync } from "./internal/compression/zstd.ts";

/**
 * `Bun.zstdDecompress(data)`: {@link zstdDecompressSync} off the main thread,
 * resolving to a `Buffer`; bad data rejects with Bun's `ERR_ZSTD` error, a
 * non-buffer argument throws synchronously.
 *
 * @example
 * ```ts
 * import { zstdDecompress } from "@dx-compat/bun";
 * const bytes = await zstdDecompress(packed);
 * ```
 */
export const zstdDecompress: typeof import("bun").zstdDecompress = bunFunction("zstdDecompress", 1, (data) => {
  return decompressZstdAsync(inputBytes(data));
});
