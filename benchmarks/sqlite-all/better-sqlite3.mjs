// Range reads through raw better-sqlite3, the idiomatic fast way: one prepared statement,
// .all(start) in a loop, 100 rows per call. Schema, data and counts match bun-sqlite.mjs.
import Database from "better-sqlite3";

const ROWS = 10_000;
const LIMIT = 100;
const WARMUP = 1_000;
const COUNT = 10_000;

// Setup (not timed): an in-memory table of ROWS deterministic users.
const db = new Database(":memory:");
db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INTEGER, score REAL)");
const insert = db.prepare("INSERT INTO users (id, name, email, age, score) VALUES (?, ?, ?, ?, ?)");
db.transaction(() => {
  for (let i = 1; i <= ROWS; i++) insert.run(i, `user${i}`, `user${i}@example.com`, 18 + ((i * 37) % 60), ((i * 7919) % 10_000) / 100);
})();

const select = db.prepare(`SELECT * FROM users WHERE id > ? LIMIT ${LIMIT}`);
// Start ids in a fixed scattered order; every call gets a full LIMIT rows.
function scans(count) {
  let check = 0;
  for (let i = 0; i < count; i++) {
    const rows = select.all((i * 7919) % (ROWS - LIMIT));
    const last = rows[rows.length - 1];
    check += rows.length + last.id + last.age;
  }
  return check;
}

scans(WARMUP);
const start = performance.now();
const check = scans(COUNT);
const ms = performance.now() - start;
db.close();
console.log(JSON.stringify({ ops: COUNT, ms, check }));
