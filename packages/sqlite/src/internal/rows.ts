// Rows as Bun returns them, built in JavaScript from better-sqlite3's raw
// (array) rows: one generated constructor per column list, so every row of a
// statement is a monomorphic object literal, and BLOBs (Buffers from
// better-sqlite3) become plain Uint8Arrays on the way.

/** better-sqlite3 returns BLOBs as Buffers; Bun returns plain Uint8Arrays. */
export function plainBytes(value: unknown): unknown {
  return value instanceof Buffer ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
}

/** A column value as Bun gives it: only objects (BLOBs) need converting. */
function cell(value: unknown): unknown {
  return typeof value === "object" && value !== null ? plainBytes(value) : value;
}

export type RowFactory = (values: readonly unknown[]) => Record<string, unknown>;

/**
 * `(values) => ({ [name0]: values[0], … })` for these column names. A repeated
 * name keeps its first position and its last value, as in Bun; `__proto__`
 * becomes an own property (a computed key), as in Bun.
 */
export function rowFactory(names: readonly string[]): RowFactory {
  const fields = names.map((name, i) => `${name === "__proto__" ? `["__proto__"]` : JSON.stringify(name)}: cell(v[${i}])`);
  // The names are data (JSON-quoted), never code.
  return new Function("cell", `"use strict"; return function row(v) { return { ${fields.join(", ")} }; };`)(cell) as RowFactory;
}

/** `values()` rows: the same arrays, BLOBs converted. */
export function plainValues(row: unknown[]): unknown[] {
  for (let i = 0; i < row.length; i++) row[i] = cell(row[i]);
  return row;
}

export type RowFixer = (row: Record<string, unknown>) => Record<string, unknown>;

/**
 * For rows better-sqlite3 built as objects: turn their Buffers into
 * Uint8Arrays in place, reading each column by its constant name (a
 * generated function, so every access is a fast named-property load).
 * `null` when a column is named `__proto__`: better-sqlite3 cannot build
 * that row as Bun does, so such statements use `rowFactory` instead.
 */
export function rowFixer(names: readonly string[]): RowFixer | null {
  if (names.includes("__proto__")) return null;
  const checks = [...new Set(names)].map((name) => {
    const key = JSON.stringify(name);
    return `v = o[${key}]; if (typeof v === "object" && v !== null) o[${key}] = plainBytes(v);`;
  });
  return new Function("plainBytes", `"use strict"; return function fix(o) { let v; ${checks.join(" ")} return o; };`)(plainBytes) as RowFixer;
}
