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

/** One value in the form better-sqlite3 binds the way Bun binds it. */
export function toNativeValue(value: unknown): unknown {
  switch (typeof value) {
    case "number":
      // better-sqlite3 binds every number as REAL; Bun binds safe integers as INTEGER.
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? BigInt(value) : value;
    case "string":
      return value;
    case "bigint":
      return BigInt.asIntN(64, value);
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
export function valuesByIndex(args: readonly unknown[], analysis: SqlAnalysis, strict: boolean): unknown[] {
  const arg0 = args[0];
  if (isPositionalFirst(arg0)) return positional(args, analysis.count);
  if (Array.isArray(arg0)) return positional(arg0, analysis.count);
  // Only a plain object names values; a Date, Map or class instance is a value Bun cannot bind.
  const prototype = Object.getPrototypeOf(arg0) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw bindingTypeError();
  return named(arg0 as Record<string, unknown>, analysis, strict);
}

function positional(values: readonly unknown[], count: number): unknown[] {
  if (values.length !== count) throw countError(count, values.length);
  const out = new Array<unknown>(count);
  for (let i = 0; i < count; i++) out[i] = toNativeValue(values[i]);
  return out;
}

function named(object: Record<string, unknown>, analysis: SqlAnalysis, strict: boolean): unknown[] {
  const out = new Array<unknown>(analysis.count).fill(null);
  for (let index = 1; index <= analysis.count; index++) {
    const name = analysis.names[index];
    if (name === null || name === undefined) continue;
    // `$a`, `:a`, `@a` may be given as `a`; `?1` only as itself.
    const bare = name.charCodeAt(0) === 63 ? name : name.slice(1);
    let value = object[name];
    if (value === undefined) value = object[bare];
    if (value === undefined) {
      if (strict && !(name in object) && !(bare in object)) throw missingParameterError(bare);
      continue;
    }
    out[index - 1] = toNativeValue(value);
  }
  return out;
}

/** The arguments for better-sqlite3's statement over `positionalSql`: one per parameter occurrence. */
export function occurrenceValues(byIndex: readonly unknown[], analysis: SqlAnalysis): unknown[] {
  if (analysis.simple) return byIndex as unknown[];
  return analysis.tokens.map((token) => byIndex[token.index - 1]);
}
