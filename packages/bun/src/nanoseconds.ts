import { nanosecondsSinceOrigin } from "./internal/belt/clock.ts";

/**
 * `Bun.nanoseconds()`: nanoseconds since the process started, from a monotonic
 * clock, as an integer number. "Started" is `performance.timeOrigin`, the
 * moment Node records as the process boots (Bun starts its timer as its VM
 * boots, so the two origins differ by Node's and Bun's own start-up work).
 *
 * @example
 * ```ts
 * import { nanoseconds } from "@dx-compat/bun";
 * const t0 = nanoseconds();
 * work();
 * console.log(`${(nanoseconds() - t0) / 1e6} ms`);
 * ```
 */
export const nanoseconds: typeof import("bun").nanoseconds = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  nanoseconds(): number {
    return nanosecondsSinceOrigin();
  },
}.nanoseconds;
