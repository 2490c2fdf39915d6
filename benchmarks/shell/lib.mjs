// Shared by the shell workloads: run an async (or sync) command COUNT times
// after a warm-up, checking every output, and print {"ops", "ms"}.

import { timed } from "../lib/timed.mjs";

/** Awaits `runOnce()` warmUp + count times; each result must equal `expected`. */
export async function runShell(runOnce, expected, { count, warmUp }) {
  for (let i = 0; i < warmUp; i++) check(await runOnce(), expected);
  await timed(async () => {
    const start = performance.now();
    for (let i = 0; i < count; i++) check(await runOnce(), expected);
    return { ops: count, ms: performance.now() - start };
  });
}

function check(actual, expected) {
  if (String(actual) !== expected) throw new Error(`unexpected output ${JSON.stringify(String(actual))}`);
}
