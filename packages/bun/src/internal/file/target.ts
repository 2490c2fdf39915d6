// What a BunFile points at, for the APIs that use the file itself rather than
// its bytes: Bun.spawn's stdio, Bun.write's destination and its copy fast
// path. Bun 1.4.5 uses the whole file there even when handed a slice of it,
// and so do we. BunFile answers through the lookup it installs here when its
// module loads; before that no BunFile can exist, so the answer is undefined.

/** A file by path (a `file:` URL is converted on the way in) or an open descriptor. */
export type FileTarget = { readonly kind: "path"; readonly path: string } | { readonly kind: "fd"; readonly fd: number };

type Lookup = (value: object) => FileTarget | undefined;

let lookup: Lookup = () => undefined;

/** Installed by BunFile. */
export function provideFileTargets(bunFileTarget: Lookup): void {
  lookup = bunFileTarget;
}

/** The file behind a BunFile (a slice's whole file); undefined for anything else. */
export function fileTarget(value: unknown): FileTarget | undefined {
  return typeof value === "object" && value !== null ? lookup(value) : undefined;
}
