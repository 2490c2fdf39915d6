import { collectGarbage } from "./internal/belt/garbage-collector.ts";

/**
 * `Bun.shrink()`: asks the engine to give back unused memory. Bun has
 * JavaScriptCore shrink its footprint (a full collection); dx-compat runs a
 * full V8 collection, which also releases what it frees.
 *
 * @example
 * ```ts
 * import { shrink } from "@dx-compat/bun";
 * shrink();
 * ```
 */
export const shrink: typeof import("bun").shrink = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  shrink(): void {
    collectGarbage(true);
  },
}.shrink;
