// The compression workloads' shared input and loop: 64 MiB of deterministic
// NDJSON (the kind of log or export people gzip), compressed or decompressed
// `rounds` times after one warm-up call; throughput in MB of uncompressed data
// per second. A checksum of the outputs goes to stderr so no call can be skipped.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const SIZE = 64 << 20;
const EVENTS = ["login", "logout", "view", "click", "purchase", "search", "share", "error"];
const REGIONS = ["eu-west-1", "us-east-1", "ap-south-1", "sa-east-1"];

/** 64 MiB of NDJSON lines from a fixed xorshift sequence: the same bytes in every runtime. */
export function ndjson() {
  const lines = [];
  let size = 0;
  let x = 0x2545f491;
  for (let id = 0; size < SIZE; id++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const line = `${JSON.stringify({
      id,
      ts: 1_700_000_000_000 + id * 37,
      user: `user${x % 50_000}`,
      event: EVENTS[x % EVENTS.length],
      region: REGIONS[(x >>> 8) % REGIONS.length],
      amount: (x % 100_000) / 100,
      ok: (x & 1) === 1,
    })}\n`;
    lines.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(lines.join("")).subarray(0, SIZE);
}

/**
 * ndjson() gzipped once at level 6 and kept in the temp directory, so every
 * competitor of a run decompresses the very same bytes (whichever runtime wrote them).
 */
export function gzippedNdjson() {
  const path = join(tmpdir(), "dx-compat-bench-ndjson-64mib.gz");
  if (!existsSync(path)) {
    const scratch = `${path}.${process.pid}`;
    writeFileSync(scratch, gzipSync(ndjson(), { level: 6 }));
    renameSync(scratch, path);
  }
  return new Uint8Array(readFileSync(path));
}

/** Time `rounds` calls of `fn(input)` after one warm-up; ops are MB of uncompressed data. */
export function run(fn, input, { rounds, uncompressedBytes }) {
  let check = fn(input).length;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) check = (check + fn(input).length) | 0;
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: (rounds * uncompressedBytes) / 1e6, ms }));
}
