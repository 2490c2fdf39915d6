import { bunDeepEquals } from "./internal/belt/deep-equals.ts";

/**
 * `Bun.deepEquals(a, b, strict?)`: Bun's deep equality, the one behind
 * `expect().toEqual()` (loose) and `toStrictEqual()` (`strict === true`).
 * Loose mode lets `undefined` properties, holes and missing trailing elements
 * stand for each other; strict mode also compares class names. NaN equals
 * NaN, 0 does not equal -0; Maps, Sets, Dates, RegExps, errors, typed arrays,
 * ArrayBuffers, boxed primitives, URLs, URLSearchParams and Headers compare by
 * content; cycles are followed. Fewer than two arguments is Bun's TypeError.
 *
 * @example
 * ```ts
 * import { deepEquals } from "@dx-compat/bun";
 * deepEquals({ a: 1, b: undefined }, { a: 1 });       // true
 * deepEquals({ a: 1, b: undefined }, { a: 1 }, true); // false
 * ```
 */
export const deepEquals: typeof import("bun").deepEquals = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  deepEquals(a: unknown, b: unknown, ...rest: unknown[]): boolean {
    if (arguments.length < 2) throw new TypeError("Expected 2 values to compare");
    // Only the boolean true selects strict mode, as in Bun.
    return bunDeepEquals(a, b, rest[0] === true);
  },
}.deepEquals;
