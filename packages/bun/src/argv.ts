/**
 * `Bun.argv`: the process's arguments, `[runtime, script, ...args]`. As in Bun,
 * it is the very array `process.argv` is (Bun.argv === process.argv).
 *
 * @example
 * ```ts
 * import { argv } from "@dx-compat/bun";
 * const [, script, ...args] = argv;
 * ```
 */
export const argv: typeof import("bun").argv = process.argv;
