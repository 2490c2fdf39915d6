// The hash workloads' shared loop: hash the same input `iterations` times after
// a warm-up, print {"ops", "ms"} where ops counts bytes (for MB/s) or calls.
// A checksum of the results is printed to stderr so no call can be optimised away.

/** 64 MiB of deterministic bytes. */
export function bigInput() {
  const bytes = new Uint8Array(64 << 20);
  let x = 0x9e3779b9;
  for (let i = 0; i < bytes.length; i += 4) {
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

/** 1 024 distinct 32-character ASCII keys (32 bytes each). */
export function smallKeys() {
  return Array.from({ length: 1024 }, (_, i) => `key:${i.toString(36).padStart(8, "0")}:0123456789abcdefghi`.slice(0, 32));
}

function time(fn, inputs, rounds) {
  let check = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < inputs.length; i++) check ^= Number(BigInt.asUintN(32, BigInt(fn(inputs[i]))));
  }
  return { ms: performance.now() - start, check };
}

/** Throughput on large input, in MB processed. */
export function runLarge(fn, { rounds = 8 } = {}) {
  const input = bigInput();
  time(fn, [input], 2);
  const { ms, check } = time(fn, [input], rounds);
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: (rounds * input.length) / 1e6, ms }));
}

/** Calls per second on 32-byte strings. */
export function runSmall(fn, { rounds = 2000 } = {}) {
  const keys = smallKeys();
  time(fn, keys, 200);
  let check = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < keys.length; i++) {
      const h = fn(keys[i]);
      check = (check + (typeof h === "bigint" ? Number(h & 0xffn) : h & 0xff)) | 0;
    }
  }
  const ms = performance.now() - start;
  process.stderr.write(`check ${check}\n`);
  console.log(JSON.stringify({ ops: rounds * keys.length, ms }));
}
