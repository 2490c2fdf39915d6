// What a BunFile points at, for the APIs that use the file itself rather than
// its bytes: Bun.spawn's stdio, Bun.write's destination and its copy fast
// path. Bun 1.4.5 uses the whole file there even when handed a slice of it,
// and so do we. BunFile answers through the lookup it installs here when its
// module loads; before that no BunFile can exist, so the answer is undefined.

/** A file by path (a `file:` URL is converted on the way in) or an open descriptor. */
export type FileTarget = { readonly kind: "path"; readonly path: string } | { readonly kind: "fd"; readonly fd: number };

/** The part of its file a BunFile covers: from `start`, up to `end` (exclusive) or the file's end when undefined. */
export interface FileSpan {
  readonly start: number;
  readonly end: number | undefined;
}

type Lookup = (value: object) => FileTarget | undefined;
type SpanLookup = (value: object) => FileSpan | undefined;

let lookup: Lookup = () => undefined;
let spanLookup: SpanLookup = () => undefined;

/** Installed by BunFile. */
export function provideFileTargets(bunFileTarget: Lookup, bunFileSpan: SpanLookup): void {
  lookup = bunFileTarget;
  spanLookup = bunFileSpan;
}

/** The file behind a BunFile (a slice's whole file); undefined for anything else. */
export function fileTarget(value: unknown): FileTarget | undefined {
  return typeof value === "object" && value !== null ? lookup(value) : undefined;
}

/** The span of its file a BunFile covers (Bun.serve sends only that part); undefined for anything else. */
export function fileSpan(value: unknown): FileSpan | undefined {
  return typeof value === "object" && value !== null ? spanLookup(value) : undefined;
}
