// Bun.CryptoHasher: every digest Bun lists, plain or as an HMAC.
import { isAnyArrayBuffer } from "node:util/types";
import { invalidArgType } from "../errors.ts";
import { algorithmNames, findAlgorithm, type Algorithm, type AlgorithmName } from "./algorithms.ts";
import { bunClass } from "./bun-class.ts";
import { digestOnce, type Engine } from "./engines.ts";
import { hmacConsumed, hmacUnsupported, invalidGetterThis, invalidThis } from "./errors.ts";
import { createHmacEngine } from "./hmac-engine.ts";
import { bytesOf, stringValue, toHashData } from "./input.ts";
import { checkRoom, digestEncoding, encodeDigest, outputRequest, writeDigest, type DigestEncoding, type OutputRequest } from "./output.ts";
import { RunningDigest } from "./running-digest.ts";

// Bun checks a digest target against BoringSSL's largest digest (EVP_MAX_MD_SIZE),
// whatever the algorithm: 64 bytes of room even for MD5.
const digestTargetRoom = 64;

// Passed as the algorithm by copy(): builds an instance without the checks.
const copying = Symbol("copying");

function hmacKeyBytes(key: unknown): Uint8Array {
  const text = stringValue(key);
  if (text !== undefined) return Buffer.from(text, "utf8");
  if (ArrayBuffer.isView(key) || isAnyArrayBuffer(key)) return bytesOf(key);
  throw invalidArgType("hmacKey must be a string, ArrayBuffer or ArrayBufferView");
}

function unknownHmacAlgorithm(): Error {
  const names = algorithmNames().map((name) => `'${name}'`);
  const last = names.pop()!;
  return invalidArgType(`algorithm must be one of ${names.join(", ")} or ${last}`);
}

/** The digest as `request` asks for it (the request already checked). */
function deliver(request: OutputRequest, encoding: DigestEncoding | undefined, digest: Buffer): unknown {
  if (request === undefined) return digest;
  if (typeof request === "string") return encodeDigest(digest, encoding!);
  return writeDigest(request, digest);
}

class CryptoHasherImpl {
  #algorithm: Algorithm;
  /** The plain digest's state; undefined for an HMAC. */
  #running: RunningDigest | undefined;
  /** The HMAC's state; undefined when not an HMAC, or once digested (Bun's HMAC is then consumed). */
  #hmac: Engine | undefined;
  #isHmac: boolean;

  constructor(algorithm: unknown, hmacKey?: unknown) {
    if (algorithm === copying) {
      // copy() fills the fields in.
      this.#algorithm = undefined as never;
      this.#isHmac = false;
      return;
    }
    const name = stringValue(algorithm);
    if (name === undefined) throw invalidArgType("algorithm must be a string");
    const key = hmacKey === undefined || hmacKey === null ? undefined : hmacKeyBytes(hmacKey);
    if (name === "") throw invalidArgType("Invalid algorithm name");
    const found = findAlgorithm(name);
    if (key === undefined) {
      if (found === undefined) throw invalidArgType(`Unsupported algorithm ${name}`);
      this.#algorithm = found;
      this.#running = new RunningDigest(found);
      this.#isHmac = false;
    } else {
      if (found === undefined) throw unknownHmacAlgorithm();
      if (!found.hmac) throw hmacUnsupported();
      this.#algorithm = found;
      this.#hmac = createHmacEngine(found, key);
      this.#isHmac = true;
    }
  }

  /** Bun's digest names, in its order (a new array each time). */
  static get algorithms(): AlgorithmName[] {
    return algorithmNames();
  }

  /** `algorithm`'s digest of `input`, as a Buffer, a string in `encoding`, or written into `hashInto`. */
  static hash(algorithm: unknown, input: unknown, output?: unknown): unknown {
    if (typeof algorithm !== "string") throw invalidArgType("algorithm must be a string");
    const data = toHashData(input);
    const request = outputRequest(output, false);
    const found = findAlgorithm(algorithm);
    if (found === undefined) throw invalidArgType(`Unsupported algorithm "${algorithm}"`);
    const encoding = typeof request === "string" ? digestEncoding(request) : undefined;
    if (request !== undefined && typeof request !== "string") checkRoom(request, found.byteLength);
    return deliver(request, encoding, digestOnce(found, data));
  }

  get algorithm(): AlgorithmName {
    if (!CryptoHasherImpl.#is(this)) throw invalidGetterThis("CryptoHasher", "algorithm");
    this.#throwIfConsumed();
    return this.#algorithm.name;
  }

  get byteLength(): number {
    if (!CryptoHasherImpl.#is(this)) throw invalidGetterThis("CryptoHasher", "byteLength");
    this.#throwIfConsumed();
    return this.#algorithm.byteLength;
  }

  update(input: unknown, inputEncoding?: unknown): this {
    if (!CryptoHasherImpl.#is(this)) throw invalidThis("CryptoHasher", this);
    const data = toHashData(input, inputEncoding);
    if (this.#running !== undefined) {
      this.#running.update(data);
    } else {
      this.#throwIfConsumed();
      this.#hmac!.update(data);
    }
    return this;
  }

  digest(output?: unknown): unknown {
    if (!CryptoHasherImpl.#is(this)) throw invalidThis("CryptoHasher", this);
    const request = outputRequest(output, true);
    const encoding = typeof request === "string" ? digestEncoding(request) : undefined;
    if (request === undefined || typeof request === "string") return deliver(request, encoding, this.#finish());
    checkRoom(request, digestTargetRoom);
    // SHAKE squeezes as many bytes as the target holds (Bun's SHA-3 code fills the whole slice).
    const length = this.#algorithm.xof ? request.byteLength : undefined;
    return deliver(request, encoding, this.#finish(length));
  }

  copy(): CryptoHasherImpl {
    if (!CryptoHasherImpl.#is(this)) throw invalidThis("CryptoHasher", this);
    this.#throwIfConsumed();
    const copy = new CryptoHasherImpl(copying);
    copy.#algorithm = this.#algorithm;
    copy.#isHmac = this.#isHmac;
    copy.#running = this.#running?.copy();
    copy.#hmac = this.#hmac?.copy();
    return copy;
  }

  #finish(outputLength?: number): Buffer {
    if (this.#running !== undefined) return this.#running.finish(outputLength);
    this.#throwIfConsumed();
    const hmac = this.#hmac!;
    this.#hmac = undefined;
    return hmac.digest();
  }

  static #is(value: unknown): value is CryptoHasherImpl {
    return ((typeof value === "object" && value !== null) || typeof value === "function") && #isHmac in value;
  }

  #throwIfConsumed(): void {
    if (this.#isHmac && this.#hmac === undefined) throw hmacConsumed();
  }
}

/** `Bun.CryptoHasher`, with its statics; exported through `crypto-hasher.ts`. */
export const CryptoHasherClass: typeof CryptoHasherImpl = /* @__PURE__ */ bunClass(CryptoHasherImpl, {
  name: "CryptoHasher",
  members: ["algorithm", "byteLength", "copy", "digest", "update"],
  statics: ["algorithms", "hash"],
  lengths: { static: { hash: 2 }, prototype: { digest: 0 } },
});
