// Bun's binding rules, turned into the positional arguments better-sqlite3 takes.
//
// What Bun accepts as the arguments of get/all/run/…:
//  - none, or a first argument that is a primitive or a TypedArray: the
//    arguments themselves are the positional values;
//  - an array first: its items are the positional values (later arguments ignored);
//  - an object first: named values. Without `strict`, a key is looked up with
//    its prefix (`$a`) and then without (`a`), and a missing one binds NULL;
//    with `strict`, a missing one throws `Missing parameter "a"`.
// Values: null/undefined → NULL, booleans → 1/0, safe integers → INTEGER,
// other numbers → REAL (NaN → NULL), bigint → INTEGER (wrapped to 64 bits),
// strings → TEXT, ArrayBuffer/TypedArray/DataView bytes → BLOB; anything else
// is Bun's TypeError.
import { bindingTypeError, countError, missingParameterError } from "./errors.ts";
import type { SqlAnalysis } from "./sql.ts";

/** One value in the form better-sqlite3 binds the way Bun binds it (`safeIntegers`: out-of-range bigints throw instead of wrapping). */
export function toNativeValue(value: unknown, safeIntegers = false): unknown {
  switch (typeof value) {
    case "number":
      // better-sqlite3 binds every number as REAL; Bun binds safe integers as INTEGER, and NaN as NULL.
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return BigInt(value);
      return Number.isNaN(value) ? null : value;
    case "string":
      return value;
    case "bigint": {
      const wrapped = BigInt.asIntN(64, value);
      if (safeIntegers && wrapped !== value) throw new RangeError(`BigInt value '${value}' is out of range`);
      return wrapped;
    }
    case "boolean":
      return value ? 1n : 0n;
    case "undefined":
      return null;
    case "object":
      if (value === null) return null;
      if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer)) return Buffer.from(value);
      throw bindingTypeError();
    default:
      throw bindingTypeError();
  }
}

const isPositionalFirst = (arg0: unknown): boolean =>
  !Array.isArray(arg0) && (arg0 === null || typeof arg0 !== "object" || ArrayBuffer.isView(arg0) || arg0 instanceof ArrayBuffer);

/**
 * The values Bun would bind, by SQLite parameter index (0-based: slot i is
 * parameter i + 1), from the arguments of a call.
 */
export function valuesByIndex(args: unknown[], analysis: SqlAnalysis, strict: boolean, safeIntegers = false, argsAreOurs = false): unknown[] {
  const arg0 = args[0];
  if (isPositionalFirst(arg0)) return positional(args, analysis.count, safeIntegers, argsAreOurs);
  if (Array.isArray(arg0)) return positional(arg0 as unknown[], analysis.count, safeIntegers, false);
  // Any other object names the values; a Date is a value Bun cannot bind.
  if (arg0 instanceof Date) throw bindingTypeError();
  return named(arg0 as Record<string, unknown>, analysis, strict, safeIntegers);
}

/** `inPlace`: `values` is a fresh array of ours (a rest parameter), converted where it stands. */
function positional(values: unknown[], count: number, safeIntegers: boolean, inPlace: boolean): unknown[] {
  // No values at all is allowed (every parameter NULL), even in strict mode.
  if (values.length !== count && values.length !== 0) throw countError(count, values.length);
  if (inPlace && values.length === count) {
    for (let i = 0; i < count; i++) values[i] = toNativeValue(values[i], safeIntegers);
    return values;
  }
  const out = new Array<unknown>(count);
  for (let i = 0; i < count; i++) out[i] = i < values.length ? toNativeValue(values[i], safeIntegers) : null;
  return out;
}

const own = (object: Record<string, unknown>, key: string): boolean => Object.hasOwn(object, key);

/**
 * Bun's lookup per parameter index i: `$a`/`:a`/`@a` by prefixed then bare key
 * (strict: bare first), `?`/`?N` by `"?N"` then by `String(i - 1)` (strict: only
 * the latter). Only own properties count; a missing one is NULL, or in strict
 * mode `Missing parameter "…"`.
 */
function named(object: Record<string, unknown>, analysis: SqlAnalysis, strict: boolean, safeIntegers: boolean): unknown[] {
  const out = new Array<unknown>(analysis.count).fill(null);
  for (let index = 1; index <= analysis.count; index++) {
    const name = analysis.names[index] ?? null;
    const positionalKey = String(index - 1);
    let keys: string[];
    let reported: string;
    if (name === null || name.charCodeAt(0) === 63) {
      keys = strict || name === null ? [positionalKey] : [name, positionalKey];
      reported = `?${index}`;
    } else {
      const bare = name.slice(1);
      keys = strict ? [bare, name] : [name, bare];
      reported = bare;
    }
    const key = keys.find((k) => own(object, k));
    if (key === undefined) {
      if (strict) throw missingParameterError(reported);
      continue;
    }
    out[index - 1] = toNativeValue(object[key], safeIntegers);
  }
  return out;
}

/** The arguments for better-sqlite3's statement over `positionalSql`: one per parameter occurrence. */
export function occurrenceValues(byIndex: readonly unknown[], analysis: SqlAnalysis): unknown[] {
  if (analysis.simple) return byIndex as unknown[];
  return analysis.tokens.map((token) => byIndex[token.index - 1]);
}
