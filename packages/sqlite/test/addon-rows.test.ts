// get() through @dx-compat/native's addon (internal/addon-rows.ts): every value
// it reads and binds must come out as better-sqlite3's path gives it (values()
// still reads there), and every case it does not take must fall back unseen.
import { SqliteRows } from "@dx-compat/native";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Database, SQLiteError } from "../src/index.ts";

const addon = SqliteRows.shared();
/**
 * Watches one of the addon's methods in each test of the enclosing scope;
 * the counter says how often it was called since the test began (0 without the addon).
 */
function countCalls(method: "read" | "run"): () => number {
  let spy: ReturnType<typeof vi.spyOn> | undefined;
  beforeEach(() => {
    if (addon !== undefined) spy = vi.spyOn(addon, method);
  });
  afterEach(() => {
    spy?.mockRestore();
  });
  return () => spy?.mock.calls.length ?? 0;
}

/** How many rows the addon was asked for since the test began. */
const addonReads = countCalls("read");

/** The row get() gives, next to values()' row from better-sqlite3, as comparable arrays. */
function bothPaths(db: Database, sql: string, ...params: unknown[]): { fast: unknown[] | null; slow: unknown[] | null } {
  const statement = db.prepare(sql);
  const row = statement.get(...(params as never[])) as Record<string, unknown> | null;
  const slow = (statement.values(...(params as never[]))[0] as unknown[] | undefined) ?? null;
  return { fast: row === null ? null : Object.values(row), slow };
}

const bindable = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.maxSafeInteger(),
  fc.string({ unit: "binary" }),
  fc.uint8Array({ maxLength: 64 }),
  fc.boolean(),
  fc.constantFrom(null, undefined, -0, Infinity, -Infinity, Number.NaN, 2 ** 53, -(2 ** 63)),
);

describe("get() through the addon", () => {
  it("reads every bound value back as better-sqlite3's path does (fast-check)", () => {
    const db = new Database(":memory:");
    fc.assert(
      fc.property(fc.array(bindable, { minLength: 1, maxLength: 6 }), fc.boolean(), (values, safe) => {
        const sql = `SELECT ${values.map((_, i) => `?${i + 1} AS c${i}, typeof(?${i + 1}) AS t${i}`).join(", ")}`;
        const statement = db.prepare(sql).safeIntegers(safe);
        const row = statement.get(...(values as never[])) as Record<string, unknown>;
        expect(Object.values(row)).toEqual(statement.values(...(values as never[]))[0]);
      }),
      { numRuns: 500 },
    );
    if (addon !== undefined) expect(addonReads()).toBeGreaterThanOrEqual(500);
  });

  it("stores what it binds as better-sqlite3 does: a table round trip (fast-check)", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, untyped, num NUMERIC, txt TEXT, blb BLOB)");
    const insert = db.prepare("INSERT INTO t (untyped, num, txt, blb) VALUES (?, ?, ?, ?)");
    const select = db.prepare("SELECT untyped, num, txt, blb, typeof(untyped), typeof(num) FROM t WHERE id = ?");
    fc.assert(
      fc.property(fc.tuple(bindable, bindable, bindable, bindable), (values) => {
        const id = insert.run(...(values as unknown as never[])).lastInsertRowid;
        expect(Object.values(select.get(id) as object)).toEqual(select.values(id)[0]);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps Bun's row shape: repeated names, __proto__, column order", () => {
    const db = new Database(":memory:");
    const row = db.prepare("SELECT 1 AS a, 2 AS b, 3 AS a, 4 AS __proto__").get() as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(["a", "b", "__proto__"]);
    expect(row.a).toBe(3);
    expect(Object.getOwnPropertyDescriptor(row, "__proto__")?.value).toBe(4);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it("reads rows larger than its buffer, and BLOBs in buffers of their own", () => {
    const db = new Database(":memory:");
    const big = "é".repeat(300_000);
    const { fast, slow } = bothPaths(db, "SELECT ?1 AS text, zeroblob(200000) AS blob, ?1 || 'x' AS again", big);
    expect(fast).toEqual(slow);
    const blob = (fast as unknown[])[1] as Uint8Array;
    expect(blob.byteOffset).toBe(0);
    expect(blob.buffer.byteLength).toBe(200_000);
    // The grown buffer still serves small reads.
    expect(bothPaths(db, "SELECT ? AS x", "small").fast).toEqual(["small"]);
  });

  it("answers null for no row, with named and numbered parameters", () => {
    const db = new Database(":memory:", { strict: true });
    db.run("CREATE TABLE t (a, b)");
    db.run("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    expect(db.prepare("SELECT * FROM t WHERE a = $a").get({ a: 3 })).toBeNull();
    expect(db.prepare("SELECT * FROM t WHERE a = $a AND b = $b").get({ a: 2, b: "two" })).toEqual({ a: 2, b: "two" });
    expect(db.prepare("SELECT ?2 AS x, ?1 AS y, ?2 AS z").get(1, 2)).toEqual({ x: 2, y: 1, z: 2 });
    // A call without arguments re-uses the last bindings, as in Bun.
    const again = db.prepare("SELECT b FROM t WHERE a = ?");
    expect(again.get(1)).toEqual({ b: "one" });
    expect(again.get()).toEqual({ b: "one" });
  });

  it("reports SQLite's runtime errors as before (the statement is run again the other way)", () => {
    const db = new Database(":memory:");
    const overflow = db.prepare("SELECT abs(-9223372036854775807 - 1) AS x");
    expect(() => overflow.get()).toThrow("integer overflow");
    expect(() => overflow.get()).toThrow("integer overflow");
    expect(db.prepare("SELECT 1 AS one").get()).toEqual({ one: 1 });
  });

  it("follows a schema change that re-prepares the statement", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a)");
    db.run("INSERT INTO t VALUES (1)");
    const select = db.query("SELECT * FROM t");
    const before = select.get();
    db.run("ALTER TABLE t ADD COLUMN b DEFAULT 2");
    const after = select.get();
    expect(before).toEqual({ a: 1 });
    // Whatever the column names cached before, both paths agree on the values.
    expect(Object.values(after as object)).toEqual(select.values()[0]?.slice(0, Object.keys(after as object).length));
  });

  it("stays out of writes and SQL functions written in JavaScript", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a)");
    expect(db.prepare("INSERT INTO t VALUES (?) RETURNING a").get(5)).toEqual({ a: 5 });
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 1 });
    db.function("twice", (x: unknown) => (x as number) * 2);
    expect(db.prepare("SELECT twice(a) AS d FROM t ORDER BY a").get()).toEqual({ d: 10 });
    db.function("fails", () => {
      throw new Error("from JavaScript");
    });
    expect(() => db.prepare("SELECT fails() AS x").get()).toThrow("from JavaScript");
    expect(db.prepare("SELECT 2 AS two").get()).toEqual({ two: 2 });
  });

  // Update hooks need the addon themselves.
  it.runIf(addon !== undefined)("stays out of update hooks: a read from one is refused as before", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a)");
    const count = db.prepare("SELECT count(*) AS n FROM t");
    let inHook: unknown;
    db.onInsert = () => {
      try {
        count.get();
      } catch (error) {
        inHook = error;
      }
    };
    db.run("INSERT INTO t VALUES (6)");
    expect(String(inHook)).toContain("This database connection is busy executing a query");
    db.onInsert = null;
    expect(count.get()).toEqual({ n: 1 });
  });

  it("reads through a statement made before close() until it is finalized, as before", () => {
    const db = new Database(":memory:");
    const statement = db.prepare("SELECT 7 AS seven");
    expect(statement.get()).toEqual({ seven: 7 });
    db.close();
    expect(statement.get()).toEqual({ seven: 7 });
    statement.finalize();
    expect(() => statement.get()).toThrow();
  });
});

/** all()'s rows, next to values()' rows from better-sqlite3, as comparable arrays. */
function allBothPaths(statement: ReturnType<Database["prepare"]>, ...params: unknown[]): { fast: unknown[][]; slow: unknown[][] } {
  const fast = (statement.all(...(params as never[])) as Record<string, unknown>[]).map((row) => Object.values(row));
  return { fast, slow: statement.values(...(params as never[])) as unknown[][] };
}

describe("all() through the addon", () => {
  it("reads every stored value back as better-sqlite3's path does, over many rows (fast-check)", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, a, b TEXT, c)");
    const insert = db.prepare("INSERT INTO t (a, b, c) VALUES (?, ?, ?)");
    const text = fc.oneof(fc.string({ unit: "grapheme-ascii", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.constant("x".repeat(900)));
    fc.assert(
      fc.property(fc.array(fc.tuple(bindable, text, bindable), { maxLength: 120 }), fc.boolean(), (rows, safe) => {
        db.run("DELETE FROM t");
        for (const row of rows) insert.run(...(row as unknown as never[]));
        const { fast, slow } = allBothPaths(db.prepare("SELECT a, b, c, typeof(a) FROM t ORDER BY id").safeIntegers(safe));
        expect(fast).toEqual(slow);
        expect(fast).toHaveLength(rows.length);
      }),
      { numRuns: 200 },
    );
    if (addon !== undefined) expect(addonReads()).toBeGreaterThanOrEqual(200);
  });

  it("reads more rows than one buffer holds, across batches, with Bun's row shape", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a INTEGER, b TEXT)");
    const insert = db.prepare("INSERT INTO t VALUES (?, ?)");
    db.transaction(() => {
      for (let i = 0; i < 4_000; i++) insert.run(i, i % 7 === 0 ? `ü${"y".repeat(i % 300)}` : "x".repeat(i % 500));
    })();
    const { fast, slow } = allBothPaths(db.prepare("SELECT a, b, a AS a FROM t ORDER BY a"));
    expect(fast).toEqual(slow.map((row) => row.slice(0, 2)));
    expect(Object.keys(db.prepare("SELECT 1 AS a, 2 AS b, 3 AS a, 4 AS __proto__").all()[0] as object)).toEqual(["a", "b", "__proto__"]);
  });

  it("reports SQLite's error part-way through as before, and reads again afterwards", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (x INTEGER)");
    db.run("INSERT INTO t VALUES (1), (2), (-9223372036854775808)");
    const select = db.prepare("SELECT abs(x) AS y FROM t ORDER BY rowid");
    expect(() => select.all()).toThrow("integer overflow");
    db.run("DELETE FROM t WHERE x < 0");
    expect(select.all()).toEqual([{ y: 1 }, { y: 2 }]);
  });

  it("stays out of writes, SQL functions written in JavaScript, and as(Class)", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a)");
    expect(db.prepare("INSERT INTO t VALUES (1), (2) RETURNING a").all()).toEqual([{ a: 1 }, { a: 2 }]);
    class Row {
      a = 0;
    }
    const typed = db.prepare("SELECT a FROM t ORDER BY a").as(Row).all();
    expect(typed.map((row) => row instanceof Row)).toEqual([true, true]);
    db.function("twice", (x: unknown) => (x as number) * 2);
    expect(db.prepare("SELECT twice(a) AS d FROM t ORDER BY a").all()).toEqual([{ d: 2 }, { d: 4 }]);
  });
});

describe("run() through the addon", () => {
  const addonRuns = countCalls("run");

  it("gives better-sqlite3's changes and lastInsertRowid, as numbers or BigInts", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, a)");
    const insert = db.prepare("INSERT INTO t (id, a) VALUES (?, ?)");
    expect(insert.run(2 ** 40, "x")).toEqual({ changes: 1, lastInsertRowid: 2 ** 40 });
    expect(insert.safeIntegers(true).run(2n ** 62n, "y")).toEqual({ changes: 1, lastInsertRowid: 2n ** 62n });
    expect(db.prepare("INSERT INTO t (a) VALUES (1), (2) RETURNING id").run()).toEqual({ changes: 2, lastInsertRowid: 2 ** 62 + 2 });
    expect(db.prepare("UPDATE t SET a = 'z' WHERE id > ?").run(0)).toEqual({ changes: 4, lastInsertRowid: 2 ** 62 + 2 });
    // Nothing changed: 0, whatever the connection's last count.
    expect(db.prepare("SELECT * FROM t").run()).toEqual({ changes: 0, lastInsertRowid: 2 ** 62 + 2 });
    expect(db.prepare("DELETE FROM t WHERE a = ?").run("z")).toEqual({ changes: 4, lastInsertRowid: 2 ** 62 + 2 });
    if (addon !== undefined) expect(addonRuns()).toBe(6);
  });

  it("throws Bun's SQLiteError for SQLite's failures, and the statement runs again", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a UNIQUE NOT NULL CHECK (a <> 'bad'))");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    insert.run("x");
    const failures = ["x", null, "bad"].map((value) => {
      try {
        insert.run(value);
        return null;
      } catch (error) {
        const { name, message, code, errno, byteOffset } = error as SQLiteError;
        return { name, message, code, errno, byteOffset, isSQLiteError: error instanceof SQLiteError };
      }
    });
    expect(failures).toEqual([
      { name: "SQLiteError", message: "UNIQUE constraint failed: t.a", code: "SQLITE_CONSTRAINT_UNIQUE", errno: 2067, byteOffset: -1, isSQLiteError: true },
      { name: "SQLiteError", message: "NOT NULL constraint failed: t.a", code: "SQLITE_CONSTRAINT_NOTNULL", errno: 1299, byteOffset: -1, isSQLiteError: true },
      { name: "SQLiteError", message: "CHECK constraint failed: a <> 'bad'", code: "SQLITE_CONSTRAINT_CHECK", errno: 275, byteOffset: -1, isSQLiteError: true },
    ]);
    expect(insert.run("y")).toEqual({ changes: 1, lastInsertRowid: 2 });
  });

  it("rolls back with the transaction around it", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a)");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    const many = db.transaction((values: number[]) => {
      for (const value of values) insert.run(value);
      if (values.includes(3)) throw new Error("three");
    });
    many([1, 2]);
    expect(() => many([3, 4])).toThrow("three");
    expect(db.prepare("SELECT a FROM t ORDER BY a").values()).toEqual([[1], [2]]);
  });

  it("leaves statements to better-sqlite3 while an update hook is set", () => {
    const db = new Database(":memory:");
    db.run("CREATE TABLE t (a)");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    insert.run(1);
    const seen: unknown[] = [];
    if (addon !== undefined) {
      db.onInsert = (_db: Database, _table: string, rowid: number | bigint) => seen.push(rowid);
      const before = addonRuns();
      insert.run(2);
      expect(addonRuns()).toBe(before);
      expect(seen).toEqual([2]);
      db.onInsert = null;
    }
    insert.run(3);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: addon === undefined ? 2 : 3 });
  });
});
