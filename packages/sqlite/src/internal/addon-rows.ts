// get()'s and all()'s rows read by @dx-compat/native's addon (loaded into the
// connection as an SQLite extension, see extension.ts) instead of built by
// better-sqlite3: one N-API call binds, steps and copies the row into a
// buffer, and a generated object literal per column list builds the row
// from it. better-sqlite3 creates every row property through a V8 call and
// binds through its own wrapper, which costs more than the SQLite work itself
// on small reads. Only read-only statements go this way, and never while
// JavaScript could be running inside SQLite (an update hook, a SQL function).
import { SqliteRows } from "@dx-compat/native";
import type { SqliteObjectMaker } from "@dx-compat/native";

/** Whether this process can read rows through the addon. */
export function addonRowsAvailable(): boolean {
  return SqliteRows.shared() !== undefined;
}

/** This thread's reader; only after {@link addonRowsAvailable} said yes. */
export function addonRows(): SqliteRows {
  const rows = SqliteRows.shared();
  if (rows === undefined) throw new Error("the @dx-compat/native addon is not loaded");
  return rows;
}

/**
 * Builds Bun's row objects from the reader's batches for these column names:
 * as rows.ts's rowFactory, a repeated name keeps its first position and its
 * last value, and `__proto__` is an own property.
 */
export function addonRowFactory(names: readonly string[]): SqliteObjectMaker {
  return SqliteRows.objectMaker(names);
}
