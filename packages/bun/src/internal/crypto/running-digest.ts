// The state under every hasher: the data so far, for one algorithm.
//
// Hashing a short message with a new hasher each time (`new
// CryptoHasher("sha256").update(x).digest()`) is a common pattern, and making
// a node:crypto Hash object costs more than hashing 1 KiB. Where the addon
// hashes (MD5, SHA-1, SHA-2: ./host-engine.ts) its engine is cheap enough to
// start at once, and it takes the first chunk's digest in the same call.
// Otherwise the first chunk is only kept, and a hasher that sees nothing more
// is digested in one call (node:crypto's `hash()`); a Hash is made when a
// second chunk arrives.
import type { Algorithm } from "./algorithms.ts";
import { createEngine, digestOnce, type Engine, type HashData } from "./engines.ts";
import { createHostEngine } from "./host-engine.ts";

// Chunks up to this size are copied and kept (the caller may change its bytes
// before the digest); bigger ones go straight into a Hash. 4 KiB is where Node
// stops taking new Buffers from its pool.
const keptChunkLimit = 4096;

function keptCopy(data: Uint8Array): Uint8Array {
  const copy = Buffer.allocUnsafe(data.byteLength);
  copy.set(data);
  return copy;
}

export class RunningDigest {
  readonly algorithm: Algorithm;
  #engine: Engine | undefined;
  /** The one chunk so far, while there is no engine yet. */
  #kept: HashData | undefined;

  constructor(algorithm: Algorithm, engine?: Engine, kept?: HashData) {
    this.algorithm = algorithm;
    this.#engine = engine;
    this.#kept = kept;
  }

  update(data: HashData): void {
    // Where the addon hashes, its engine costs less than keeping a copy.
    if (this.#engine === undefined && this.#kept === undefined) this.#engine = createHostEngine(this.algorithm);
    if (this.#engine !== undefined) {
      this.#engine.update(data);
    } else if (this.#kept === undefined && (typeof data === "string" || data.byteLength <= keptChunkLimit)) {
      this.#kept = typeof data === "string" ? data : keptCopy(data);
    } else {
      const engine = createEngine(this.algorithm);
      if (this.#kept !== undefined) engine.update(this.#kept);
      engine.update(data);
      this.#engine = engine;
      this.#kept = undefined;
    }
  }

  /**
   * The digest of everything so far; the state starts over empty (as Bun's
   * CryptoHasher does). `outputLength`: SHAKE's output size, when not its usual.
   */
  finish(outputLength?: number): Buffer {
    const engine = this.#engine;
    const kept = this.#kept;
    this.#engine = undefined;
    this.#kept = undefined;
    return engine === undefined ? digestOnce(this.algorithm, kept ?? "", "node", outputLength) : engine.digest(outputLength);
  }

  copy(): RunningDigest {
    // A kept chunk is a private copy or a string: both can be shared.
    return new RunningDigest(this.algorithm, this.#engine?.copy(), this.#kept);
  }
}
