// SqliteRows on Node's own SQLite (node:sqlite): adopting the statement the
// connection prepared last, binding from the shared buffer, rows in batches.
// bun:sqlite's tests cover it on better-sqlite3 (packages/sqlite).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { backend, sqliteAttach, sqliteDetach, SqliteRows, type SqliteConnection, type SqliteStatement } from "../src/index.ts";

const native = backend() === "native";
const { DatabaseSync } = createRequire(import.meta.url)("node:sqlite") as typeof import("node:sqlite");

function attached(): { db: InstanceType<typeof DatabaseSync>; connection: SqliteConnection } {
  const db = new DatabaseSync(":memory:", { allowExtension: true });
  const connection = sqliteAttach((file, entryPoint) => db.loadExtension(file, entryPoint));
  if (connection === undefined) throw new Error("no connection");
  return { db, connection };
}

/** Prepares `sql` on `db` and adopts it (for writes when asked): the statement, which owns the id, and the id. */
function adopted(db: InstanceType<typeof DatabaseSync>, connection: SqliteConnection, rows: SqliteRows, sql: string, writes = false): { statement: ReturnType<InstanceType<typeof DatabaseSync>["prepare"]>; id: SqliteStatement } {
  const statement = db.prepare(sql);
  const id = rows.adopt(connection, sql, statement, writes);
  if (id === undefined) throw new Error(`not adopted: ${sql}`);
  return { statement, id };
}

/** Every row of the last batch, decoded. */
function batch(rows: SqliteRows, count: number): unknown[][] {
  return Array.from({ length: count }, (_, row) => Array.from({ length: rows.columnCount }, (_, column) => rows.cell(row, column)));
}

describe("SqliteRows", () => {
  it.runIf(!native)("is not there without the addon", () => {
    expect(SqliteRows.shared()).toBeUndefined();
  });

  it.runIf(native)("adopts only the newest statement, only with its own text, only if it reads", () => {
    const { db, connection } = attached();
    const rows = SqliteRows.shared() as SqliteRows;
    db.exec("CREATE TABLE t (a, b)");
    const owner = {};
    const older = db.prepare("SELECT a FROM t");
    const newer = db.prepare("SELECT b FROM t");
    expect(rows.adopt(connection, "SELECT a FROM t", owner)).toBeUndefined();
    expect(rows.adopt(connection, "SELECT b FROM t", owner)).toBeTypeOf("number");
    db.prepare("INSERT INTO t VALUES (1, 2)");
    expect(rows.adopt(connection, "INSERT INTO t VALUES (1, 2)", owner)).toBeUndefined();
    expect([older, newer]).toHaveLength(2);
    sqliteDetach(connection);
    db.close();
  });

  it.runIf(native)("binds every kind, reads every kind, and grows for big rows", () => {
    const { db, connection } = attached();
    const rows = SqliteRows.shared() as SqliteRows;
    const sql = "SELECT ?1 AS i, ?2 AS r, ?3 AS t, ?4 AS b, ?5 AS n, ?6 AS big, length(?3) AS l";
    const { id } = adopted(db, connection, rows, sql);
    const text = "ü€😀".repeat(40_000);
    expect(rows.read(id, 1, false, [-(2n ** 63n), 0.5, text, new Uint8Array([0, 255]), null, 2n ** 62n])).toBe(1);
    expect(rows.columnCount).toBe(7);
    const [row] = batch(rows, 1);
    expect(row).toEqual([-(2 ** 63), 0.5, text, new Uint8Array([0, 255]), null, 2 ** 62, 120_000]);
    expect(rows.read(id, 1, true, [2n ** 62n + 1n, 1, "", new Uint8Array(0), undefined, 1n])).toBe(1);
    expect(batch(rows, 1)[0]).toEqual([2n ** 62n + 1n, 1, "", new Uint8Array(0), null, 1n, 0n]);
    // Not taken: a wrong parameter count, or a value it does not bind (nothing runs).
    expect(rows.read(id, 1, false, [1n])).toBe(-1);
    expect(rows.read(id, 1, false, [{}, 1, "", null, null, null])).toBe(-1);
    sqliteDetach(connection);
    db.close();
  });

  it.runIf(native)("decodes a row's ASCII text once, and every other row cell by cell, with the same strings", () => {
    const { db, connection } = attached();
    const rows = SqliteRows.shared() as SqliteRows;
    const sql = "SELECT ?1 AS a, ?2 AS b, ?3 AS c, ?1 || ?2 AS d";
    const { id } = adopted(db, connection, rows, sql);
    const cases: [unknown, unknown, unknown][] = [
      ["ada", "ada@example.com (thirteen+)", ""], // ASCII, short and long cuts
      ["ada", "lovelace", new Uint8Array([104, 105])], // a BLOB among them
      ["ada", "lövelace", 1n], // non-ASCII
      ["a".repeat(600), "b".repeat(600), null], // more than one decode's worth
      ["\u0000\u007f", "tab\tnew\nline", "\u0080"],
    ];
    for (const [a, b, c] of cases) {
      expect(rows.read(id, 1, false, [a, b, c])).toBe(1);
      const [row] = batch(rows, 1);
      expect(row).toEqual([a, b, typeof c === "bigint" ? Number(c) : c, `${String(a)}${String(b)}`]);
    }
    // Rows of one batch, each decoded on its own terms.
    const many = "SELECT * FROM (VALUES ('ascii row, long enough', 'x'), ('ö row', 'still ascii here'), (x'00ff', 'after a blob, long'), ('last', ''))";
    const { statement: manyStatement, id: manyId } = adopted(db, connection, rows, many);
    expect(rows.read(manyId, 10, false, [])).toBe(4);
    expect(batch(rows, 4)).toEqual(manyStatement.all().map((row) => Object.values(row).map((v) => (v instanceof Uint8Array ? new Uint8Array(v) : v))));
    expect(batch(rows, 4)[1]).toEqual(["ö row", "still ascii here"]);
    sqliteDetach(connection);
    db.close();
  });

  it.runIf(native)("reads many rows in batches, abandons the rest on request, and reports SQLite's failures", () => {
    const { db, connection } = attached();
    const rows = SqliteRows.shared() as SqliteRows;
    db.exec("CREATE TABLE t (a INTEGER, b TEXT)");
    const insert = db.prepare("INSERT INTO t VALUES (?, ?)");
    for (let i = 0; i < 5_000; i++) insert.run(i, "x".repeat(i % 1000));
    const sql = "SELECT a, b FROM t ORDER BY a";
    const { statement, id } = adopted(db, connection, rows, sql);
    const seen: unknown[][] = [];
    let count = rows.read(id, 0x7fffffff, false, []);
    let batches = 1;
    for (;;) {
      seen.push(...batch(rows, count));
      if (!rows.hasMore) break;
      count = rows.more(id, 0x7fffffff, false);
      batches++;
    }
    expect(batches).toBeGreaterThan(1);
    expect(seen).toEqual(statement.all().map((row) => [row.a, row.b]));
    // A limit stops and resets: the next read starts from the first row again.
    expect(rows.read(id, 2, false, [])).toBe(2);
    expect(batch(rows, 2)).toEqual([[0, ""], [1, "x"]]);
    expect(rows.read(id, 0x7fffffff, false, [])).toBeGreaterThan(0);
    rows.abandon(id);
    expect(rows.more(id, 1, false)).toBe(0);
    const failing = "SELECT abs(-9223372036854775807 - 1)";
    const { id: failingId } = adopted(db, connection, rows, failing);
    expect(rows.read(failingId, 1, false, [])).toBe(-2);
    sqliteDetach(connection);
    db.close();
  });

  it.runIf(native)("runs statements that write, as better-sqlite3's run(): changes, rowid, SQLite's errors", () => {
    const { db, connection } = attached();
    const rows = SqliteRows.shared() as SqliteRows;
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, a UNIQUE NOT NULL)");
    const sql = "INSERT INTO t (id, a) VALUES (?, ?)";
    const statement = db.prepare(sql);
    expect(rows.adopt(connection, sql, statement)).toBeUndefined();
    const id = rows.adopt(connection, sql, statement, true);
    if (id === undefined) throw new Error("not adopted");
    expect(rows.run(id, [2n ** 62n, "x"])).toBe(0);
    expect([rows.changes, rows.lastInsertRowid(true), rows.lastInsertRowid(false)]).toEqual([1, 2n ** 62n, 2 ** 62]);
    expect(rows.run(id, [null, "x"])).toBe("UNIQUE constraint failed: t.a");
    expect(rows.errorCode).toBe(2067);
    expect(rows.run(id, [null, null])).toBe("NOT NULL constraint failed: t.a");
    expect(rows.errorCode).toBe(1299);
    // A statement adopted for writes is never read: falling back would run it twice.
    expect(rows.read(id, 1, false, [1n, "y"])).toBe(-1);
    expect(rows.run(id, [1n])).toBe(-1);
    const all = "SELECT count(*) FROM t";
    const { statement: count, id: countId } = adopted(db, connection, rows, all, true);
    // Changes are 0 where the statement changed nothing, whatever the connection's last count.
    expect(rows.run(countId, [])).toBe(0);
    expect(rows.changes).toBe(0);
    expect(count.get()).toEqual({ "count(*)": 1 });
    sqliteDetach(connection);
    db.close();
  });
});
