import { bunFunction } from "./internal/compression/bun-function.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { zstdLevel } from "./internal/compression/options.ts";
import { compressZstd } from "./internal/compression/zstd.ts";

/**
 * `Bun.zstdCompressSync(data, options?)`: one zstd frame (content size
 * recorded, no checksum), as a `Buffer`, byte for byte what Bun produces.
 * `level` 1..22, default 3; node:zlib's zstd does the work (Node >= 22.15 or
 * >= 23.8; older Nodes get a clear `ERR_DX_COMPAT_NOT_IMPLEMENTED`).
 *
 * @example
 * ```ts
 * import { zstdCompressSync, zstdDecompressSync } from "@dx-compat/bun";
 * zstdDecompressSync(zstdCompressSync("hi", { level: 19 })).toString(); // "hi"
 * ```
 */
export const zstdCompressSync: typeof import("bun").zstdCompressSync = bunFunction("zstdCompressSync", 1, (data, options) => {
  const input = inputBytes(data);
  return compressZstd(input, zstdLevel(options));
});
