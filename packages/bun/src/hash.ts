import { readBlobSync } from "./internal/blob-sync.ts";
import { hashFunctions, type HashAlgorithm, type HashInput } from "@dx-compat/native";
import { isAnyArrayBuffer } from "node:util/types";
import { invalidArgType } from "./internal/errors.ts";

type BunHash = typeof import("bun").hash;

/**
 * Bun's input rules: strings and byte views as they are, buffers viewed as
 * bytes; `undefined`/`null` rejected; anything else hashed as its string form
 * (so `Bun.hash(123)` is `Bun.hash("123")`).
 */
function toInput(data: unknown): HashInput {
  if (typeof data === "string") return data;
  if (ArrayBuffer.isView(data)) {
    if (data instanceof DataView) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return data as NodeJS.TypedArray;
  }
  if (isAnyArrayBuffer(data)) return new Uint8Array(data);
  if (data === undefined || data === null) {
    throw invalidArgType("data must be a string, ArrayBuffer, ArrayBufferView or Blob");
  }
  if (data instanceof Blob) return readBlobSync(data);
  if (typeof data === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return String(data);
}

const TWO_32 = 2 ** 32;
const TWO_64 = 2 ** 64;

// The normalised seed of the current call, as unsigned 32-bit halves.
let seedLo = 0;
let seedHi = 0;

function setSeedFromBigInt(seed: bigint): void {
  const wrapped = BigInt.asUintN(64, seed);
  seedLo = Number(wrapped & 0xffff_ffffn);
  seedHi = Number(wrapped >> 32n);
}

/**
 * Bun's seed rules (JSC's toUInt64 without truncation): a bigint wraps modulo
 * 2^64; a number is truncated toward zero and wraps likewise, except that NaN
 * and -Infinity give 0 and anything at or above 2^64 gives 2^64 - 1; any other
 * type counts as 0.
 */
function setSeed(seed: unknown): void {
  if (typeof seed === "number") {
    if (seed >= 0 && seed < TWO_32) {
      seedLo = seed >>> 0;
      seedHi = 0;
    } else if (seed >= TWO_64) {
      seedLo = seedHi = 0xffff_ffff;
    } else if (seed !== seed || seed === -Infinity) {
      seedLo = seedHi = 0;
    } else {
      setSeedFromBigInt(BigInt(Math.trunc(seed)));
    }
  } else if (typeof seed === "bigint") {
    setSeedFromBigInt(seed);
  } else {
    seedLo = seedHi = 0;
  }
}

type HashCall = (input: HashInput, seedLo?: number, seedHi?: number) => number | bigint;

function hashFunction(name: string, algorithm: HashAlgorithm): (data: unknown, seed?: unknown) => number | bigint {
  // The backend (native addon or TypeScript twin) is chosen on first call.
  let compute: HashCall | undefined;
  const named = {
    [name](data: unknown, seed?: unknown): number | bigint {
      compute ??= hashFunctions()[algorithm] as HashCall;
      const input = toInput(data);
      if (seed === undefined) return compute(input);
      setSeed(seed);
      return compute(input, seedLo, seedHi);
    },
  };
  const fn = named[name]!;
  // Bun declares every hash function with length 1.
  Object.defineProperty(fn, "length", { value: 1 });
  return fn;
}

/**
 * `Bun.hash(data, seed?)`: wyhash, and the eleven other algorithms as its
 * members, with Bun 1.4.5's results for every input and seed (numbers for the
 * 32-bit hashes, bigints for the 64-bit ones). Served by the native addon of
 * `@dx-compat/native`, or by its TypeScript twin where no binary loads.
 *
 * @example
 * ```ts
 * import { hash } from "@dx-compat/bun";
 * hash("hello"); // 1019145960556548909n (wyhash, seed 0)
 * hash.crc32("hello"); // 907060870
 * hash.xxHash64("hello", 7n);
 * ```
 */
export const hash: BunHash = Object.assign(hashFunction("hash", "wyhash"), {
  wyhash: hashFunction("wyhash", "wyhash"),
  adler32: hashFunction("adler32", "adler32"),
  crc32: hashFunction("crc32", "crc32"),
  cityHash32: hashFunction("cityHash32", "cityHash32"),
  cityHash64: hashFunction("cityHash64", "cityHash64"),
  xxHash32: hashFunction("xxHash32", "xxHash32"),
  xxHash64: hashFunction("xxHash64", "xxHash64"),
  xxHash3: hashFunction("xxHash3", "xxHash3"),
  murmur32v2: hashFunction("murmur32v2", "murmur32v2"),
  murmur32v3: hashFunction("murmur32v3", "murmur32v3"),
  murmur64v2: hashFunction("murmur64v2", "murmur64v2"),
  rapidhash: hashFunction("rapidhash", "rapidhash"),
}) as BunHash;
