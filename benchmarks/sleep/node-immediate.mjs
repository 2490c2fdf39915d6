// Yielding to the event loop without a timer: what a zero-delay sleep costs
// on Node when it is not clamped to 1 ms.
import { setImmediate } from "node:timers/promises";

const COUNT = 2_000;

const start = performance.now();
for (let i = 0; i < COUNT; i++) await setImmediate();
const ms = performance.now() - start;
console.log(JSON.stringify({ ops: COUNT, ms }));
