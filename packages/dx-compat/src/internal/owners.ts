// Which published package implements which part of Bun's surface. The one
// table the `Bun` global, the `bun` / `bun:*` modules, the subpaths and the
// coverage report (tooling/coverage) all read. Plain data, no imports, so
// tooling can load it straight from source.

/** The `@dx-compat/*` packages `dx-compat` re-exports, by subpath. */
export const subpathPackages: {
  readonly node: "@dx-compat/node";
  readonly web: "@dx-compat/web";
  readonly bun: "@dx-compat/bun";
  readonly sqlite: "@dx-compat/sqlite";
  readonly s3: "@dx-compat/s3";
  readonly ffi: "@dx-compat/ffi";
  readonly shell: "@dx-compat/shell";
  readonly compile: "@dx-compat/compile";
  readonly hmr: "@dx-compat/hmr";
  readonly plugin: "@dx-compat/plugin";
  readonly macro: "@dx-compat/macro";
  readonly html: "@dx-compat/html";
} = {
  node: "@dx-compat/node",
  web: "@dx-compat/web",
  bun: "@dx-compat/bun",
  sqlite: "@dx-compat/sqlite",
  s3: "@dx-compat/s3",
  ffi: "@dx-compat/ffi",
  shell: "@dx-compat/shell",
  compile: "@dx-compat/compile",
  hmr: "@dx-compat/hmr",
  plugin: "@dx-compat/plugin",
  macro: "@dx-compat/macro",
  html: "@dx-compat/html",
};

export type PackageName = (typeof subpathPackages)[keyof typeof subpathPackages];

/** Members of the `bun` module implemented outside `@dx-compat/bun`. */
const bunMembersElsewhere: Readonly<Record<string, PackageName>> = {
  $: "@dx-compat/shell",
  S3Client: "@dx-compat/s3",
  s3: "@dx-compat/s3",
  plugin: "@dx-compat/plugin",
  build: "@dx-compat/compile",
  embeddedFiles: "@dx-compat/compile",
  isStandaloneExecutable: "@dx-compat/compile",
  fetch: "@dx-compat/web",
  FetchSession: "@dx-compat/web",
  FFI: "@dx-compat/ffi",
};

/** The package that implements `Bun.<member>` (and `import { member } from "bun"`). */
export function ownerOfBunMember(member: string): PackageName {
  return bunMembersElsewhere[member] ?? "@dx-compat/bun";
}

/** The package behind each `bun:*` module other than `bun` itself. */
export const bunModulePackages: { readonly "bun:sqlite": "@dx-compat/sqlite"; readonly "bun:ffi": "@dx-compat/ffi" } = {
  "bun:sqlite": "@dx-compat/sqlite",
  "bun:ffi": "@dx-compat/ffi",
};

/**
 * The package behind each global Bun declares beyond Node's (the `Bun` global itself is `dx-compat/register`).
 * Read by tooling/coverage for COVERAGE.md.
 * @public
 */
export const globalOwners: Readonly<Record<string, PackageName>> = {
  HTMLRewriter: "@dx-compat/html",
  BuildError: "@dx-compat/compile",
  BuildMessage: "@dx-compat/compile",
  ResolveError: "@dx-compat/bun",
  ResolveMessage: "@dx-compat/bun",
  Loader: "@dx-compat/bun",
  ShadowRealm: "@dx-compat/web",
};
