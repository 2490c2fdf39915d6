// A small Bun program. It runs as is under `bun run src/app.ts` and, on Node,
// under `dx-compat run src/app.ts` — nothing in it knows about dx-compat.
import { sleep } from "bun";
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { summarize, Priority } from "./tasks.ts";
import type { Task } from "./tasks.ts";

const name = Bun.argv[2] ?? Bun.env.USER_NAME ?? "world";
const tasksFile = Bun.file(join(import.meta.dir, "..", "data", "tasks.json"));
const tasks: Task[] = await tasksFile.json();

console.log(`Hello, ${name}! (${import.meta.file}, main: ${import.meta.main})`);
const started = performance.now();
await sleep(20);
console.log(`slept at least 20 ms: ${performance.now() - started >= 19}`);
for (const line of summarize(tasks, Priority.Medium)) console.log(line);
// Non-cryptographic hashes with Bun's exact values: wyhash by default, eleven more on Bun.hash.
console.log(`hash of "${name}": ${Bun.hash(name)} (crc32 ${Bun.hash.crc32(name)}, xxHash3 ${Bun.hash.xxHash3(name)})`);

// The same tasks in SQLite, through bun:sqlite.
using db = new Database(":memory:", { strict: true });
db.run("CREATE TABLE tasks (title TEXT NOT NULL, priority TEXT NOT NULL, done INTEGER NOT NULL)");
const insert = db.prepare("INSERT INTO tasks (title, priority, done) VALUES ($title, $priority, $done)");
db.transaction((rows: Task[]) => rows.forEach((task) => insert.run(task)))(tasks);
const open = db.query("SELECT priority, count(*) AS n FROM tasks WHERE done = 0 GROUP BY priority ORDER BY n DESC, priority").all();
console.log(`open by priority (sqlite): ${JSON.stringify(open)}`);

// Files and processes: write a report (missing folders are created), read it back, hand it to a child.
const report = join(tmpdir(), `dx-compat-hello-${process.pid}`, "report.txt");
const written = await Bun.write(report, `${open.length} priorities open\n`);
console.log(`${tasksFile.type}: ${tasksFile.size} bytes; wrote ${written} bytes, read back: ${JSON.stringify(await Bun.file(report).text())}`);
const wc = Bun.spawnSync(["wc", "-c"], { stdin: Bun.file(report) });
console.log(`wc -c says ${wc.stdout.toString().trim()} (exit ${wc.exitCode}, success ${wc.success}); which sh: ${Bun.which("sh") !== null}`);
await Bun.file(report).delete();
