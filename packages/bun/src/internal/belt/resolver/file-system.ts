// The file system as Bun's resolver sees it: a directory is opened by its
// exact path, and a name inside it is found without regard to case (Bun keys
// directory entries by their lower-cased name), the exact spelling first.
// The path Bun reports is spelled as on disk when the name was asked for
// whole, and as asked when Bun built the name (an added extension, an index
// file); a symbolic link is followed to its real path. (Bun caches directory
// entries per process, so a later lookup can come back with the spelling of
// an earlier one; this view answers as a fresh Bun process does.)
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface Entry {
  readonly path: string;
  readonly kind: "file" | "dir";
}

interface Listing {
  readonly exact: ReadonlySet<string>;
  readonly byLowerCase: ReadonlyMap<string, string>;
}

/** One resolution's view: each directory is listed once. */
export class ResolverFileSystem {
  private readonly listings = new Map<string, Listing | null>();
  /** Paths as asked for → as spelled on disk, where they differ. */
  private readonly spelledOnDisk = new Map<string, string>();

  private listing(dir: string): Listing | null {
    const known = this.listings.get(dir);
    if (known !== undefined) return known;
    let listing: Listing | null = null;
    try {
      const names = readdirSync(dir);
      const byLowerCase = new Map<string, string>();
      for (const name of names) if (!byLowerCase.has(name.toLowerCase())) byLowerCase.set(name.toLowerCase(), name);
      listing = { exact: new Set(names), byLowerCase };
    } catch {
      listing = null;
    }
    this.listings.set(dir, listing);
    return listing;
  }

  /** The entry `name` in `dir`, if it is a file or a directory (links followed). */
  entry(dir: string, name: string, spelling: "disk" | "asked" = "disk"): Entry | undefined {
    const listing = this.listing(dir);
    if (listing === null) return undefined;
    const actual = listing.exact.has(name) ? name : listing.byLowerCase.get(name.toLowerCase());
    if (actual === undefined) return undefined;
    const path = join(dir, spelling === "disk" ? actual : name);
    if (actual !== name) this.spelledOnDisk.set(path, join(dir, actual));
    try {
      const stats = statSync(join(dir, actual));
      if (stats.isFile()) return { path, kind: "file" };
      if (stats.isDirectory()) return { path, kind: "dir" };
    } catch {
      // A dangling link is no entry.
    }
    return undefined;
  }

  /** The path Bun reports for a found file: real directories, the name as spelled, links followed. */
  finalPath(path: string): string {
    const actual = this.spelledOnDisk.get(path) ?? path;
    try {
      if (lstatSync(actual).isSymbolicLink()) return realpathSync(actual);
      return join(realpathSync(dirname(actual)), basename(path));
    } catch {
      return path;
    }
  }

  isDirectory(path: string): boolean {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

}
