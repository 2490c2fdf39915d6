/**
 * `Bun.env`: the environment. As in Bun, the very object `process.env` is.
 *
 * @example
 * ```ts
 * import { env } from "@dx-compat/bun";
 * const port = Number(env.PORT ?? 3000);
 * ```
 */
export const env: typeof import("bun").env = process.env as typeof import("bun").env;
