// Where each digest is computed. node:crypto (OpenSSL) wherever this Node can
// compute the digest: it is the fastest and agrees with Bun's BoringSSL. Where it
// cannot (MD4 under OpenSSL 3; BLAKE2b-256, which OpenSSL names no digest for;
// anything a FIPS or custom OpenSSL build leaves out), @noble/hashes. MD5 and
// SHA-1/2 go to that same OpenSSL through @dx-compat/native where its addon
// loads (./host-engine.ts), without node:crypto's overhead per call.
import type * as Blake2 from "@noble/hashes/blake2.js";
import type * as Legacy from "@noble/hashes/legacy.js";
import type * as Sha2 from "@noble/hashes/sha2.js";
import type * as Sha3 from "@noble/hashes/sha3.js";
import type { Hash as NobleHash } from "@noble/hashes/utils.js";
import { createHash, hash as oneShotHash, type Hash as NodeHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Algorithm, AlgorithmName } from "./algorithms.ts";
import { createHostEngine, digestOnHost } from "./host-engine.ts";
import { createMd4 } from "./md4-engine.ts";

/** Data as the engines take it: bytes, or a string to hash as UTF-8. */
export type HashData = Uint8Array | string;

/**
 * A running digest. `digest()` finishes it; it is not used after that.
 * `outputLength` (SHAKE only) squeezes that many bytes instead of the usual.
 */
export interface Engine {
  update(data: HashData): void;
  digest(outputLength?: number): Buffer;
  copy(): Engine;
}

class NodeEngine implements Engine {
  readonly #hash: NodeHash;
  readonly #outputLength: number | undefined;

  constructor(hash: NodeHash, outputLength: number | undefined) {
    this.#hash = hash;
    this.#outputLength = outputLength;
  }

  update(data: HashData): void {
    this.#hash.update(data);
  }

  digest(outputLength?: number): Buffer {
    if (outputLength === undefined || outputLength === this.#outputLength) return this.#hash.digest();
    return this.#hash.copy({ outputLength }).digest();
  }

  copy(): Engine {
    const options = this.#outputLength === undefined ? undefined : { outputLength: this.#outputLength };
    return new NodeEngine(this.#hash.copy(options), this.#outputLength);
  }
}

// Any object noble's hashes return from `create()` (SHAKE's can also squeeze any length).
type AnyNobleHash = NobleHash<AnyNobleHash> & { xof?: (bytes: number) => Uint8Array };

class NobleEngine implements Engine {
  readonly #hash: AnyNobleHash;

  constructor(hash: AnyNobleHash) {
    this.#hash = hash;
  }

  update(data: HashData): void {
    this.#hash.update(typeof data === "string" ? Buffer.from(data, "utf8") : data);
  }

  digest(outputLength?: number): Buffer {
    const bytes = outputLength !== undefined && this.#hash.xof !== undefined ? this.#hash.xof(outputLength) : this.#hash.digest();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  copy(): Engine {
    return new NobleEngine(this.#hash.clone());
  }
}

type NobleFactory = () => AnyNobleHash;

// @noble/hashes is loaded on first need (importing it all costs milliseconds
// of startup, and most programs never need it): synchronously, as hashing is.
const load = createRequire(import.meta.url);
const blake2 = (): typeof Blake2 => load("@noble/hashes/blake2.js") as typeof Blake2;
const legacy = (): typeof Legacy => load("@noble/hashes/legacy.js") as typeof Legacy;
const sha2 = (): typeof Sha2 => load("@noble/hashes/sha2.js") as typeof Sha2;
const sha3 = (): typeof Sha3 => load("@noble/hashes/sha3.js") as typeof Sha3;

// Every algorithm has a noble twin, so a Node whose OpenSSL lacks one still computes it.
const nobleFactories: Record<AlgorithmName, NobleFactory> = {
  blake2b256: () => blake2().blake2b.create({ dkLen: 32 }) as AnyNobleHash,
  blake2b512: () => blake2().blake2b.create({ dkLen: 64 }) as AnyNobleHash,
  blake2s256: () => blake2().blake2s.create({ dkLen: 32 }) as AnyNobleHash,
  md4: () => createMd4(load) as AnyNobleHash,
  md5: () => legacy().md5.create() as AnyNobleHash,
  ripemd160: () => legacy().ripemd160.create() as AnyNobleHash,
  sha1: () => legacy().sha1.create() as AnyNobleHash,
  sha224: () => sha2().sha224.create() as AnyNobleHash,
  sha256: () => sha2().sha256.create() as AnyNobleHash,
  sha384: () => sha2().sha384.create() as AnyNobleHash,
  sha512: () => sha2().sha512.create() as AnyNobleHash,
  "sha512-224": () => sha2().sha512_224.create() as AnyNobleHash,
  "sha512-256": () => sha2().sha512_256.create() as AnyNobleHash,
  "sha3-224": () => sha3().sha3_224.create() as AnyNobleHash,
  "sha3-256": () => sha3().sha3_256.create() as AnyNobleHash,
  "sha3-384": () => sha3().sha3_384.create() as AnyNobleHash,
  "sha3-512": () => sha3().sha3_512.create() as AnyNobleHash,
  shake128: () => sha3().shake128.create({ dkLen: 16 }) as AnyNobleHash,
  shake256: () => sha3().shake256.create({ dkLen: 32 }) as AnyNobleHash,
};

// OpenSSL's names where they differ from Bun's (OpenSSL has no BLAKE2b-256 at all).
const nodeNames: Partial<Record<AlgorithmName, string | null>> = {
  blake2b256: null,
};

/** What this Node's OpenSSL can compute, found out once per algorithm. */
const nodeSupport = new Map<AlgorithmName, string | null>();

/** The node:crypto digest name for `algorithm`, or null when this Node cannot compute it. */
function nodeName(algorithm: Algorithm): string | null {
  let name = nodeSupport.get(algorithm.name);
  if (name === undefined) {
    name = nodeNames[algorithm.name] === null ? null : (nodeNames[algorithm.name] ?? algorithm.name);
    if (name !== null) {
      try {
        createHash(name, outputOptions(algorithm)).digest();
      } catch {
        name = null;
      }
    }
    nodeSupport.set(algorithm.name, name);
  }
  return name;
}

function outputOptions(algorithm: Algorithm): { outputLength: number } | undefined {
  return algorithm.xof ? { outputLength: algorithm.byteLength } : undefined;
}

/** Which implementation serves: "node" normally; tests pass "noble" to check the fallbacks. */
export type Backend = "node" | "noble";

/** A fresh running digest of `algorithm`. */
export function createEngine(algorithm: Algorithm, backend: Backend = "node"): Engine {
  const onHost = backend === "node" ? createHostEngine(algorithm) : undefined;
  if (onHost !== undefined) return onHost;
  const name = backend === "node" ? nodeName(algorithm) : null;
  if (name !== null) return new NodeEngine(createHash(name, outputOptions(algorithm)), algorithm.xof ? algorithm.byteLength : undefined);
  return new NobleEngine(nobleFactories[algorithm.name]());
}

/**
 * The digest of `data` in one call: by the addon where it can (see
 * ./host-engine.ts), else by node:crypto. node:crypto's one-shot `hash()` skips the
 * Hash object; asking it for a latin1 ("binary") string and copying that into
 * a Buffer made in JS costs less than a Buffer made by its C++ side (and for
 * 64 bytes at most, a loop costs less than `buffer.write`). The Buffer is
 * unpooled, as Bun's: its `.buffer` is the digest's alone.
 */
export function digestOnce(algorithm: Algorithm, data: HashData, backend: Backend = "node", outputLength?: number): Buffer {
  if (backend === "node") {
    const onHost = digestOnHost(algorithm, data);
    if (onHost !== undefined) return onHost;
  }
  const name = algorithm.xof || backend !== "node" ? null : nodeName(algorithm);
  if (name !== null) {
    const text = oneShotHash(name, data, "binary");
    const digest = Buffer.allocUnsafeSlow(text.length);
    for (let i = 0; i < text.length; i++) digest[i] = text.charCodeAt(i);
    return digest;
  }
  const engine = createEngine(algorithm, backend);
  engine.update(data);
  return engine.digest(outputLength);
}
