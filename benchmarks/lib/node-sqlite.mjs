// node:sqlite (Node's built-in SQLite, Node 22.5+) behind the few members the
// SQLite workloads use, so one workload body measures it too. Only the
// transaction helper is new; exec, prepare, get, all and run are node:sqlite's own.
import { DatabaseSync } from "node:sqlite";

export class Database {
  #db;

  constructor(filename) {
    this.#db = new DatabaseSync(filename);
  }

  exec(sql) {
    this.#db.exec(sql);
  }

  prepare(sql) {
    return this.#db.prepare(sql);
  }

  transaction(fn) {
    const db = this.#db;
    return (...args) => {
      db.exec("BEGIN");
      try {
        const result = fn(...args);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    };
  }

  close() {
    this.#db.close();
  }
}
