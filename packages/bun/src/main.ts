import { resolve } from "node:path";

/**
 * `Bun.main`: the absolute path of the program's entry file, as `import.meta.path`
 * is in that file. Read when the module loads, from `process.argv[1]`.
 *
 * @example
 * ```ts
 * import { main } from "@dx-compat/bun";
 * if (import.meta.filename === main) run();
 * ```
 */
export const main: typeof import("bun").main = process.argv[1] === undefined ? process.cwd() : resolve(process.argv[1]);
