// Bun.sleep(0), awaited in a loop: the cost of one zero-delay sleep.
// Same file for Bun and Node + dx-compat; the count must match node.mjs.
const COUNT = 2_000;

const start = performance.now();
for (let i = 0; i < COUNT; i++) {
  // eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
  await Bun.sleep(0);
}
const ms = performance.now() - start;
console.log(JSON.stringify({ ops: COUNT, ms }));
