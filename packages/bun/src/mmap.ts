import { mmap as mapFile } from "@dx-compat/native";
import { invalidArgType } from "./internal/errors.ts";
import { bunFsError } from "./internal/file/fs-error.ts";

/** Bun's reading of `offset`/`size`: coerced to a number, truncated, and never negative. */
function byteCount(name: string, value: unknown): number {
  if (value === undefined) return 0;
  const count = Math.trunc(typeof value === "bigint" ? Number(value) : Number(value));
  if (!(count >= 0)) throw invalidArgType(`${name} must be a non-negative integer`);
  return count;
}

/**
 * `Bun.mmap(path, { offset, size, shared, sync })`: the file mapped read-write as a
 * Uint8Array, through @dx-compat/native (there is no mapping without the
 * addon: it then throws ERR_DX_COMPAT_NOT_IMPLEMENTED). `shared` (default)
 * writes reach the file; `sync` (MAP_SYNC, for DAX devices) is accepted and,
 * as on macOS in Bun, not applied.
 *
 * @example
 * ```ts
 * import { mmap } from "@dx-compat/bun";
 * const bytes = mmap("data.bin");
 * ```
 */
export const mmap: typeof Bun.mmap = (path, options) => {
  if (typeof path !== "string") throw invalidArgType("path must be a string");
  try {
    return mapFile(path, {
      offset: byteCount("offset", options?.offset),
      size: byteCount("size", options?.size),
      shared: options?.shared === undefined ? true : Boolean(options.shared),
      sync: Boolean(options?.sync),
    });
  } catch (error) {
    throw bunFsError(error);
  }
};
