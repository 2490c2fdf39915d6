import { Database } from "bun:sqlite";
import { usersDatabase, USERS } from "../../benchmarks/lib/sqlite.mjs";
const db = usersDatabase(Database);
const select = db.prepare("SELECT * FROM users WHERE id = ?");
let check = 0; const N = 2_000_000;
const t0 = performance.now();
for (let i = 0; i < N; i++) { const row = select.get(((i * 7919) % USERS) + 1); check += row.id + row.age + row.email.length; }
console.log((N / (performance.now() - t0) * 1000 / 1e6).toFixed(2), "M/s", check);
