// What a BunFile points at, for the APIs that must reach the file itself rather
// than its bytes (Bun.spawn's stdio, Bun.write's copy fast path). BunFile
// answers through the lookups it installs here when its module loads; before
// that no BunFile can exist, so the answer is undefined.

/** A file by path (a `file:` URL is converted on the way in) or an open descriptor. */
export type FileTarget = { readonly kind: "path"; readonly path: string } | { readonly kind: "fd"; readonly fd: number };

type Lookup = (value: object) => FileTarget | undefined;

let wholeFileTarget: Lookup = () => undefined;
let anyFileTarget: Lookup = () => undefined;

/** Installed by BunFile: `whole` answers only for a BunFile over a whole file, `any` for slices too. */
export function provideFileTargets(whole: Lookup, any: Lookup): void {
  wholeFileTarget = whole;
  anyFileTarget = any;
}

/** The file behind a BunFile made by `Bun.file(path | URL | fd)`; undefined for anything else, slices included. */
export function fileTarget(value: unknown): FileTarget | undefined {
  return typeof value === "object" && value !== null ? wholeFileTarget(value) : undefined;
}

/**
 * The file behind any BunFile, a slice included. Bun.write copies from it: Bun
 * 1.4.5 copies the whole file even when given a slice, and so do we.
 */
export function copySourceTarget(value: unknown): FileTarget | undefined {
  return typeof value === "object" && value !== null ? anyFileTarget(value) : undefined;
}
