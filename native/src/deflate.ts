import { selected } from "./internal/selected.ts";

export { DEFLATE_BLOCK } from "./internal/binding.ts";

/** zlib's settings, as `deflateInit2` takes them (the window is always 32 KiB). */
export interface DeflateSettings {
  level: number;
  memLevel: number;
  strategy: number;
}

/**
 * Compresses `input` into a raw DEFLATE stream, or with `gzipHeader` (10
 * bytes) into a gzip member; a number is zlib's error code.
 */
export type HostDeflate = (input: Uint8Array, settings: DeflateSettings, gzipHeader: Uint8Array | null) => Buffer | number;

/**
 * Parallel deflate by the zlib the running Node links, or `undefined` where
 * there is none (the TypeScript twin, or a Node that does not export zlib's
 * functions: the caller keeps `node:zlib`). The input is cut into
 * `DEFLATE_BLOCK`-byte blocks compressed on every core (pigz's scheme:
 * each block primed with the 32 KiB before it, sync-flushed, joined into one
 * stream). The result is a valid stream whose bytes depend only on the input
 * and the settings, but are not one zlib stream's: a few bytes longer per
 * block. Worth it from two blocks up.
 *
 * @example
 * ```ts
 * import { gunzipSync, gzipSync } from "node:zlib";
 * import { hostDeflate } from "@dx-compat/native";
 * const header = gzipSync(new Uint8Array(0)).subarray(0, 10);
 * const packed = hostDeflate()?.(new Uint8Array(3 << 20), { level: 6, memLevel: 8, strategy: 0 }, header);
 * if (packed instanceof Uint8Array) gunzipSync(packed).length; // 3145728
 * ```
 */
export function hostDeflate(): HostDeflate | undefined {
  const { binding } = selected();
  if (binding.deflate(new Uint8Array(0), 6, 8, 0, null) === null) return undefined;
  return (input, { level, memLevel, strategy }, gzipHeader) => binding.deflate(input, level, memLevel, strategy, gzipHeader) as Buffer | number;
}
