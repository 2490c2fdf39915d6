import { bunFunction } from "./internal/compression/bun-function.ts";
import { compress } from "./internal/compression/deflate.ts";
import { inputBytes } from "./internal/compression/input.ts";
import { compressOptions } from "./internal/compression/options.ts";

/**
 * `Bun.gzipSync(data, options?)`: one gzip member, as a `Uint8Array`. Bun's
 * inputs (string as UTF-8, any typed array or DataView, ArrayBuffer,
 * SharedArrayBuffer), options (`level` -1..9, `memLevel`, `strategy`,
 * `library: "zlib" | "libdeflate"`; `windowBits` is read but, as in Bun,
 * unused) and errors. Compressed by node:zlib, so the bytes may differ from
 * Bun's (Cloudflare's zlib) while decompressing to the same data.
 *
 * @example
 * ```ts
 * import { gzipSync, gunzipSync } from "@dx-compat/bun";
 * const packed = gzipSync("hello hello hello", { level: 9 });
 * new TextDecoder().decode(gunzipSync(packed)); // "hello hello hello"
 * ```
 */
export const gzipSync: typeof import("bun").gzipSync = bunFunction("gzipSync", 1, (data, options) => {
  const input = inputBytes(data);
  return compress(input, "gzip", compressOptions(options));
});
