import { emulatedBunVersion } from "./internal/belt/bun-version.ts";

/**
 * `Bun.version`: `"1.4.5"`, the Bun release whose API dx-compat implements, so
 * a program's feature checks (`semver.satisfies(version, ">=1.2")`) pick the APIs
 * that are there. `process.versions.bun` stays undefined: dx-compat does not
 * claim to be the Bun runtime to code that sniffs for it.
 *
 * @example
 * ```ts
 * import { version } from "@dx-compat/bun";
 * console.log(version); // "1.4.5"
 * ```
 */
export const version: typeof import("bun").version = emulatedBunVersion;
