// fileControl and the update hooks: what better-sqlite3 does not expose, reached
// through @dx-compat/native's addon loaded into the connection as an SQLite
// extension. Real files, real child processes and a real worker thread.
import { nodeBinary, registerURL, runProcess, scratchDir, writeFiles } from "@dx-compat/oracle";
import fc from "fast-check";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { Database, constants } from "../src/index.ts";

const fileDb = (): string => join(scratchDir("dx-compat-sqlite-ext-"), "test.db");
const { SQLITE_FCNTL_PERSIST_WAL, SQLITE_FCNTL_MMAP_SIZE } = constants;

describe("fileControl", () => {
  it("SQLITE_FCNTL_PERSIST_WAL keeps the -wal file after close, as SQLite documents", () => {
    const run = (persist: boolean): boolean => {
      const path = fileDb();
      const db = new Database(path);
      db.run("PRAGMA journal_mode = WAL");
      db.run("create table t (a)");
      expect(db.fileControl(SQLITE_FCNTL_PERSIST_WAL, persist ? 1 : 0)).toBe(0);
      const flag = new Int32Array([-1, 0]);
      expect(db.fileControl("main", SQLITE_FCNTL_PERSIST_WAL, flag)).toBe(0);
      expect(flag[0]).toBe(persist ? 1 : 0);
      db.run("insert into t values (1)");
      db.close();
      return existsSync(`${path}-wal`);
    };
    expect(run(true)).toBe(true);
    expect(run(false)).toBe(false);
  });

  it("reads and writes the caller's bytes, and widens numbers to 64 bits", () => {
    const db = new Database(fileDb());
    db.run("create table t (a)");
    db.fileControl(SQLITE_FCNTL_MMAP_SIZE, 65536);
    const size = new BigInt64Array([-1n]);
    expect(db.fileControl(SQLITE_FCNTL_MMAP_SIZE, size)).toBe(0);
    expect(size[0]).toBe(65536n);
    // -1 and null ask without changing; an int32 that wraps negative asks too.
    for (const query of [-1, null, undefined, 2 ** 31]) {
      db.fileControl(SQLITE_FCNTL_MMAP_SIZE, query);
      size[0] = -1n;
      db.fileControl(SQLITE_FCNTL_MMAP_SIZE, size);
      expect(size[0]).toBe(65536n);
    }
    db.close();
  });

  it("answers SQLITE_NOTFOUND for an in-memory database and an unknown opcode, and throws SQLiteError for an unknown schema", () => {
    const db = new Database(":memory:");
    const SQLITE_NOTFOUND = 12;
    expect(db.fileControl(SQLITE_FCNTL_PERSIST_WAL, 0)).toBe(SQLITE_NOTFOUND);
    expect(db.fileControl(12345, 0)).toBe(SQLITE_NOTFOUND);
    expect(() => db.fileControl("nope", SQLITE_FCNTL_PERSIST_WAL, 0)).toThrow(expect.objectContaining({ name: "SQLiteError", errno: 0, byteOffset: -1 }));
    expect(() => db.fileControl(SQLITE_FCNTL_PERSIST_WAL, new Uint8Array(4))).toThrow("TypedArray must be at least 8 bytes");
    db.close();
    expect(db.fileControl(SQLITE_FCNTL_PERSIST_WAL, 0)).toBeUndefined();
  });
});

interface Event {
  kind: string;
  table: string;
  rowid: number | bigint;
  schema: string;
}

function recordInto(db: Database, events: Event[]): void {
  const record = (kind: string) => (_db: Database, table: string, rowid: number | bigint, schema: string) => events.push({ kind, table, rowid, schema });
  db.onInsert = record("insert");
  db.onUpdate = record("update");
  db.onDelete = record("delete");
}

describe("update hooks", () => {
  it("report each row while the statement runs, with the Database as this and first argument", () => {
    const db = new Database(":memory:");
    db.run("create table t (a)");
    const calls: unknown[] = [];
    db.onInsert = function (this: Database, first: Database, table: string, rowid: number | bigint, schema: string) {
      calls.push([this === db, first === db, table, rowid, schema]);
    };
    db.run("insert into t values (1), (2)");
    expect(calls).toEqual([
      [true, true, "t", 1, "main"],
      [true, true, "t", 2, "main"],
    ]);
    db.close();
  });

  it("stop when cleared and when the database closes", () => {
    const db = new Database(fileDb());
    const events: Event[] = [];
    db.run("create table t (a)");
    recordInto(db, events);
    db.run("insert into t values (1)");
    db.onInsert = null;
    db.run("insert into t values (2)");
    db.run("delete from t where a = 2");
    db.onUpdate = undefined;
    db.onDelete = null;
    db.run("update t set a = 3");
    db.run("delete from t");
    expect(events.map((e) => [e.kind, e.rowid])).toEqual([
      ["insert", 1],
      ["delete", 2],
    ]);
    recordInto(db, events);
    const kept = db.prepare("insert into t values (4)");
    db.close();
    expect([db.onInsert, db.onUpdate, db.onDelete]).toEqual([null, null, null]);
    // A prepare()d statement outlives close() (sqlite3_close_v2), without the hooks.
    kept.run();
    expect(events).toHaveLength(2);
    kept.finalize();
  });

  it("give BigInt rowids on a safeIntegers database", () => {
    const db = new Database(":memory:", { safeIntegers: true });
    const events: Event[] = [];
    db.run("create table t (a)");
    recordInto(db, events);
    db.run("insert into t (rowid, a) values (9007199254740993, 1)");
    expect(events).toEqual([{ kind: "insert", table: "t", rowid: 9007199254740993n, schema: "main" }]);
    db.close();
  });

  it("replayed, give back the table's rowids (random statements)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("insert" as const), count: fc.integer({ min: 1, max: 4 }) }),
            fc.record({ op: fc.constant("update" as const), mod: fc.integer({ min: 1, max: 5 }) }),
            fc.record({ op: fc.constant("move" as const), by: fc.integer({ min: 100, max: 1000 }) }),
            fc.record({ op: fc.constant("delete" as const), mod: fc.integer({ min: 1, max: 5 }) }),
          ),
          { maxLength: 25 },
        ),
        (statements) => {
          const db = new Database(":memory:");
          db.run("create table t (a)");
          const events: Event[] = [];
          recordInto(db, events);
          let next = 0;
          for (const statement of statements) {
            if (statement.op === "insert") for (let i = 0; i < statement.count; i++) db.run("insert into t values (?)", [next++]);
            else if (statement.op === "update") db.run("update t set a = a + 1 where a % ? = 0", [statement.mod]);
            else if (statement.op === "move") db.run("update t set rowid = rowid + ? where rowid = (select max(rowid) from t)", [statement.by]);
            else db.run("delete from t where a % ? = 0", [statement.mod]);
          }
          // An update that changes the rowid reports only the new one; the old row is gone.
          const model = new Set<number>();
          for (const event of events) {
            if (event.kind === "delete") model.delete(Number(event.rowid));
            else model.add(Number(event.rowid));
          }
          const actual = (db.query("select rowid as id from t").values() as number[][]).map(([id]) => id);
          const moved = statements.some((s) => s.op === "move");
          if (!moved) expect([...model].sort((a, b) => a - b)).toEqual(actual);
          else for (const id of actual) expect(model.has(id as number)).toBe(true);
          db.close();
        },
      ),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it("survive the Database being collected without close()", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    for (let i = 0; i < 50; i++) {
      const db = new Database(":memory:");
      db.run("create table t (a)");
      db.onInsert = () => {};
      db.run("insert into t values (1)");
    }
    for (let round = 0; round < 3; round++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const events: Event[] = [];
    const db = new Database(":memory:");
    db.run("create table t (a)");
    recordInto(db, events);
    db.run("insert into t values (1)");
    expect(events).toHaveLength(1);
    db.close();
  });

  it("work in a worker thread, on that thread's own env", async () => {
    const dir = writeFiles({
      "worker.mjs": `
        import { parentPort } from "node:worker_threads";
        const { Database } = await import(${JSON.stringify(new URL("../src/index.ts", import.meta.url).href)});
        const db = new Database(":memory:");
        db.run("create table t (a)");
        const seen = [];
        db.onInsert = (d, table, rowid) => seen.push([table, rowid]);
        db.run("insert into t values (1), (2)");
        db.close();
        parentPort.postMessage(seen);
      `,
    });
    const worker = new Worker(join(dir, "worker.mjs"), { execArgv: ["--conditions=@dx-compat/source"] });
    const seen = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    expect(seen).toEqual([
      ["t", 1],
      ["t", 2],
    ]);
    await worker.terminate();
  });
});

describe("in a child process", () => {
  it("a hook that throws is an uncaught exception: a handler sees it and the statement goes on", async () => {
    const dir = writeFiles({
      "main.mjs": `
        import { Database } from "bun:sqlite";
        process.on("uncaughtException", (error) => console.log("uncaught", error.message));
        const db = new Database(":memory:");
        db.run("create table t (a)");
        db.onInsert = (d, t, rowid) => { if (rowid === 2) throw new Error("boom"); console.log("row", rowid); };
        db.run("insert into t values (1), (2), (3)");
        console.log("rows", db.query("select count(*) as n from t").get().n);
      `,
    });
    const result = await runProcess(nodeBinary(), ["--import", registerURL(), join(dir, "main.mjs")]);
    expect(result.stdout).toBe("row 1\nuncaught boom\nrow 3\nrows 3\n");
    expect(result.code).toBe(0);
  });

  it("without a handler, Node ends the process at the throw (exit 1) and the statement's rows are rolled back", async () => {
    const dir = writeFiles({
      "main.mjs": `
        import { Database } from "bun:sqlite";
        const db = new Database(process.argv[2]);
        db.run("create table if not exists t (a)");
        if (process.argv[3] === "count") { console.log("rows", db.query("select count(*) as n from t").get().n); process.exit(0); }
        db.run("insert into t values (0)");
        db.onInsert = (d, t, rowid) => { if (rowid === 3) throw new Error("boom"); };
        db.run("insert into t values (1), (2), (3)");
        console.log("not reached");
      `,
    });
    const path = join(dir, "data.db");
    const crashed = await runProcess(nodeBinary(), ["--import", registerURL(), join(dir, "main.mjs"), path]);
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toContain("Error: boom");
    expect(crashed.stdout).toBe("");
    const after = await runProcess(nodeBinary(), ["--import", registerURL(), join(dir, "main.mjs"), path, "count"]);
    expect(after.stdout).toBe("rows 1\n");
  });

  it("without the addon (DX_COMPAT_NATIVE=0): fileControl and setting a hook say what they need", async () => {
    const dir = writeFiles({
      "main.mjs": `
        import { Database, constants } from "bun:sqlite";
        const db = new Database(":memory:");
        const attempt = (f) => { try { return f(); } catch (e) { return [e.code, e.message]; } };
        console.log(JSON.stringify([
          attempt(() => db.fileControl(constants.SQLITE_FCNTL_PERSIST_WAL, 0)),
          attempt(() => { db.onInsert = () => {}; }),
          attempt(() => { db.onInsert = null; return "cleared"; }),
          db.onInsert,
        ]));
      `,
    });
    const result = await runProcess(nodeBinary(), ["--import", registerURL(), join(dir, "main.mjs")], { env: { DX_COMPAT_NATIVE: "0" } });
    const why = "needs the @dx-compat/native addon, which better-sqlite3 loads as an SQLite extension (none loaded here)";
    expect(JSON.parse(result.stdout)).toEqual([
      ["ERR_DX_COMPAT_NOT_IMPLEMENTED", `[dx-compat] bun:sqlite Database.fileControl: ${why}`],
      ["ERR_DX_COMPAT_NOT_IMPLEMENTED", `[dx-compat] bun:sqlite Database.onInsert: ${why}`],
      "cleared",
      null,
    ]);
  });
});
