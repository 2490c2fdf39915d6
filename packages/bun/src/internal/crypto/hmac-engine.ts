// HMAC (RFC 2104) over the digest engines. Built here rather than taken from
// node:crypto's createHmac because Bun's HMAC hasher can be copied mid-stream,
// which a node Hmac cannot; an inner digest is a Hash, and a Hash copies. It
// also gives MD4 and BLAKE2b-256, which OpenSSL lacks, an HMAC the same way.
import type { Algorithm } from "./algorithms.ts";
import { createEngine, digestOnce, type Backend, type Engine, type HashData } from "./engines.ts";

const innerPad = 0x36;
const outerPad = 0x5c;

function paddedKey(algorithm: Algorithm, key: Uint8Array, pad: number): Uint8Array {
  const block = new Uint8Array(algorithm.blockLength).fill(pad);
  for (let i = 0; i < key.length; i++) block[i]! ^= key[i]!;
  return block;
}

class HmacEngine implements Engine {
  readonly #algorithm: Algorithm;
  readonly #inner: Engine;
  readonly #outerKey: Uint8Array;
  readonly #backend: Backend;

  constructor(algorithm: Algorithm, inner: Engine, outerKey: Uint8Array, backend: Backend) {
    this.#algorithm = algorithm;
    this.#inner = inner;
    this.#outerKey = outerKey;
    this.#backend = backend;
  }

  update(data: HashData): void {
    this.#inner.update(data);
  }

  digest(): Buffer {
    const outer = createEngine(this.#algorithm, this.#backend);
    outer.update(this.#outerKey);
    outer.update(this.#inner.digest());
    return outer.digest();
  }

  copy(): Engine {
    return new HmacEngine(this.#algorithm, this.#inner.copy(), this.#outerKey, this.#backend);
  }
}

/** A running HMAC of `algorithm` keyed with `key` (keys longer than a block are hashed first). */
export function createHmacEngine(algorithm: Algorithm, key: Uint8Array, backend: Backend = "node"): Engine {
  const shortKey = key.length > algorithm.blockLength ? digestOnce(algorithm, key, backend) : key;
  const inner = createEngine(algorithm, backend);
  inner.update(paddedKey(algorithm, shortKey, innerPad));
  return new HmacEngine(algorithm, inner, paddedKey(algorithm, shortKey, outerPad), backend);
}
