// A small Bun program. It runs as is under `bun run src/app.ts` and, on Node,
// under `dx-compat run src/app.ts` — nothing in it knows about dx-compat.
import { sleep } from "bun";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { summarize, Priority } from "./tasks.ts";
import type { Task } from "./tasks.ts";

const name = Bun.argv[2] ?? Bun.env.USER_NAME ?? "world";
const tasks: Task[] = JSON.parse(readFileSync(join(import.meta.dir, "..", "data", "tasks.json"), "utf8"));

console.log(`Hello, ${name}! (${import.meta.file}, main: ${import.meta.main})`);
const started = performance.now();
await sleep(20);
console.log(`slept at least 20 ms: ${performance.now() - started >= 19}`);
for (const line of summarize(tasks, Priority.Medium)) console.log(line);
