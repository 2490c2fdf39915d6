import { resolveRequest } from "./internal/belt/resolver/arguments.ts";
import { resolveModule } from "./internal/belt/resolver/resolve.ts";

/**
 * `Bun.resolveSync(specifier, from)`: the file an import of `specifier` from
 * the directory `from` would load, by Bun's rules: built-ins (`"fs"` →
 * `"node:fs"`), relative and absolute paths with Bun's extension order and the
 * `.js` → `.ts` rewrite, `#imports`, tsconfig `paths`/`baseUrl`, node_modules
 * with `exports` under the `bun`, `node` and `import` conditions. A relative
 * `from` means the working directory, as in Bun. A third argument `false`
 * resolves as `require` would. Failures throw Bun's `ResolveMessage`
 * (`code` `ERR_MODULE_NOT_FOUND`, `specifier`, `referrer`, `importKind`).
 *
 * @example
 * ```ts
 * import { resolveSync } from "@dx-compat/bun";
 * resolveSync("./util", import.meta.dirname); // "/app/src/util.ts"
 * resolveSync("zod", process.cwd());          // ".../node_modules/zod/index.js"
 * ```
 */
export const resolveSync: typeof import("bun").resolveSync = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  resolveSync(_specifier: string): string {
    // eslint-disable-next-line prefer-rest-params -- Bun reads its arguments by count (length 1, as Bun's)
    return resolveModule(resolveRequest(arguments));
  },
}.resolveSync;
