// The addon as an SQLite extension, tried on Node's own SQLite (node:sqlite):
// bun:sqlite's tests cover it on better-sqlite3 (packages/sqlite).
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "@dx-compat/oracle";
import { backend, sqliteAttach, sqliteDetach, sqliteFileControl, sqliteLastError, sqliteUpdateHook } from "../src/index.ts";

const native = backend() === "native";
// node:sqlite is loaded lazily: Node 22 prints an experimental warning for it.
const { DatabaseSync } = createRequire(import.meta.url)("node:sqlite") as typeof import("node:sqlite");

function open(path = ":memory:"): InstanceType<typeof DatabaseSync> {
  return new DatabaseSync(path, { allowExtension: true });
}

describe("sqliteAttach", () => {
  it.runIf(!native)("the twin has no connections and never loads anything", () => {
    let loads = 0;
    expect(sqliteAttach(() => loads++)).toBeUndefined();
    expect(loads).toBe(0);
  });

  it.runIf(native)("loads the addon's own file with its entry point, and takes the connection once", () => {
    const calls: string[][] = [];
    const db = open();
    const connection = sqliteAttach((file, entryPoint) => {
      calls.push([file, entryPoint]);
      db.loadExtension(file, entryPoint);
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toMatch(/dx-compat-native\..*\.node$/);
    expect(calls[0]?.[1]).toBe("sqlite3_dxcompat_init");
    expect(connection).toBeDefined();
    // Nothing loaded this time: nothing to take.
    expect(sqliteAttach(() => {})).toBeUndefined();
    if (connection) sqliteDetach(connection);
    db.close();
  });

  it.runIf(native)("a failed load throws through", () => {
    const db = new DatabaseSync(":memory:");
    expect(() => sqliteAttach((file, entryPoint) => db.loadExtension(file, entryPoint))).toThrow();
    db.close();
  });
});

describe.runIf(native)("on an attached connection", () => {
  const attach = (db: InstanceType<typeof DatabaseSync>) => {
    const connection = sqliteAttach((file, entryPoint) => db.loadExtension(file, entryPoint));
    if (connection === undefined) throw new Error("not attached");
    return connection;
  };

  it("sqliteFileControl reads and writes the slot; errors come from the connection's state", () => {
    const db = open(join(scratchDir("dx-compat-native-sqlite-"), "a.db"));
    db.exec("create table t (a)");
    const connection = attach(db);
    const PERSIST_WAL = 10;
    expect(sqliteFileControl(connection, null, PERSIST_WAL, BigInt64Array.of(1n))).toBe(0);
    const flag = new Int32Array([-1, 0]);
    expect(sqliteFileControl(connection, "main", PERSIST_WAL, flag)).toBe(0);
    expect(flag[0]).toBe(1);
    expect(sqliteFileControl(connection, "nope", PERSIST_WAL, flag)).toBe(1);
    expect(() => db.exec("insert into missing values (1)")).toThrow();
    expect(sqliteLastError(connection)).toEqual({ message: "no such table: missing", errno: 1 });
    expect(() => sqliteFileControl(connection, null, PERSIST_WAL, new Int32Array(1))).toThrow(TypeError);
    sqliteDetach(connection);
    // Detached: nothing reaches SQLite any more.
    expect(sqliteFileControl(connection, null, PERSIST_WAL, flag)).toBe(0);
    db.close();
  });

  it("sqliteUpdateHook calls the dispatcher for every row, with bigints when asked; null removes it", () => {
    const db = open();
    db.exec("create table t (a)");
    const connection = attach(db);
    const seen: unknown[] = [];
    const target = { name: "target" };
    sqliteUpdateHook(connection, target, (t, op, table, rowid, schema) => seen.push([t === target, op, table, rowid, schema]), false);
    db.exec("insert into t values (1), (2); update t set a = 5 where rowid = 2; delete from t where rowid = 1");
    sqliteUpdateHook(connection, target, (_t, op, _table, rowid) => seen.push([op, rowid]), true);
    db.exec("insert into t values (3)");
    sqliteUpdateHook(connection, null, null, false);
    db.exec("insert into t values (4)");
    expect(seen).toEqual([
      [true, 18, "t", 1, "main"],
      [true, 18, "t", 2, "main"],
      [true, 23, "t", 2, "main"],
      [true, 9, "t", 1, "main"],
      [18, 3n],
    ]);
    sqliteDetach(connection);
    db.close();
  });

  it("rejects anything but a connection", () => {
    expect(() => sqliteFileControl({} as never, null, 10, new BigInt64Array(1))).toThrow(TypeError);
    expect(() => sqliteDetach(null as never)).toThrow(TypeError);
  });
});
