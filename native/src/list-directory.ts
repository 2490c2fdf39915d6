import { selected } from "./internal/selected.ts";

/** One directory's entries: `names[i]` is of kind `kinds.charCodeAt(i)`. */
export interface DirectoryListing {
  /** One letter per entry: `f` file, `d` directory, `l` symlink, `o` anything else (FIFO, socket, device). */
  readonly kinds: string;
  readonly names: string[];
}

const EMPTY_KINDS = "";

/**
 * Lists a directory in one call, for walks over large trees (`Bun.Glob`'s
 * scan, the shell's `ls`, `rm -r` and globs): no object per entry, and the
 * entries in the file system's own order (what `getdents` gives, as Bun sees
 * them; Node's `readdir` would sort them), from the addon and the twin alike.
 * A failure gives its errno as a positive number (ENOENT, ENOTDIR, EACCES, …)
 * for the caller to word.
 *
 * @example
 * ```ts
 * import { listDirectory } from "@dx-compat/native";
 * const listing = listDirectory("/etc");
 * if (typeof listing !== "number") console.log(listing.names.length);
 * ```
 */
export function listDirectory(path: string): DirectoryListing | number {
  // A NUL cannot be in a path: the kernel would see a shorter one.
  if (path.includes("\0")) return EINVAL;
  const listing = selected().binding.listDirectory(path);
  if (typeof listing === "number") return listing;
  if (listing === "") return { kinds: EMPTY_KINDS, names: [] };
  const names = listing.split("/");
  const kinds = names.shift() as string;
  return { kinds, names };
}

const EINVAL = 22;
