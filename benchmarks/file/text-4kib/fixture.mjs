// A 4 KiB text file read whole as a string 50 000 times, one read at a time
// (each awaited before the next); prints {"ops": reads, "ms"}.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SIZE = 4096;
const READS = 50_000;

function fixturePath() {
  const path = join(tmpdir(), "dx-compat-bench-text-4kib.txt");
  if (!existsSync(path) || statSync(path).size !== SIZE) {
    const line = "the quick brown fox jumps over the lazy dog — ünïcödé ✓\n";
    writeFileSync(path, Buffer.from(line.repeat(Math.ceil(SIZE / line.length))).subarray(0, SIZE));
  }
  return path;
}

export async function run(readText) {
  const path = fixturePath();
  let check = 0;
  for (let i = 0; i < 500; i++) check += (await readText(path)).length;
  const start = performance.now();
  for (let i = 0; i < READS; i++) check += (await readText(path)).length;
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: READS, ms }));
}
