/**
 * `SQLiteError` of `bun:sqlite`: what SQLite failures are. As in Bun, only the
 * library creates them (an Error named "SQLiteError" with `code`, `errno` and
 * `byteOffset`), and `instanceof` recognises them by name.
 *
 * @example
 * ```ts
 * try { db.run("INSERT INTO t VALUES (1)"); } catch (e) { if (e instanceof SQLiteError) console.error(e.code); }
 * ```
 */
export class SQLiteError extends Error {
  declare readonly name: "SQLiteError";
  declare errno: number;
  declare code?: string;
  declare readonly byteOffset: number;

  static override [Symbol.hasInstance](instance: unknown): boolean {
    return (instance as { name?: unknown } | null)?.name === "SQLiteError";
  }

  constructor() {
    super();
    throw new Error("SQLiteError can only be constructed by bun:sqlite");
  }
}
