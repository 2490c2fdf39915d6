/**
 * `Bun.revision`: the git commit of the running Bun build. No Bun build runs
 * under dx-compat, so this is the empty string rather than a borrowed hash.
 *
 * @example
 * ```ts
 * import { revision } from "@dx-compat/bun";
 * revision; // ""
 * ```
 */
export const revision: typeof import("bun").revision = "";
