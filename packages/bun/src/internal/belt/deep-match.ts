// Bun.deepMatch on V8, after Bun's `Bun__deepMatch` (the comparison behind
// `expect().toMatchObject()`): every enumerable name of the subset (inherited
// and symbol ones too) must be present in the object; object values recurse,
// anything else compares with SameValue. Arrays must agree in length and in
// their number of enumerable names. A value seen once on either side (by
// identity, anywhere in the walk) is not compared again, which is how cycles
// end — and why a shared object is only checked at its first place.
import { types } from "node:util";
import { enumerableNames } from "./deep-equals.ts";
import { withBunStackOverflow } from "./stack-overflow.ts";

function isObjectLike(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

export function bunDeepMatch(subset: object, object: object): boolean {
  return withBunStackOverflow(() => matchObject(object, subset, new Set(), new Set()));
}

function matchObject(object: object, subset: object, seenInObject: Set<object>, seenInSubset: Set<object>): boolean {
  if (object === subset) return true;
  const subsetNames = enumerableNames(subset);
  if (Array.isArray(object) && Array.isArray(subset)) {
    if (arrayLength(object) !== arrayLength(subset)) return false;
    if (enumerableNames(object).length !== subsetNames.length) return false;
  }
  const objectRecord = object as Record<PropertyKey, unknown>;
  const subsetRecord = subset as Record<PropertyKey, unknown>;
  for (const name of subsetNames) {
    if (!(name in object)) return false;
    const value = objectRecord[name];
    const expected = subsetRecord[name];
    if (isObjectLike(expected) && isObjectLike(value)) {
      const firstInObject = !seenInObject.has(value);
      const firstInSubset = !seenInSubset.has(expected);
      seenInObject.add(value);
      seenInSubset.add(expected);
      if (!firstInObject || !firstInSubset) continue;
      if (!matchObject(value, expected, seenInObject, seenInSubset)) return false;
    } else if (!Object.is(value, expected)) return false;
  }
  // JSC lists Array.prototype's private (engine-internal) names among the
  // subset's names: a subset inheriting from Array.prototype only matches an
  // object that inherits them too, and never a proxy (private names do not
  // pass through one).
  return !inheritsArrayPrototype(subset) || (!types.isProxy(object) && inheritsArrayPrototype(object));
}

/** JSC's getArrayLength: a proxy has no indexed storage of its own, so 0. */
function arrayLength(array: unknown[]): number {
  return types.isProxy(array) ? 0 : array.length;
}

/** Array.prototype is itself an array, in every realm. */
function inheritsArrayPrototype(value: object): boolean {
  for (let proto = Object.getPrototypeOf(value) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Array.isArray(proto)) return true;
  }
  return false;
}
