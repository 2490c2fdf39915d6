import { Database } from "bun:sqlite";
import { usersDatabase, USERS } from "../../benchmarks/lib/sqlite.mjs";
const db = usersDatabase(Database);
const range = db.prepare("SELECT * FROM users WHERE id > ? LIMIT 100");
let check = 0; const N = 100_000;
const t0 = performance.now();
for (let i = 0; i < N; i++) { const rows = range.all((i * 7919) % (USERS - 100)); check += rows.length + rows[0].id + rows[99].age; }
console.log((N / (performance.now() - t0) * 1000 / 1e3).toFixed(2), "K/s", check);
