// Point selects: one prepared `SELECT * FROM users WHERE id = ?`, .get(id) in a loop.
import { USERS, measure, usersDatabase } from "../lib/sqlite.mjs";

export function run(Database) {
  const db = usersDatabase(Database);
  const select = db.prepare("SELECT * FROM users WHERE id = ?");
  // Ids visit every row in a fixed scattered order (7919 is prime, coprime to USERS).
  measure({
    work: (count) => {
      let check = 0;
      for (let i = 0; i < count; i++) {
        const row = select.get(((i * 7919) % USERS) + 1);
        check += row.id + row.age + row.email.length;
      }
      return check;
    },
    warmup: 20_000,
    count: 200_000,
  });
  db.close();
}
