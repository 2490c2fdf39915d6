// The timed part of a workload. By default it runs once and prints its
// {"ops", "ms"} line. Under `bench.mjs --interleave` (DX_BENCH_BLOCKS=1) the
// process stays up after its warm-up: it prints {"ready": true}, then runs the
// block again for every "run" line on stdin, one result line each, until stdin
// ends. The runner alternates the competitors' blocks, so each round of blocks
// shares the same seconds of machine time (a paired comparison).
import { createInterface } from "node:readline";

/** `block()` does the timed work and returns {ops, ms}. */
export async function timed(block) {
  if (process.env.DX_BENCH_BLOCKS !== "1") {
    console.log(JSON.stringify(await block()));
    return;
  }
  console.log(JSON.stringify({ ready: true }));
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === "run") console.log(JSON.stringify(await block()));
  }
}
