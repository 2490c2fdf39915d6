// app.mjs without Bun APIs: what the same program costs on plain Node.
import { setTimeout as sleep } from "node:timers/promises";

await sleep(0);
console.log(process.argv.length);
