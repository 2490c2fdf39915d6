// Bun.MD4, MD5, SHA1, SHA224, SHA256, SHA384, SHA512 and SHA512_256: one
// algorithm each, one digest per instance, Uint8Array results by default.
import { algorithmNamed, type Algorithm, type AlgorithmName } from "./algorithms.ts";
import { bunClass } from "./bun-class.ts";
import { digestOnce } from "./engines.ts";
import { alreadyDigested, invalidGetterThis, invalidThis } from "./errors.ts";
import { toHashData } from "./input.ts";
import { asUint8Array, checkRoom, digestEncoding, encodeDigest, outputRequest, writeDigest, type OutputRequest } from "./output.ts";
import { RunningDigest } from "./running-digest.ts";

/** What a static hasher class offers at run time (Bun's `CryptoHashInterface`). */
export interface StaticHasher {
  new (): StaticHasherInstance;
  readonly byteLength: number;
  hash(input: unknown, output?: unknown): unknown;
}

interface StaticHasherInstance {
  readonly byteLength: number;
  update(input: unknown): StaticHasherInstance;
  digest(output?: unknown): unknown;
}

/** Bun's checks of an output request beyond its type: a known encoding, a target with room. */
function checkRequest(request: OutputRequest, byteLength: number): void {
  if (typeof request === "string") digestEncoding(request);
  else if (request !== undefined) checkRoom(request, byteLength);
}

/** The digest as the static hashers give it: a Uint8Array by default, a Buffer for "buffer". */
function deliver(request: OutputRequest, digest: Buffer): unknown {
  if (request === undefined) return asUint8Array(digest);
  if (typeof request === "string") return encodeDigest(digest, digestEncoding(request));
  return writeDigest(request, digest);
}

/** The static `hash(input, output?)` of a static hasher (and `Bun.sha`). */
export function staticHash(algorithm: Algorithm, input: unknown, output: unknown): unknown {
  const data = toHashData(input);
  const request = outputRequest(output, false);
  checkRequest(request, algorithm.byteLength);
  return deliver(request, digestOnce(algorithm, data));
}

/** The class Bun exposes as `Bun[className]`, hashing with `algorithmName`. */
export function staticHasher(className: string, algorithmName: AlgorithmName): StaticHasher {
  const algorithm = algorithmNamed(algorithmName);

  class Hasher {
    #running = new RunningDigest(algorithm);
    #digested = false;

    static #is(value: unknown): value is Hasher {
      return ((typeof value === "object" && value !== null) || typeof value === "function") && #digested in value;
    }

    static get byteLength(): number {
      return algorithm.byteLength;
    }

    static hash(input: unknown, output?: unknown): unknown {
      return staticHash(algorithm, input, output);
    }

    get byteLength(): number {
      if (!Hasher.#is(this)) throw invalidGetterThis(className, "byteLength");
      return algorithm.byteLength;
    }

    update(input: unknown): this {
      if (!Hasher.#is(this)) throw invalidThis(className, this);
      // Bun's static hashers take no encoding: a string is always UTF-8.
      const data = toHashData(input);
      if (this.#digested) throw alreadyDigested(className, "update");
      this.#running.update(data);
      return this;
    }

    digest(output?: unknown): unknown {
      if (!Hasher.#is(this)) throw invalidThis(className, this);
      const request = outputRequest(output, true);
      if (this.#digested) throw alreadyDigested(className, "digest again");
      checkRequest(request, algorithm.byteLength);
      this.#digested = true;
      return deliver(request, this.#running.finish());
    }
  }

  return bunClass(Hasher, {
    name: className,
    members: ["byteLength", "digest", "update"],
    statics: ["byteLength", "hash"],
    lengths: { static: { hash: 2 }, prototype: { digest: 0 } },
  }) as unknown as StaticHasher;
}
