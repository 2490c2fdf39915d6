// Bulk inserts into an in-memory database: one prepared `INSERT INTO t (a, b, c)
// VALUES (?, ?, ?)`, run COUNT times inside ONE db.transaction(fn).
import { measure } from "../lib/sqlite.mjs";

const COUNT = 200_000;
// Text values are made up front so that string building is not what gets timed.
const TEXTS = Array.from({ length: 64 }, (_, k) => `text value ${k} ${"x".repeat(k)}`);

/**
 * `bind` turns each value into what the program passes to `run()`: itself for
 * bun:sqlite (which binds safe integers as INTEGER by its own rules) and raw
 * better-sqlite3 (which binds every number as REAL), or `bunTypes` below.
 */
export function run(Database, bind = (value) => value) {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE t (a INTEGER, b TEXT, c REAL)");
  const insert = db.prepare("INSERT INTO t (a, b, c) VALUES (?, ?, ?)");
  const insertMany = db.transaction((count) => {
    for (let i = 0; i < count; i++) insert.run(bind(i), TEXTS[i & 63], bind(i * 0.25));
  });
  const totals = db.prepare("SELECT count(*) AS n, sum(a) AS s, sum(length(b)) AS l FROM t");
  measure({
    work: (count) => insertMany(count),
    warmup: 10_000,
    count: COUNT,
    reset: () => db.exec("DELETE FROM t"), // the warm-up rows go before the timed run
    verify: () => {
      // Every row is there.
      const { n, s, l } = totals.get();
      if (n !== COUNT) throw new Error(`expected ${COUNT} rows, found ${n}`);
      return n + s + l;
    },
  });
  db.close();
}

/** Bun's binding of a number, done by hand for raw better-sqlite3: a safe integer as a BigInt (INTEGER), anything else as is (REAL). */
export const bunTypes = (value) => (Number.isSafeInteger(value) ? BigInt(value) : value);
