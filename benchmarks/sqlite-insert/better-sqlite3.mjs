// Bulk inserts through raw better-sqlite3 into an in-memory database, the idiomatic
// fast way: one prepared statement, run COUNT times inside ONE db.transaction(fn).
// Schema, data and counts match bun-sqlite.mjs.
import Database from "better-sqlite3";

const WARMUP = 10_000;
const COUNT = 200_000;
// Text values are made up front so that string building is not what gets timed.
const TEXTS = Array.from({ length: 64 }, (_, k) => `text value ${k} ${"x".repeat(k)}`);

// Setup (not timed).
const db = new Database(":memory:");
db.exec("CREATE TABLE t (a INTEGER, b TEXT, c REAL)");
const insert = db.prepare("INSERT INTO t (a, b, c) VALUES (?, ?, ?)");
const insertMany = db.transaction((count) => {
  for (let i = 0; i < count; i++) insert.run(i, TEXTS[i & 63], i * 0.25);
});
const totals = db.prepare("SELECT count(*) AS n, sum(a) AS s, sum(length(b)) AS l FROM t");

// Warm-up rows are deleted again before the timed transaction.
insertMany(WARMUP);
db.exec("DELETE FROM t");

const start = performance.now();
insertMany(COUNT);
const ms = performance.now() - start;

// Sanity check (not timed): every row is there.
const { n, s, l } = totals.get();
if (n !== COUNT) throw new Error(`expected ${COUNT} rows, found ${n}`);
db.close();
console.log(JSON.stringify({ ops: COUNT, ms, check: n + s + l }));
