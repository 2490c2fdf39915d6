import { CryptoHasherClass } from "./internal/crypto/crypto-hasher.ts";

type BunCryptoHasher = typeof import("bun").CryptoHasher;

/**
 * `Bun.CryptoHasher`: every digest in `CryptoHasher.algorithms` (BLAKE2,
 * MD4/MD5, RIPEMD-160, SHA-1, SHA-2, SHA-3, SHAKE), under Bun's names and
 * aliases, plain or as an HMAC (`new CryptoHasher(algorithm, key)`).
 * `update(data, encoding?)`, `digest(encoding | hashInto?)` (a Buffer by
 * default; a plain hasher starts over, an HMAC is used up), `copy()`,
 * `byteLength`, `algorithm`, static `hash(algorithm, data, encoding | hashInto?)`.
 * Results and errors are Bun's. node:crypto computes what its OpenSSL has;
 * @noble/hashes the rest (MD4, BLAKE2b-256). A hasher given one chunk is
 * digested in one call to node:crypto's `hash()`, without a Hash object.
 *
 * @example
 * ```ts
 * import { CryptoHasher } from "@dx-compat/bun";
 * new CryptoHasher("sha256").update("hello").digest("hex");
 * new CryptoHasher("sha256", "secret key").update("message").digest("base64url");
 * CryptoHasher.hash("blake2b256", new Uint8Array([1, 2, 3]));
 * ```
 */
export const CryptoHasher: BunCryptoHasher = CryptoHasherClass as unknown as BunCryptoHasher;
