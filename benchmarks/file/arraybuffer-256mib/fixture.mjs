// The 256 MiB file every competitor reads: created once in the OS temp folder
// (not timed), reused by later runs while its size is right.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SIZE = 256 << 20;
export const ROUNDS = 6;

export function fixturePath() {
  const path = join(tmpdir(), "dx-compat-bench-file-read-256mib.bin");
  if (!existsSync(path) || statSync(path).size !== SIZE) {
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
    writeFileSync(path, Buffer.concat(Array.from({ length: SIZE >> 20 }, () => chunk)));
  }
  return path;
}

/** Reads the file `ROUNDS` times after one warm-up, prints {"ops" (MB), "ms"}. */
export async function run(read) {
  const path = fixturePath();
  let check = (await read(path)).byteLength;
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) check += (await read(path)).byteLength;
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: (ROUNDS * SIZE) / 1e6, ms }));
}
