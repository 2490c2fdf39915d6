// bun:sqlite under real Bun and under Node + dx-compat: the same scenarios,
// the same outcomes (values, error classes, messages, codes, errno, byteOffset).
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// Shared by every batch: runs one named scenario against a fresh in-memory database.
const harness = `
import { Database, SQLiteError, constants } from "bun:sqlite";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
const fileDatabase = () => new Database(mkdtempSync(tmpdir() + "/dx-compat-sqlite-diff-") + "/a.db");
const describeError = (e) => ({ ctor: e?.constructor?.name, name: e?.name, message: e?.message, code: e?.code, errno: e?.errno, byteOffset: e?.byteOffset, keys: Object.keys(e ?? {}), isSQLiteError: e instanceof SQLiteError });
const attempt = (f) => { try { return { ok: f() }; } catch (e) { return { error: describeError(e) }; } };
`;

const scenarios: Record<string, string> = {
  "positional count too few": `db.query("select ?, ?").get(1)`,
  "positional count too many": `db.query("select ?").get(1, 2)`,
  "named, missing binds NULL": `db.query("select $a as a, $b as b").get({ $a: 1 })`,
  "named without prefix": `db.query("select $a as a, :b as b, @c as c").get({ a: 1, b: 2, c: 3 })`,
  "prefixed key wins": `db.query("select $a as a").get({ a: 1, $a: 2 })`,
  "?NNN by name": `[db.query("select ?1 as a").get({ "?1": 5 }), db.query("select ?1 as a").get({ "1": 5 })]`,
  "?NNN reused": `db.query("select ?2 as b, ?1 as a, ?2 as c").get(10, 20)`,
  "named via array": `db.query("select $a as a, $b as b, $a as c").get([1, 2])`,
  "strict missing": `new Database(":memory:", { strict: true }).query("select $a as a, $b as b").get({ a: 1 })`,
  "strict both forms": `(() => { const s = new Database(":memory:", { strict: true }); return [s.query("select $a as a").get({ $a: 1 }), s.query("select $a as a").get({ a: 2 })]; })()`,
  "booleans": `db.query("select ? as t, ? as f, typeof(?) as ty").get(true, false, true)`,
  "numbers": `db.query("select typeof(?) a, typeof(?) b, typeof(?) c, typeof(?) d, typeof(?) e, ? f").get(1, 1.5, -0, 2 ** 53, 9007199254740991, Infinity)`,
  "bigints": `db.query("select ? a, ? b, typeof(?) c").get(2n ** 70n, -(2n ** 63n), 5n)`,
  "NaN and undefined": `(() => { const s = db.query("select ? a, ? b, typeof(?) c"); return [s.get(NaN, undefined, NaN), s.toString()]; })()`,
  "Date rejected": `db.query("select ? a").get(new Date(5))`,
  "object in array rejected": `db.query("select ? a").get([{}])`,
  "symbol rejected": `db.query("select ? a").get(Symbol("s"))`,
  "empty object binds nothing": `db.query("select ? a").get({})`,
  "bytes": `[db.query("select ? a").get(new Uint8Array([1, 2])), db.query("select ? a").get(new Uint8Array([3]).buffer), db.query("select ? a").get(new Int16Array([1, 2])), db.query("select ? a").get(new DataView(new ArrayBuffer(2)))]`,
  "blob result type": `db.query("select x'0102' a").get().a.constructor.name`,
  "NUL in text": `db.query("select ? a, length(?) n").get("a\\u0000b", "a\\u0000b")`,
  "big integers lose precision without safeIntegers": `db.query("select 9007199254740993 a").get()`,
  "safeIntegers database": `(() => { const s = new Database(":memory:", { safeIntegers: true }); s.run("create table z (a)"); return [s.run("insert into z values (1)"), s.query("select a, 2.5 f, 9007199254740993 b from z").get()]; })()`,
  "safeIntegers statement": `(() => { const s = db.query("select 9007199254740993 a"); return [s.safeIntegers(), s.safeIntegers(true) === s, s.safeIntegers(), s.get()]; })()`,
  "no row is null": `(db.run("create table e (a)"), db.query("select a from e").get())`,
  "get on an insert runs it": `(db.run("create table g (a)"), [db.query("insert into g values (1)").get(), db.query("insert into g values (2)").all(), db.query("select count(*) n from g").get()])`,
  "run on a select": `(db.run("create table h (a)"), db.run("insert into h values (1)"), db.query("select * from h").run())`,
  "run returns changes and rowid": `(db.run("create table r (a)"), [db.run("insert into r values (?)", [1]), db.run("insert into r values (1); insert into r values (2)"), db.run("insert into r values (?); insert into r values (3)", [5]), db.query("select * from r").values()])`,
  "exec is run": `(db.exec("create table x (a); insert into x values (7)"), db.query("select * from x").all())`,
  "duplicate column names": `[db.query("select 1 as a, 2 as a").get(), db.query("select 1 as a, 2 as a").values()]`,
  "values, iterate, for-of": `(() => { const s = db.query("select 1 as a, 'x' as b union all select 2, 'y'"); return [s.values(), [...s.iterate()], [...s]]; })()`,
  "raw bytes": `db.query("select 1 as a, 'x' as b, 1.5 as c, null as d, x'01' as e").raw()`,
  "as(Class)": `(() => { class P { constructor() { this.made = true; } get double() { return this.a * 2; } } const r = db.query("select 2 as a").as(P).get(); return [r instanceof P, r.double, r.made, Object.keys(r)]; })()`,
  "toString": `(() => { const s = db.prepare("select ? as a, ? as b, ? as c, ? as d, ? as e, $n as f, 'q?' as g"); const before = s.toString(); s.get({ $n: 3 }); const named = s.toString(); s.get(1, 1.5, "it's", new Uint8Array([255]), null, 7); return [before, named, s.toString(), String(s)]; })()`,
  "toString reals": `(() => { const s = db.prepare("select ? a, ? b, ? c, ? d, ? e, ? f"); s.get(1e20, 0.1, -2.5e-7, 123456789012345.6, 1 / 3, -0); return s.toString(); })()`,
  "toJSON and toStringTag": `(() => { const s = db.query("select ? as a"); return [s.toJSON(), Object.prototype.toString.call(s)]; })()`,
  "metadata": `(db.run("create table d (i INTEGER, s varchar(10), n)"), (() => { const s = db.prepare("select i, s, n, 1 as e from d"); const i = db.prepare("insert into d values (1, 'a', 2.5)"); return [s.columnNames, s.declaredTypes, s.paramsCount, s.reader, s.readonly, i.reader, i.readonly, i.columnNames, db.prepare("select ?2, $a, :a, $a, ?").paramsCount]; })())`,
  "columnTypes": `(() => { db.run("create table ct (a integer)"); const s = db.prepare("select 1 as a, 'x' as b, 1.0 as c, null as d, x'00' as e"); return [s.columnTypes, (s.all(), s.columnTypes), db.prepare("select a from ct").columnTypes, attempt(() => db.prepare("insert into ct values (1)").columnTypes)]; })()`,
  "finalize": `(() => { const s = db.prepare("select 1"); s.finalize(); return [s.isFinalized, s.toString(), attempt(() => s.get()), attempt(() => s.columnNames)]; })()`,
  "query cache": `(() => { const a = db.query("select 1"); const same = a === db.query("select 1"); a.finalize(); return [same, a === db.query("select 1"), db.prepare("select 1") === db.prepare("select 1")]; })()`,
  "closed database": `(() => { const d = new Database(); d.close(); return [attempt(() => d.query("select 1")), attempt(() => d.run("select 1")), attempt(() => d.close())]; })()`,
  "errors: unique": `(db.run("create table u (a unique)"), db.run("insert into u values (1)"), db.run("insert into u values (1)"))`,
  "errors: not null, check, primary key, foreign key": `(() => { db.run("pragma foreign_keys = on; create table p (id integer primary key, c check (c > 0) , n not null); create table f (p references p(id))"); return [attempt(() => db.run("insert into p (n) values (null)")), attempt(() => db.run("insert into p (c, n) values (-1, 1)")), attempt(() => db.run("insert into p (id, n) values (1, 1); insert into p (id, n) values (1, 1)")), attempt(() => db.run("insert into f values (99)"))]; })()`,
  "errors: syntax offsets": `[attempt(() => db.query("selec 1")), attempt(() => db.query("select 1 frm x")), attempt(() => db.query("select 'é' frm x")), attempt(() => db.query("select x from x x x")), attempt(() => db.run("select 1; selec 2"))]`,
  "errors: no such table/column/function": `[attempt(() => db.query("select * from nope")), attempt(() => db.query("select zz from (select 1)")), attempt(() => db.query("select nofn(1)")), attempt(() => db.query("select ("))]`,
  "errors: empty and blank SQL": `[attempt(() => db.query("")), attempt(() => db.query("  ")), attempt(() => db.prepare("-- only a comment").all())]`,
  "multiple statements prepare the first": `db.prepare("select 1 as x; select 2 as y").all()`,
  "constructor errors": `[attempt(() => new Database(5)), attempt(() => new Database(":memory:", { readonly: true })), attempt(() => new Database(":memory:", { readOnly: true })), attempt(() => db.query(5)), attempt(() => db.transaction(5)), attempt(() => new SQLiteError())]`,
  "filenames and handles": `[new Database().filename, new Database("").filename, new Database(":memory:").filename, typeof db.handle]`,
  "transactions": `(() => { db.run("create table t (a)"); const insert = db.prepare("insert into t values (?)"); const many = db.transaction(function (xs) { for (const x of xs) insert.run(x); return [this?.tag, db.inTransaction, xs.length]; }); const out = [many.call({ tag: "self" }, [1, 2]), db.inTransaction, typeof many.deferred, typeof many.immediate, typeof many.exclusive, many.database === db]; const failing = db.transaction(() => { insert.run(3); throw new Error("nope"); }); out.push(attempt(() => failing())); const outer = db.transaction(() => { insert.run(4); out.push(attempt(() => failing())); insert.run(5); }); outer.immediate(); out.push(db.query("select a from t").values()); return out; })()`,
  "serialize and deserialize": `(() => { db.run("create table q (a)"); db.run("insert into q values (7)"); const bytes = db.serialize(); const copy = Database.deserialize(bytes); const ro = Database.deserialize(bytes, true); return [bytes.constructor.name, copy.filename, copy.query("select * from q").all(), attempt(() => ro.run("insert into q values (1)")), new Database(bytes, { strict: true }).query("select $x as x").get({ x: 1 })]; })()`,
  "user functions": `(() => { db.function("twice", (x) => x * 2); db.function("blobby", { deterministic: true }, (b) => b.constructor.name); return [db.query("select twice(21) a, typeof(twice(2)) t, blobby(x'00') b").get(), attempt(() => db.query("select twice(1, 2)").get())]; })()`,
  "constants": `Object.entries(constants)`,
  "writes while iterating": `(db.run("create table it (a); create table iu (a); insert into it values (1), (2), (3)"), (() => { for (const r of db.query("select a from it").iterate()) db.run("insert into iu values (?)", [r.a + 10]); return db.query("select a from iu").values(); })())`,
  "?N and ? by zero-based key": `[db.query("select ?1 a, ?2 b").get({ 1: "x" }), db.query("select ? a, ? b").get({ 0: "p", 1: "q" }), attempt(() => new Database(":memory:", { strict: true }).query("select ? a").get({}))]`,
  "strict looks up the bare key first": `new Database(":memory:", { strict: true }).query("select $a a").get({ a: 1, $a: 2 })`,
  "empty argument array binds NULLs": `[db.query("select ? a, ? b").get([]), new Database(":memory:", { strict: true }).query("select ? a").get([])]`,
  "bigint out of range in safe mode": `[attempt(() => db.query("select ? a").safeIntegers(true).get(2n ** 64n)), db.query("select ? b").get(2n ** 64n - 1n)]`,
  "as() argument checks": `[attempt(() => db.query("select 1 a").as(null)), attempt(() => db.query("select 1 a").as({})), attempt(() => db.query("select 1 a").as(() => 1)), (() => { class K {} const s = db.query("select 1 a").as(K); return [s.get() instanceof K, s.as(undefined).get() instanceof K]; })()]`,
  "run and prepare input checks": `[attempt(() => db.run("")), attempt(() => db.run("  ")), attempt(() => db.run("-- c")), attempt(() => db.run(5)), attempt(() => db.prepare(5)), attempt(() => db.prepare(""))]`,
  "run binds only the first statement": `(db.run("create table b2 (a, b)"), db.run("insert into b2 values (?, ?); insert into b2 values (?, 9)", [1, 2]), db.query("select * from b2").values())`,
  "option combinations": `[attempt(() => new Database("/tmp/x.db", { readonly: true, create: true })), attempt(() => new Database("/tmp/x.db", { readwrite: false, create: true })), attempt(() => new Database("/nonexistent-dir/x.db", 0)), attempt(() => new Database(":memory:", { readwrite: false }))]`,
  "after close": `(() => { const d = new Database(); const cached = d.query("select 1 a"); const prepared = d.prepare("select 2 b"); d.close(); return [attempt(() => d.inTransaction), attempt(() => d.exec("select 1")), attempt(() => d.serialize()), attempt(() => d.loadExtension("x")), attempt(() => d.transaction(() => 1)), attempt(() => cached.get()), cached.toString(), attempt(() => prepared.get()), d.handle >= 0, d.filename]; })()`,
  "close(true) stops prepared statements": `(() => { const d = new Database(); const prepared = d.prepare("select 2 b"); const listed = d.prepare("select 3 c"); d.close(true); return [attempt(() => prepared.get()), attempt(() => listed.all())]; })()`,
  "deserialize input checks": `[attempt(() => Database.deserialize("x")), attempt(() => Database.deserialize(new Uint8Array(0)))]`,
  "setCustomSQLite on Linux": `[Database.setCustomSQLite("/usr/lib/x.so"), attempt(() => Database.setCustomSQLite())]`,
  "connection defaults": `[db.query("pragma foreign_keys").get(), db.query("pragma cache_size").get(), db.query("pragma journal_mode").get()]`,
  "fileControl arguments": `(() => { const detached = new Uint8Array(new ArrayBuffer(8)); structuredClone(detached.buffer, { transfer: [detached.buffer] }); const big = new Uint8Array(16); return [[10, 0], [12345, 1], [], ["x"], ["main"], ["main", 10], ["10", 0], ["nope", 10, 0], ["", 10, 0], ["temp", 10, 0], [1, 10, 0], [new String("main"), 10, 0], [999, 10, "x"], ["main", 10, 0, 99], [10, "s"], [10, {}], [10, true], [10, Symbol()], [10, 2n], [10, 1.5], [10, null], [10, undefined], [10], [10, new ArrayBuffer(8)], [10, new DataView(new ArrayBuffer(4))], [10, new DataView(new ArrayBuffer(8))], [10, new Uint8Array(7)], [10, new Uint8Array(8)], [10, big.subarray(8)], [10, new Float32Array(2)], [10, Buffer.alloc(8)], [10, detached], [true, 0], [null, 0], [10n, 0], [new Number(10), 0], ["10"], [-1, 0], [Infinity, 0], [NaN, 0], [2 ** 32 + 10, 0], [undefined, {}]].map((args) => attempt(() => db.fileControl(...args))); })()`,
  "fileControl on a file": `(() => { const f = fileDatabase(); f.run("create table t(a unique)"); const C = constants; const out = []; const persist = () => { const g = new Int32Array([-1, 0]); out.push(f.fileControl(C.SQLITE_FCNTL_PERSIST_WAL, g), g[0]); }; for (const v of [1, 0, null, undefined, -1, 1.9, -0.5, NaN, 2 ** 31, -(2 ** 31) - 1, 2 ** 40]) { f.fileControl(C.SQLITE_FCNTL_PERSIST_WAL, 1); f.fileControl(C.SQLITE_FCNTL_PERSIST_WAL, v); persist(); } const mmap = () => { const b = new BigInt64Array([-1n]); out.push(f.fileControl(C.SQLITE_FCNTL_MMAP_SIZE, b), b[0]); }; for (const v of [65536, null, undefined, -1, 0, 4096]) { f.fileControl(C.SQLITE_FCNTL_MMAP_SIZE, 65536); f.fileControl(C.SQLITE_FCNTL_MMAP_SIZE, v); mmap(); } const version = new BigInt64Array(1); out.push(f.fileControl(C.SQLITE_FCNTL_DATA_VERSION, version), version[0] > 0n); const lock = new Int32Array(2); out.push(f.fileControl(C.SQLITE_FCNTL_LOCKSTATE, lock), lock[0]); const pointer = new BigInt64Array(1); out.push(f.fileControl(C.SQLITE_FCNTL_FILE_POINTER, pointer), pointer[0] !== 0n, f.fileControl(C.SQLITE_FCNTL_VFSNAME, 0), f.fileControl(C.SQLITE_FCNTL_SIZE_HINT, 100000), f.fileControl(C.SQLITE_FCNTL_CHUNK_SIZE, 4096)); f.run("attach ':memory:' as aux"); out.push(f.fileControl("aux", C.SQLITE_FCNTL_PERSIST_WAL, 0), attempt(() => f.fileControl("nope", 10, 0))); out.push(attempt(() => f.run("insert into t values (1), (1)")), attempt(() => f.fileControl("nope", 10, 0))); f.close(); out.push(f.fileControl(10, 0), attempt(() => f.fileControl()), attempt(() => f.fileControl(10, "x")), attempt(() => f.fileControl(10, new Uint8Array(1)))); return out; })()`,
  "update hooks": `(() => { const seen = []; const record = (kind) => function (d, table, rowid, schema) { seen.push([kind, this === db, d === db, table, rowid, typeof rowid, schema, arguments.length]); }; db.run("create table t(a)"); db.onInsert = record("insert"); db.onUpdate = record("update"); db.onDelete = record("delete"); db.run("insert into t values (1), (2), (3)"); db.run("update t set a = a * 10 where a > 1"); db.run("update t set rowid = 7 where rowid = 1"); db.run("delete from t where a = 20"); db.run("delete from t"); db.run("insert into t(rowid, a) values (9007199254740993, 1)"); db.run("create table w(k primary key, v) without rowid"); db.run("insert into w values (1, 2)"); db.run("attach ':memory:' as aux"); db.run("create table aux.u(x)"); db.run("insert into aux.u values (5)"); db.transaction(() => db.run("insert into t values (4)"))(); attempt(() => db.transaction(() => { db.run("insert into t values (5)"); throw new Error("rolled back"); })()); db.run("create table v(a integer primary key, b)"); db.run("insert into v values (1, 1)"); db.run("insert or replace into v values (1, 2)"); db.query("insert into t values (?)").run(6); for (const row of db.query("select a from t").iterate()) seen.push(["row", row.a]); db.onUpdate = null; db.onDelete = undefined; db.run("update t set a = 0"); db.run("delete from t"); db.onInsert = function () { seen.push(["inner", attempt(() => this.query("select 1 x").get())]); }; db.run("insert into t values (7)"); db.onInsert = null; db.run("insert into t values (8)"); return [seen, db.query("select count(*) n from t").get()]; })()`,
  "update hook values": `(() => { const kept = () => {}; const out = []; for (const value of [1, "x", {}, 0, false, kept, null, undefined, kept]) { out.push(attempt(() => { db.onDelete = value; return [db.onDelete === value, db.onDelete === null]; })); } out.push(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(db), "onInsert")?.enumerable, db.onInsert, db.onUpdate); db.close(); out.push(db.onDelete, attempt(() => { db.onInsert = kept; }), attempt(() => { db.onInsert = null; }), db.onInsert); return out; })()`,
  "update hooks with safeIntegers": `(() => { const safe = new Database(":memory:", { safeIntegers: true }); const seen = []; safe.run("create table t(a)"); safe.onInsert = (d, t, rowid) => seen.push([typeof rowid, rowid]); safe.run("insert into t(rowid, a) values (9007199254740993, 1)"); const q = db.query("select 1"); db.run("create table t(a)"); db.onInsert = (d, t, rowid) => seen.push([typeof rowid, rowid]); const s = db.query("insert into t values (1)"); s.safeIntegers(true); s.run(); class Sub extends Database {} const sub = new Sub(":memory:"); sub.run("create table z(a)"); sub.onInsert = function () { seen.push(["sub", this instanceof Sub]); }; sub.run("insert into z values (1)"); return seen; })()`,
  "update hook that throws": `(() => { const seen = []; const handler = (e) => seen.push(["uncaught", e.name, e.message]); process.on("uncaughtException", handler); try { db.run("create table t(a)"); db.onInsert = (d, t, rowid) => { seen.push(["hook", rowid]); if (rowid === 2) throw new TypeError("boom"); }; const result = attempt(() => db.run("insert into t values (1), (2), (3)")); seen.push(result, db.query("select count(*) n from t").get(), db.inTransaction); } finally { process.off("uncaughtException", handler); } return seen; })()`,
  "loadExtension errors": `[attempt(() => db.loadExtension("/nonexistent/ext")), attempt(() => db.loadExtension(5))]`,
};

const names = Object.keys(scenarios);
const caseModule = `${harness}
const scenarios = {
${Object.entries(scenarios)
  .map(([name, body]) => `  ${JSON.stringify(name)}: (db) => ${body},`)
  .join("\n")}
};
export default (name) => scenarios[name](new Database(":memory:"));
`;

describe("bun:sqlite scenarios against real Bun", () => {
  it(`${names.length} scenarios: same values, errors, codes, errno, byteOffset`, async () => {
    const { mismatches } = await compareBatch(caseModule, names);
    expect(mismatches.map((m) => ({ scenario: m.input, bun: m.bun, node: m.node }))).toEqual([]);
  });
});

describe("values round-trip through INSERT/SELECT as in Bun", () => {
  const bindable = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.maxSafeInteger(),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 64 }),
  );

  it("stored type, value read back, and toString() agree for 1 500 random values", async () => {
    const inputs = fc.sample(bindable, 1500);
    const { mismatches } = await compareBatch(
      `import { Database } from "bun:sqlite";
       const db = new Database(":memory:");
       db.run("create table v (x)");
       const insert = db.prepare("insert into v values (?)");
       const read = db.prepare("select x, typeof(x) t from v where rowid = ?");
       const safe = db.prepare("select x from v where rowid = ?").safeIntegers(true);
       export default (value) => {
         const { lastInsertRowid } = insert.run(value);
         return [read.get(lastInsertRowid), safe.get(lastInsertRowid), insert.toString()];
       };`,
      inputs,
    );
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("named and positional forms bind the same values", async () => {
    const rows = fc.sample(fc.tuple(bindable, bindable, bindable), 300);
    const { mismatches } = await compareBatch(
      `import { Database } from "bun:sqlite";
       const db = new Database(":memory:");
       const strict = new Database(":memory:", { strict: true });
       export default ([a, b, c]) => [
         db.query("select $a a, :b b, @c c, ?4 d").get({ $a: a, ":b": b, c, "?4": a }),
         strict.query("select $a a, :b b, @c c").get({ a, b, c }),
         db.query("select ?3 c, ?1 a, ?2 b, ?1 again").get([a, b, c]),
       ];`,
      rows,
    );
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
