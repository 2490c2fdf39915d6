import type { SqliteUpdateDispatch } from "./internal/binding.ts";
import { selected } from "./internal/selected.ts";

export type { SqliteUpdateDispatch };

/** A connection the addon can act on (opaque), from {@link sqliteAttach}. */
export interface SqliteConnection {
  readonly __sqliteConnection: unique symbol;
}

/** The entry point SQLite must call when it loads the addon as an extension. */
const ENTRY_POINT = "sqlite3_dxcompat_init";

/**
 * Gives the addon a SQLite connection it can call `sqlite3_file_control` and
 * `sqlite3_update_hook` on: `load` must load an extension into that connection
 * (better-sqlite3's `db.loadExtension(file, entryPoint)`), and is handed the
 * addon's own path. `undefined` without the addon (the twin, or a build that
 * cannot load).
 *
 * @example
 * ```ts
 * import { sqliteAttach } from "@dx-compat/native";
 * const connection = sqliteAttach((file, entry) => betterSqlite.loadExtension(file, entry));
 * ```
 */
export function sqliteAttach(load: (file: string, entryPoint: string) => void): SqliteConnection | undefined {
  const { backend, binding, file } = selected();
  if (backend !== "native" || file === undefined) return undefined;
  load(file, ENTRY_POINT);
  return binding.sqliteAttach() as SqliteConnection | undefined;
}

/**
 * `sqlite3_file_control(db, schema, op, slot)`: SQLite's result code, having
 * read and written the slot's bytes (8 or more). `schema` null is "main".
 *
 * @example
 * ```ts
 * const flag = new Int32Array([-1, 0]);
 * sqliteFileControl(connection, null, 10, flag); // SQLITE_FCNTL_PERSIST_WAL: flag[0] is now 0 or 1
 * ```
 */
export function sqliteFileControl(connection: SqliteConnection, schema: string | null, op: number, slot: NodeJS.TypedArray): number {
  return selected().binding.sqliteFileControl(connection, schema, op, slot) ?? 0;
}

const lastErrorCode = new Int32Array(1);

/**
 * The connection's last error: `sqlite3_errmsg` and `sqlite3_extended_errcode`.
 *
 * @example
 * ```ts
 * const { message, errno } = sqliteLastError(connection); // "not an error", 0
 * ```
 */
export function sqliteLastError(connection: SqliteConnection): { message: string; errno: number } {
  lastErrorCode[0] = 0;
  const message = selected().binding.sqliteLastError(connection, lastErrorCode) ?? "";
  return { message, errno: lastErrorCode[0] ?? 0 };
}

/**
 * Installs SQLite's update hook on the connection: `dispatch(target, op,
 * table, rowid, schema)` runs inside each row's insert (op 18), update (23) or
 * delete (9), with `rowid` a BigInt when `bigints`. `target` is held weakly; a
 * throw from `dispatch` is reported as an uncaught exception and the statement
 * goes on. `target` null removes the hook.
 *
 * @example
 * ```ts
 * sqliteUpdateHook(connection, db, (db, op, table, rowid) => console.log(op, table, rowid), false);
 * ```
 */
export function sqliteUpdateHook(connection: SqliteConnection, target: object | null, dispatch: SqliteUpdateDispatch | null, bigints: boolean): void {
  selected().binding.sqliteUpdateHook(connection, target, dispatch, bigints);
}

/**
 * Removes the hook and forgets the connection; every later call on it does
 * nothing. Call it before the connection closes.
 *
 * @example
 * ```ts
 * sqliteDetach(connection);
 * betterSqlite.close();
 * ```
 */
export function sqliteDetach(connection: SqliteConnection): void {
  selected().binding.sqliteDetach(connection);
}
