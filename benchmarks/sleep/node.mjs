// The plain-Node way to sleep 0 ms: a promisified timer (clamped to 1 ms by Node).
import { setTimeout } from "node:timers/promises";

const COUNT = 2_000;

const start = performance.now();
for (let i = 0; i < COUNT; i++) await setTimeout(0);
const ms = performance.now() - start;
console.log(JSON.stringify({ ops: COUNT, ms }));
