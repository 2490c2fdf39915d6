// Behaviour on real SQLite files and in-memory databases, in process.
import { scratchDir } from "@dx-compat/oracle";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { Database, SQLiteError, constants } from "../src/index.ts";

const fileDb = (name = "test.db"): string => join(scratchDir("dx-compat-sqlite-"), name);

describe("opening", () => {
  it("creates a file database, reopens it, and keeps SQLite's default journal mode (not WAL)", () => {
    const path = fileDb();
    const db = new Database(path);
    db.run("create table t (a)");
    db.run("insert into t values (1)");
    expect(db.query("pragma journal_mode").get()).toEqual({ journal_mode: "delete" });
    db.close();
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 15).toString()).toBe("SQLite format 3");
    const again = Database.open(path, { readonly: true });
    expect(again.query("select a from t").values()).toEqual([[1]]);
    expect(() => again.run("insert into t values (2)")).toThrow(expect.objectContaining({ name: "SQLiteError", code: "SQLITE_READONLY" }));
    again.close();
  });

  it("switches to WAL on request, as in Bun", () => {
    const db = new Database(fileDb());
    expect(db.query("pragma journal_mode = WAL").get()).toEqual({ journal_mode: "wal" });
    db.close();
  });

  it("treats file: names as plain file names, as Bun does (no URI parsing)", () => {
    const path = fileDb();
    expect(() => new Database(pathToFileURL(path).href)).toThrow(expect.objectContaining({ code: "SQLITE_CANTOPEN" }));
    const dir = scratchDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      new Database("file:literal.db").close();
      expect(existsSync(join(dir, "file:literal.db"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it("takes SQLite's numeric open flags", () => {
    const path = fileDb();
    expect(() => new Database(path, constants.SQLITE_OPEN_READWRITE)).toThrow(expect.objectContaining({ code: "SQLITE_CANTOPEN", errno: 14 }));
    new Database(path, constants.SQLITE_OPEN_READWRITE | constants.SQLITE_OPEN_CREATE).close();
    expect(existsSync(path)).toBe(true);
  });

  it("refuses a missing directory with SQLite's error", () => {
    expect(() => new Database(join(scratchDir(), "no", "such", "dir.db"))).toThrow(expect.objectContaining({ name: "SQLiteError", code: "SQLITE_CANTOPEN", message: "unable to open database file" }));
  });

  it("numbers each connection's handle", () => {
    const [a, b] = [new Database(), new Database()];
    expect(b.handle).toBe(a.handle + 1);
  });
});

describe("closing", () => {
  it("is idempotent, and Symbol.dispose closes", () => {
    const db = new Database();
    db.close();
    db.close(true);
    expect(() => db.query("select 1")).toThrow(new RangeError("Cannot use a closed database"));
    {
      using scoped = new Database();
      scoped.run("select 1");
    }
  });

  it("finalizes cached statements", () => {
    const db = new Database();
    const statement = db.query("select 1");
    db.close();
    expect(statement.isFinalized).toBe(true);
  });
});

describe("query cache", () => {
  it("caches up to MAX_QUERY_CACHE_SIZE statements and replaces finalized ones", () => {
    const db = new Database();
    const statements = Array.from({ length: Database.MAX_QUERY_CACHE_SIZE + 1 }, (_, i) => db.query(`select ${i}`));
    expect(db.query("select 0") === statements[0]).toBe(true);
    expect(db.query(`select ${Database.MAX_QUERY_CACHE_SIZE}`) === statements.at(-1)).toBe(false);
    db.clearQueryCache();
    expect(statements[0]?.isFinalized).toBe(true);
    expect(db.query("select 0") === statements[0]).toBe(false);
  });
});

describe("transactions", () => {
  it("commits, rolls back on throw, nests through savepoints, passes the result through", () => {
    const db = new Database();
    db.run("create table t (a)");
    const insert = db.prepare("insert into t values (?)");
    const inner = db.transaction((n: number) => {
      insert.run(n);
      if (n < 0) throw new RangeError("negative");
      return n * 2;
    });
    const outer = db.transaction((values: number[]) => values.map((v) => {
      try {
        return inner(v);
      } catch {
        return "rolled back";
      }
    }));
    expect(outer.exclusive([1, -1, 2])).toEqual([2, "rolled back", 4]);
    expect(db.query("select a from t").values()).toEqual([[1], [2]]);
    expect(() => inner(-5)).toThrow(RangeError);
    expect(db.inTransaction).toBe(false);
    expect(db.query("select count(*) n from t").get()).toEqual({ n: 2 });
  });
});

describe("statements", () => {
  it("iterates lazily and re-uses the last bindings when called without arguments", () => {
    const db = new Database();
    db.run("create table t (a)");
    db.run("insert into t values (1), (2), (3)");
    const greater = db.query("select a from t where a > ?");
    const iterator = greater.iterate(1);
    expect(iterator.next().value).toEqual({ a: 2 });
    expect([...iterator]).toEqual([{ a: 3 }]);
    expect(greater.all()).toEqual([{ a: 2 }, { a: 3 }]);
    expect(greater.toString()).toBe("select a from t where a > 1");
  });

  it("SQLiteError is recognised by name and cannot be constructed", () => {
    const db = new Database();
    let caught: unknown;
    try {
      db.run("select * from missing");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SQLiteError);
    expect(caught).toBeInstanceOf(Error);
    expect(() => new (SQLiteError as unknown as new () => unknown)()).toThrow("SQLiteError can only be constructed by bun:sqlite");
  });

  it("cannot load a custom SQLite: answers false, as Bun on Linux", () => {
    expect(Database.setCustomSQLite("/usr/lib/libsqlite3.so")).toBe(false);
  });

  it("serializes to bytes that deserialize to the same data", () => {
    const db = new Database();
    db.run("create table t (a, b)");
    db.run("insert into t values (?, ?)", [1, new Uint8Array([9])]);
    const copy = Database.deserialize(db.serialize(), { safeIntegers: true });
    expect(copy.query("select a, b from t").get()).toEqual({ a: 1n, b: new Uint8Array([9]) });
  });
});
