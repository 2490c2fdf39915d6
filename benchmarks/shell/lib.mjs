// Shared by the shell workloads: run an async (or sync) command COUNT times
// after a warm-up, checking every output, and print {"ops", "ms"}.

/** Awaits `runOnce()` warmUp + count times; each result must equal `expected`. */
export async function runShell(runOnce, expected, { count, warmUp }) {
  for (let i = 0; i < warmUp; i++) check(await runOnce(), expected);
  const start = performance.now();
  for (let i = 0; i < count; i++) check(await runOnce(), expected);
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ops: count, ms }));
}

function check(actual, expected) {
  if (String(actual) !== expected) throw new Error(`unexpected output ${JSON.stringify(String(actual))}`);
}
