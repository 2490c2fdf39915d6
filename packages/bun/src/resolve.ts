import { resolveRequest } from "./internal/belt/resolver/arguments.ts";
import { resolveModule } from "./internal/belt/resolver/resolve.ts";

/**
 * `Bun.resolve(specifier, from)`: `resolveSync` as a promise. Every failure,
 * argument errors included, is a rejection, as in Bun.
 *
 * @example
 * ```ts
 * import { resolve } from "@dx-compat/bun";
 * await resolve("./util", import.meta.dirname);
 * ```
 */
export const resolve: typeof import("bun").resolve = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  resolve(_specifier: string): Promise<string> {
    try {
      // eslint-disable-next-line prefer-rest-params -- Bun reads its arguments by count (length 1, as Bun's)
      return Promise.resolve(resolveModule(resolveRequest(arguments)));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  },
}.resolve;
