import { Glob as GlobImpl } from "./internal/glob/glob-class.ts";

type BunGlob = typeof import("bun").Glob;

/**
 * `new Bun.Glob(pattern)`: Bun's glob. `match(path)` tests a path string with
 * Bun's matcher (`*`, `?`, `**`, `[a-z]`, `[!…]`, `{a,b}`, leading `!`, `\`
 * escapes; no dotfile rule, no matchBase). `scan(optionsOrCwd)` (async
 * iterator) and `scanSync(optionsOrCwd)` (iterator) walk the directory tree
 * with `cwd`, `dot`, `absolute`, `followSymlinks`, `throwErrorOnBrokenSymlink`
 * and `onlyFiles`, yielding the same paths as Bun. Within one directory
 * entries come in name order, where Bun yields the file system's raw order.
 *
 * @example
 * ```ts
 * import { Glob } from "@dx-compat/bun";
 * const glob = new Glob("**\/*.ts");
 * glob.match("src/index.ts"); // true
 * for await (const file of glob.scan({ cwd: "./src" })) console.log(file);
 * ```
 */
export const Glob: BunGlob = GlobImpl as unknown as BunGlob;
