// Errors with Bun's classes and messages. SQLite's own failures become Bun's
// SQLiteError shape: an Error named "SQLiteError" with `code`, `errno` and
// `byteOffset` (better-sqlite3 gives only the code name).
import { notImplemented } from "@dx-compat/shared/errors";
import { resultCode, resultName } from "./result-codes.ts";

export { notImplemented };

export interface BunSQLiteError extends Error {
  code: string;
  errno: number;
  byteOffset: number;
}

/** An Error named "SQLiteError"; the name is not enumerable, as on Bun's (only code, errno and byteOffset are own enumerable keys). */
function namedSqliteError(message: string): BunSQLiteError {
  const error = new Error(message) as BunSQLiteError;
  Object.defineProperty(error, "name", { value: "SQLiteError", writable: true, configurable: true, enumerable: false });
  return error;
}

/** Bun's SQLiteError, built from a better-sqlite3 SqliteError. */
export function sqliteError(message: string, code: string, byteOffset = -1): BunSQLiteError {
  const error = namedSqliteError(message);
  error.code = code;
  error.errno = resultCode(code) ?? 1;
  error.byteOffset = byteOffset;
  return error;
}

/**
 * Bun's SQLiteError for a statement the addon ran: what better-sqlite3's
 * error (`sqlite3_errmsg`, the extended code's name) becomes.
 */
export function addonSqliteError(message: string, extendedCode: number): BunSQLiteError {
  return sqliteError(message, resultName(extendedCode) ?? `UNKNOWN_SQLITE_ERROR_${extendedCode}`);
}

/**
 * Bun's SQLiteError from a connection's error state (`sqlite3_errmsg` and the
 * extended code), as its `fileControl` throws it: no `code` when the code is 0;
 * `errno` and `byteOffset` read-only.
 */
export function sqliteErrorFromState(message: string, errno: number): BunSQLiteError {
  const error = namedSqliteError(message);
  const code = errno === 0 ? undefined : resultName(errno);
  if (code !== undefined) error.code = code;
  Object.defineProperty(error, "errno", { value: errno, enumerable: true });
  Object.defineProperty(error, "byteOffset", { value: -1, enumerable: true });
  return error;
}

export const isNativeSqliteError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && error.name === "SqliteError" && typeof (error as { code?: unknown }).code === "string";

export const finalizedError = (): Error => new Error("Statement has finalized");
export const closedError = (): RangeError => new RangeError("Cannot use a closed database");
export const bindingTypeError = (): TypeError => new TypeError("Binding expected string, TypedArray, boolean, number, bigint or null");
export const countError = (expected: number, received: number): Error => new Error(`SQLite query expected ${expected} values, received ${received}`);
export const missingParameterError = (name: string): Error => new Error(`Missing parameter "${name}"`);
export const invalidSqlError = (): RangeError => new RangeError("Invalid SQL statement");
export const emptyQueryError = (): Error => new Error("SQL query cannot be empty.");
