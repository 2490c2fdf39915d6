// Preparing SQL the way Bun does on top of better-sqlite3: only the first
// statement of a string is prepared (better-sqlite3 refuses several), errors
// get Bun's classes, and SQLite's error offset is recovered for `byteOffset`.
import { closedError, invalidSqlError, isNativeSqliteError, sqliteError } from "./errors.ts";
import type { NativeDatabase, NativeStatement } from "./native.ts";
import { isIdChar, statementEnds } from "./sql.ts";

const MORE_THAN_ONE = "The supplied SQL string contains more than one statement";
const NO_STATEMENTS = "The supplied SQL string contains no statements";
const NOT_OPEN = "The database connection is not open";

/** A better-sqlite3 failure as the error Bun throws for the same failure. */
export function translateError(error: unknown, native?: NativeDatabase, sql?: string): unknown {
  if (isNativeSqliteError(error)) {
    const offset = native !== undefined && sql !== undefined ? errorOffset(native, sql, error.message) : -1;
    return sqliteError(error.message, error.code, offset);
  }
  if (error instanceof TypeError && error.message === NOT_OPEN) return closedError();
  if (error instanceof RangeError && error.message === NO_STATEMENTS) return invalidSqlError();
  return error;
}

// The token SQLite points at, for the messages that carry an offset.
const offsetMessages = [/^near "([^]+)": syntax error$/, /^no such column: ([^]+)$/];
const functionMessages = [/^no such function: ([^]+)$/, /^wrong number of arguments to function ([^(]+)\(\)$/];

/**
 * SQLite's `sqlite3_error_offset` (in UTF-8 bytes), which better-sqlite3 does
 * not expose: the first occurrence of the named token whose prefix of the
 * statement reproduces the same error. Runs only on the error path.
 */
function errorOffset(native: NativeDatabase, sql: string, message: string): number {
  const fn = functionMessages.map((re) => re.exec(message)?.[1]).find((name) => name !== undefined);
  // A call is `name(`: SQLite points at the name of the first call to it.
  if (fn !== undefined) {
    const at = new RegExp(`(?<![\\w$])${fn.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*\\(`, "i").exec(sql)?.index;
    return at === undefined ? -1 : Buffer.byteLength(sql.slice(0, at));
  }
  const token = offsetMessages.map((re) => re.exec(message)?.[1]).find((t) => t !== undefined);
  if (token === undefined) return -1;
  const ends = statementEnds(sql);
  for (let at = sql.indexOf(token); at !== -1; at = sql.indexOf(token, at + 1)) {
    if (!isWholeToken(sql, at, token.length)) continue;
    const start = ends.filter((end) => end < at).reduce((_, end) => end + 1, 0);
    try {
      native.prepare(sql.slice(start, at + token.length));
    } catch (error) {
      if (error instanceof Error && error.message === message) return Buffer.byteLength(sql.slice(0, at));
    }
  }
  return -1;
}

/** Whether `sql[at, at + length)` is not part of a longer identifier (`selec` inside `select`). */
function isWholeToken(sql: string, at: number, length: number): boolean {
  const edgeBefore = at === 0 || !isIdChar(sql.charCodeAt(at - 1)) || !isIdChar(sql.charCodeAt(at));
  const edgeAfter = at + length >= sql.length || !isIdChar(sql.charCodeAt(at + length)) || !isIdChar(sql.charCodeAt(at + length - 1));
  return edgeBefore && edgeAfter;
}

/** better-sqlite3's statement for the first SQL statement in `sql`, as Bun prepares it. */
export function prepareFirst(native: NativeDatabase, sql: string): NativeStatement {
  try {
    return native.prepare(sql) as NativeStatement;
  } catch (error) {
    if (!(error instanceof RangeError && error.message === MORE_THAN_ONE)) throw translateError(error, native, sql);
  }
  // Several statements: Bun prepares the first and ignores the rest. Trigger bodies
  // contain `;` too, so take the shortest prefix ending at a `;` that prepares.
  for (const end of statementEnds(sql)) {
    try {
      return native.prepare(sql.slice(0, end + 1)) as NativeStatement;
    } catch (error) {
      if (error instanceof RangeError && error.message === MORE_THAN_ONE) break;
    }
  }
  throw translateError(new RangeError(MORE_THAN_ONE), native, sql);
}

/**
 * Execute each statement of `sql` in order, as Bun's `db.run` does: every
 * statement that has parameters gets `execute`'s bindings. Statements are
 * prepared one at a time, after the previous one ran (a later one may use a
 * table an earlier one creates).
 */
export function forEachStatement(native: NativeDatabase, sql: string, execute: (statement: NativeStatement, text: string) => void): void {
  let start = 0;
  for (const end of [...statementEnds(sql), sql.length - 1]) {
    const text = sql.slice(start, end + 1);
    if (text.trim() === "") continue;
    let statement: NativeStatement;
    try {
      statement = native.prepare(text) as NativeStatement;
    } catch (error) {
      // Only a statement's tail so far (e.g. inside a trigger body), or comments: read on.
      if (error instanceof RangeError && error.message === NO_STATEMENTS) start = end + 1;
      else if (end < sql.length - 1 && isNativeSqliteError(error) && error.message === "incomplete input") continue;
      else throw translateError(error, native, sql);
      continue;
    }
    execute(statement, text);
    start = end + 1;
  }
}
