// Real processes on a real database file: a transaction killed midway leaves
// no trace, and two reader processes share a WAL database with a writer.
import { nodeBinary, registerURL, runProcess, scratchDir, writeFiles } from "@dx-compat/oracle";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Database } from "../src/index.ts";

describe("a process killed in the middle of a transaction", () => {
  it("leaves the database intact and the transaction absent (SIGKILL)", async () => {
    const dir = writeFiles({
      "writer.mjs": `
        import { Database } from "bun:sqlite";
        const db = new Database(process.argv[2]);
        const insert = db.prepare("insert into items (n) values (?)");
        db.transaction(() => {
          for (let n = 0; n < 5000; n++) insert.run(n);
          process.stdout.write("inside\\n");
          // Hold the transaction open until the parent kills us.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
        })();
      `,
    });
    const path = join(dir, "killed.db");
    const setup = new Database(path);
    setup.run("create table items (n integer not null)");
    setup.run("insert into items (n) values (-1)");
    setup.close();

    const child = spawn(nodeBinary(), ["--import", registerURL(), join(dir, "writer.mjs"), path], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("inside") && resolve());
      child.on("exit", (code) => reject(new Error(`writer exited early (${code})`)));
    });
    const exited = new Promise((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const after = new Database(path);
    expect(after.query("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(after.query("select n from items").values()).toEqual([[-1]]);
    after.close();
  });
});

describe("WAL with concurrent readers in other processes", () => {
  it("two reader processes see committed snapshots while this process writes", async () => {
    const dir = scratchDir("dx-compat-wal-");
    const path = join(dir, "shared.db");
    const db = new Database(path);
    expect(db.query("pragma journal_mode = WAL").get()).toEqual({ journal_mode: "wal" });
    db.run("create table ticks (n integer not null, half integer not null)");
    // Every commit writes a row and its mirror: a reader seeing an odd count saw a torn write.
    const insertPair = db.transaction((n: number) => {
      db.run("insert into ticks values (?, 0)", [n]);
      db.run("insert into ticks values (?, 1)", [n]);
    });
    insertPair(0);
    const reader = writeFiles({
      "reader.mjs": `
        import { Database } from "bun:sqlite";
        const db = new Database(process.argv[2], { readonly: true });
        const count = db.query("select count(*) c from ticks");
        let reads = 0, last = 0;
        const seen = new Set();
        const until = Date.now() + 1500;
        while (Date.now() < until) {
          const { c } = count.get();
          if (c % 2 !== 0) throw new Error("torn read: " + c);
          if (c < last) throw new Error("went back in time: " + c + " < " + last);
          last = c; reads++; seen.add(c);
        }
        console.log(JSON.stringify({ reads, last, distinct: seen.size }));
      `,
    });
    let done = false;
    const readers = Promise.all([0, 1].map(() => runProcess(nodeBinary(), ["--import", registerURL(), join(reader, "reader.mjs"), path], { timeoutMs: 20_000 }))).finally(() => {
      done = true;
    });
    // Write while the readers read (bounded): one pair per turn of the event loop.
    let pairs = 1;
    while (!done && pairs < 50_000) {
      insertPair(pairs++);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const results = await readers;
    const distinct: number[] = [];
    for (const result of results) {
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { reads: number; last: number; distinct: number };
      expect(report.reads).toBeGreaterThan(0);
      expect(report.last % 2).toBe(0);
      distinct.push(report.distinct);
    }
    // The readers really overlapped the writes: they saw the table grow.
    expect(Math.max(...distinct)).toBeGreaterThan(1);
    expect(db.query("select count(*) c from ticks").get()).toEqual({ c: pairs * 2 });
    db.close();
  });
});
