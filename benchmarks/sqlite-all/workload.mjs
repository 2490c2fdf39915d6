// Range reads: one prepared `SELECT * FROM users WHERE id > ? LIMIT 100`, .all(start)
// in a loop, always 100 rows per call.
import { USERS, measure, usersDatabase } from "../lib/sqlite.mjs";

export function run(Database) {
  const db = usersDatabase(Database);
  const range = db.prepare("SELECT * FROM users WHERE id > ? LIMIT 100");
  measure({
    work: (count) => {
      let check = 0;
      for (let i = 0; i < count; i++) {
        const rows = range.all((i * 7919) % (USERS - 100));
        check += rows.length + rows[0].id + rows[99].age;
      }
      return check;
    },
    warmup: 1_000,
    count: 10_000,
  });
  db.close();
}
