// Which Bun dx-compat answers as. `process.versions.bun` stays undefined on
// purpose (docs/ARCHITECTURE.md): libraries that sniff for the Bun runtime
// must not take Bun-only paths. `Bun.version` is different: only a program
// that already uses the `Bun` global reads it, usually to gate features, and
// the API it then gets is Bun 1.4.5's, which is what dx-compat implements and
// is tested against. No Bun build is running, so there is no commit to report.

/** The Bun release whose API dx-compat implements. */
export const emulatedBunVersion = "1.4.5";

/** What stands where Bun prints its short commit hash. */
export const buildLabel = "dx-compat";
