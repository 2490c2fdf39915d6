import { fileError } from "./internal/file-error.ts";
import { selected } from "./internal/selected.ts";

export interface MmapOptions {
  /** Byte offset of the mapping in the file (default 0). */
  offset?: number;
  /** Bytes to map, clamped to what the file has past `offset` (default 0: all of it). */
  size?: number;
  /** `true` (default): writes reach the file (MAP_SHARED); `false`: they stay private (MAP_PRIVATE). */
  shared?: boolean;
  /** MAP_SYNC (Linux; only DAX file systems have it, others refuse with ENOTSUP); ignored elsewhere. */
  sync?: boolean;
}

/**
 * Maps a file into memory, read-write, as a Uint8Array: no copy, writes go to
 * the file (with `shared`, the default). The mapping is released when the
 * array is garbage-collected. An empty file, or an offset at or past the end,
 * is `EINVAL` from `mmap`; truncating the file while mapped makes the next
 * access fault, as with any mapping. Throws Node-style fs errors; without the
 * addon it throws ERR_DX_COMPAT_NOT_IMPLEMENTED.
 *
 * @example
 * ```ts
 * import { mmap } from "@dx-compat/native";
 * const bytes = mmap("data.bin");
 * bytes[0] = 1; // the file changes too
 * ```
 */
export function mmap(path: string, options: MmapOptions = {}): Uint8Array<ArrayBuffer> {
  const outcome = selected().binding.mmap(path, options.offset ?? 0, options.size ?? 0, options.shared ?? true, options.sync ?? false);
  if (typeof outcome === "number") throw fileError(outcome, path);
  return outcome;
}
