import { bunDeepMatch } from "./internal/belt/deep-match.ts";

/**
 * `Bun.deepMatch(subset, object)`: whether every enumerable property of
 * `subset` is in `object` with a matching value (objects recursively, other
 * values with SameValue; arrays must have the same length). The engine behind
 * `expect().toMatchObject()`. Both arguments must be objects (Bun's TypeError
 * otherwise).
 *
 * @example
 * ```ts
 * import { deepMatch } from "@dx-compat/bun";
 * deepMatch({ a: 1 }, { a: 1, b: 2 }); // true
 * deepMatch({ a: [1] }, { a: [1, 2] }); // false
 * ```
 */
export const deepMatch: typeof import("bun").deepMatch = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  deepMatch(subset: unknown, object: unknown): boolean {
    if (arguments.length < 2) throw new TypeError("Expected 2 values to compare");
    if (!isObjectLike(subset) || !isObjectLike(object)) throw new TypeError("Expected 2 objects to match");
    return bunDeepMatch(subset, object);
  },
}.deepMatch;

function isObjectLike(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}
