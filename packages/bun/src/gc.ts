import { collectGarbage, heapSizeInUse } from "./internal/belt/garbage-collector.ts";

/**
 * `Bun.gc(force?)`: runs a full garbage collection — right away with
 * `gc(true)`, otherwise started in the background — and returns the heap's
 * size in bytes, as Bun returns its heap size (V8's figure here, not
 * JavaScriptCore's). Works without `--expose-gc`.
 *
 * @example
 * ```ts
 * import { gc } from "@dx-compat/bun";
 * gc(true);
 * ```
 */
export const gc: typeof import("bun").gc = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  gc(force?: boolean): void {
    collectGarbage(force === true);
    return heapSizeInUse() as never;
  },
}.gc;
