// What a BunFile points at, for the APIs that must reach the file itself rather
// than its bytes (Bun.spawn's stdio, Bun.write's copy fast path). Kept in a
// WeakMap so a BunFile carries no enumerable or symbol-keyed extras of its own.

/** A file by path (a `file:` URL is converted on the way in) or an open descriptor. */
export type FileTarget = { readonly kind: "path"; readonly path: string } | { readonly kind: "fd"; readonly fd: number };

const targets = new WeakMap<object, FileTarget>();
const sources = new WeakMap<object, FileTarget>();

/** `whole`: the BunFile covers the whole file (not a slice), so it may stand for the path. */
export function registerFileTarget(file: object, target: FileTarget, whole: boolean): void {
  if (whole) targets.set(file, target);
  sources.set(file, target);
}

/** The file behind a BunFile made by `Bun.file(path | URL | fd)`; undefined for anything else. */
export function fileTarget(value: unknown): FileTarget | undefined {
  return typeof value === "object" && value !== null ? targets.get(value) : undefined;
}

/**
 * The file behind any BunFile, a slice included. Bun.write copies from it: Bun
 * 1.4.5 copies the whole file even when given a slice, and so do we.
 */
export function copySourceTarget(value: unknown): FileTarget | undefined {
  return typeof value === "object" && value !== null ? sources.get(value) : undefined;
}
