// Point selects through raw better-sqlite3, the idiomatic fast way: one prepared
// statement, .get(id) in a loop. Schema, data and counts match bun-sqlite.mjs.
import Database from "better-sqlite3";

const ROWS = 10_000;
const WARMUP = 20_000;
const COUNT = 200_000;

// Setup (not timed): an in-memory table of ROWS deterministic users.
const db = new Database(":memory:");
db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INTEGER, score REAL)");
const insert = db.prepare("INSERT INTO users (id, name, email, age, score) VALUES (?, ?, ?, ?, ?)");
db.transaction(() => {
  for (let i = 1; i <= ROWS; i++) insert.run(i, `user${i}`, `user${i}@example.com`, 18 + ((i * 37) % 60), ((i * 7919) % 10_000) / 100);
})();

const select = db.prepare("SELECT * FROM users WHERE id = ?");
// Ids visit every row in a fixed scattered order (7919 is prime, coprime to ROWS).
function lookups(count) {
  let check = 0;
  for (let i = 0; i < count; i++) {
    const row = select.get(((i * 7919) % ROWS) + 1);
    check += row.id + row.age + row.email.length;
  }
  return check;
}

lookups(WARMUP);
const start = performance.now();
const check = lookups(COUNT);
const ms = performance.now() - start;
db.close();
console.log(JSON.stringify({ ops: COUNT, ms, check }));
