import { bunFunction } from "./internal/compression/bun-function.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { zstdLevel } from "./internal/compression/options.ts";
import { compressZstdAsync } from "./internal/compression/zstd.ts";

/**
 * `Bun.zstdCompress(data, options?)`: {@link zstdCompressSync} off the main
 * thread (libuv's pool), resolving to a `Buffer`. Invalid arguments throw
 * synchronously, as in Bun.
 *
 * @example
 * ```ts
 * import { zstdCompress } from "@dx-compat/bun";
 * const packed = await zstdCompress("hello", { level: 3 });
 * ```
 */
export const zstdCompress: typeof import("bun").zstdCompress = bunFunction("zstdCompress", 1, (data, options) => {
  const input = inputBytes(data);
  return compressZstdAsync(input, zstdLevel(options));
});
