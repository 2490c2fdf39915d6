// MD5, SHA-1 and SHA-2 by the OpenSSL that Node links, through
// @dx-compat/native's addon: one native call per update or digest, with the
// running state kept as bytes in JS memory. node:crypto computes the same
// bytes, but pays several hundred nanoseconds per call around them (a Hash
// object, argument checks, a result made in C++), which is most of the cost of
// `new CryptoHasher("sha256").update(1 KiB).digest()`. Without the addon (the
// TypeScript twin, or a Node that does not export OpenSSL's functions) every
// function here reports "unavailable" and node:crypto serves.
import {
  DIGEST_AT,
  DIGEST_STATE_BYTES,
  DIGEST_STEP_FINISH,
  DIGEST_STEP_START,
  hostDigest,
  type DigestAlgorithm,
  type HostDigest,
} from "@dx-compat/native";
import type { Algorithm, AlgorithmName } from "./algorithms.ts";
import type { Engine, HashData } from "./engines.ts";

const hostAlgorithms: ReadonlySet<AlgorithmName> = new Set<DigestAlgorithm>(["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]);

/** The addon's digests of each algorithm, or null where it has none; looked up on first use. */
const hostDigests = new Map<AlgorithmName, HostDigest | null>();

function hostDigestFor(algorithm: Algorithm): HostDigest | null {
  let host = hostDigests.get(algorithm.name);
  if (host === undefined) {
    host = hostAlgorithms.has(algorithm.name) ? (hostDigest(algorithm.name as DigestAlgorithm) ?? null) : null;
    hostDigests.set(algorithm.name, host);
  }
  return host;
}

// States are slices of private blocks: a view on an existing ArrayBuffer costs
// a fraction of a new one. Not Node's Buffer pool: a state holds what amounts
// to an HMAC's key, and any pooled Buffer exposes its whole pool (`.buffer`).
const stateBlockBytes = 64 * DIGEST_STATE_BYTES;
let stateBlock: ArrayBuffer | undefined;
let stateBlockUsed = stateBlockBytes;

function newState(): Uint8Array {
  if (stateBlockUsed === stateBlockBytes) {
    stateBlock = new ArrayBuffer(stateBlockBytes);
    stateBlockUsed = 0;
  }
  const state = new Uint8Array(stateBlock!, stateBlockUsed, DIGEST_STATE_BYTES);
  stateBlockUsed += DIGEST_STATE_BYTES;
  return state;
}

/**
 * `length` bytes of `source` from `offset` as a new Buffer made in JS: one
 * this small lives on V8's heap, where making it is several times cheaper
 * than an ArrayBuffer the addon could write into. Unpooled, as Bun's digests:
 * its `.buffer` is its own.
 */
function digestCopy(source: Uint8Array, offset: number, length: number): Buffer {
  const digest = Buffer.allocUnsafeSlow(length);
  for (let i = 0; i < length; i++) digest[i] = source[offset + i]!;
  return digest;
}

/** A running digest stepped by the addon. */
class HostEngine implements Engine {
  readonly #host: HostDigest;
  /** The digest's size in bytes. */
  readonly #length: number;
  /** The state; undefined until the first update. */
  #state: Uint8Array | undefined;
  /** Whether the state's digest (at DIGEST_AT) covers everything added so far. */
  #finished: boolean;

  constructor(host: HostDigest, length: number, state?: Uint8Array, finished = false) {
    this.#host = host;
    this.#length = length;
    this.#state = state;
    this.#finished = finished;
  }

  update(data: HashData): void {
    if (this.#state === undefined) {
      // The first chunk is often the only one (a hasher per message): its
      // digest is taken in the same call, so digest() needs none.
      this.#state = newState();
      this.#host.step(this.#state, data, DIGEST_STEP_START | DIGEST_STEP_FINISH);
      this.#finished = true;
    } else {
      this.#host.step(this.#state, data, 0);
      this.#finished = false;
    }
  }

  digest(): Buffer {
    let state = this.#state;
    if (state === undefined) {
      state = newState();
      this.#host.step(state, "", DIGEST_STEP_START | DIGEST_STEP_FINISH);
    } else if (!this.#finished) {
      this.#host.step(state, "", DIGEST_STEP_FINISH);
    }
    return digestCopy(state, DIGEST_AT, this.#length);
  }

  copy(): Engine {
    const state = this.#state === undefined ? undefined : newState();
    state?.set(this.#state!);
    return new HostEngine(this.#host, this.#length, state, this.#finished);
  }
}

/** A running digest of `algorithm` by the addon, or undefined where it has none. */
export function createHostEngine(algorithm: Algorithm): Engine | undefined {
  const host = hostDigestFor(algorithm);
  return host === null ? undefined : new HostEngine(host, algorithm.byteLength);
}

/** Where the addon writes one-shot digests (off V8's heap, so passing it costs nothing per call). */
let onceOut: Uint8Array | undefined;

/** The digest of `data` by the addon, or undefined where it has none. */
export function digestOnHost(algorithm: Algorithm, data: HashData): Buffer | undefined {
  const host = hostDigestFor(algorithm);
  if (host === null) return undefined;
  const out = (onceOut ??= new Uint8Array(new ArrayBuffer(64)));
  return digestCopy(out, 0, host.once(data, out));
}
