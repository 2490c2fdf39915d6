// The crypto workloads' shared loops: deterministic inputs, a warm-up, then
// timed work; the last line printed is {"ops", "ms"}. A checksum of the
// digests goes to stderr so no call can be optimised away.

/** `length` deterministic pseudo-random bytes (xorshift32). */
function pseudoRandomBytes(length, seed) {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x;
    bytes[i + 1] = x >>> 8;
    bytes[i + 2] = x >>> 16;
    bytes[i + 3] = x >>> 24;
  }
  return bytes;
}

/**
 * SHA-256 of one 256 MiB array fed in 1 MiB chunks to one hasher, `rounds`
 * times after one warm-up round: throughput in MB hashed. `digestOf(chunks)`
 * feeds the chunks to a new hasher and returns the digest's bytes.
 */
export function runLarge(digestOf, { rounds = 4 } = {}) {
  const input = pseudoRandomBytes(256 << 20, 0x9e3779b9);
  const chunks = [];
  for (let offset = 0; offset < input.length; offset += 1 << 20) chunks.push(input.subarray(offset, offset + (1 << 20)));
  let check = digestOf(chunks)[0];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) check ^= digestOf(chunks)[0];
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: (rounds * input.length) / 1e6, ms }));
}

/**
 * SHA-256 of 1 KiB inputs (1 024 distinct arrays, cycled), `calls` times after
 * a warm-up of a tenth as many: digests per second. `digestOf(bytes)` returns
 * the digest's bytes.
 */
export function runSmall(digestOf, { calls = 500_000 } = {}) {
  const inputs = Array.from({ length: 1024 }, (_, i) => pseudoRandomBytes(1024, 0x2545f491 + i * 7919));
  let check = 0;
  for (let i = 0; i < calls / 10; i++) check ^= digestOf(inputs[i & 1023])[0];
  const start = performance.now();
  for (let i = 0; i < calls; i++) check ^= digestOf(inputs[i & 1023])[0];
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: calls, ms }));
}
