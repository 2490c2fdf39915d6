import { buildLabel, emulatedBunVersion } from "./internal/belt/bun-version.ts";

/**
 * `Bun.version_with_sha`: Bun prints `v1.4.5 (a7733435c)`; with no Bun build to
 * name, dx-compat prints `v1.4.5 (dx-compat)`.
 *
 * @example
 * ```ts
 * import { version_with_sha } from "@dx-compat/bun";
 * console.log(version_with_sha); // "v1.4.5 (dx-compat)"
 * ```
 */
export const version_with_sha: typeof import("bun").version_with_sha = `v${emulatedBunVersion} (${buildLabel})`;
