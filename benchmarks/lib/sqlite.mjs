// What the SQLite workloads share. Each competitor passes its Database class
// (bun:sqlite's, or raw better-sqlite3's): both take `exec`, `prepare`,
// `transaction` the same way, so one body of code measures both.

export const USERS = 10_000;

/** An in-memory table of USERS deterministic users (setup: not timed). */
export function usersDatabase(Database) {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INTEGER, score REAL)");
  const insert = db.prepare("INSERT INTO users (id, name, email, age, score) VALUES (?, ?, ?, ?, ?)");
  db.transaction(() => {
    for (let i = 1; i <= USERS; i++) insert.run(i, `user${i}`, `user${i}@example.com`, 18 + ((i * 37) % 60), ((i * 7919) % 10_000) / 100);
  })();
  return db;
}

/**
 * Warm `work` up, `reset` (not timed), time `count` operations of it, and print the
 * harness's result line; `verify` (not timed) turns work's result into the check value.
 */
export function measure({ work, warmup, count, reset = () => {}, verify = (result) => result }) {
  work(warmup);
  reset();
  const start = performance.now();
  const result = work(count);
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ops: count, ms, check: verify(result) }));
}
