// Bun.CryptoHasher, the static hashers and Bun.sha in process: published test
// vectors, the laws of streaming (any split of the data gives the digest of the
// whole; a copy goes its own way), HMAC against node:crypto's own createHmac,
// the @noble/hashes fallbacks against OpenSSL, and Bun's rules for outputs and
// misuse. (Exactness against real Bun: crypto-hasher.differential.test.ts.)
import { createHmac, getHashes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CryptoHasher, MD4, MD5, SHA1, SHA224, SHA256, SHA384, SHA512, SHA512_256, file, sha } from "../src/index.ts";
import { algorithmNamed, algorithmNames, type AlgorithmName } from "../src/internal/crypto/algorithms.ts";
import { createEngine, type Backend } from "../src/internal/crypto/engines.ts";
import { createHmacEngine } from "../src/internal/crypto/hmac-engine.ts";

const algorithms = CryptoHasher.algorithms;
const hmacAlgorithms = algorithms.filter((name) => !["blake2s256", "shake128", "shake256"].includes(name));

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

// Digests of "abc": FIPS 180-4 / FIPS 202 / RFC 1320 / RFC 1321 / RFC 7693 / the
// RIPEMD-160 paper, as real Bun 1.4.5 also gives them (SHAKE at Bun's 16/32 bytes).
const abc: Record<AlgorithmName, string> = {
  blake2b256: "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
  blake2b512: "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
  blake2s256: "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
  md4: "a448017aaf21d8525fc10ae87aa6729d",
  md5: "900150983cd24fb0d6963f7d28e17f72",
  ripemd160: "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
  sha1: "a9993e364706816aba3e25717850c26c9cd0d89d",
  sha224: "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
  sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  sha384: "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
  sha512: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
  "sha512-224": "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa",
  "sha512-256": "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
  "sha3-224": "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf",
  "sha3-256": "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
  "sha3-384": "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25",
  "sha3-512": "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
  shake128: "5881092dd818bf5cf8a3ddb793fbcba7",
  shake256: "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739",
};

/** Splits `bytes` at the given cut points (any numbers; taken modulo the length, sorted). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => (bytes.length === 0 ? 0 : cut % (bytes.length + 1))))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

const message = fc.oneof({ weight: 4, arbitrary: fc.uint8Array({ maxLength: 600 }) }, { weight: 1, arbitrary: fc.uint8Array({ minLength: 4000, maxLength: 12_000 }) });
const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe("CryptoHasher", () => {
  it("lists Bun 1.4.5's nineteen algorithms, in Bun's order, a new array each time", () => {
    expect(algorithms).toEqual(Object.keys(abc));
    expect(CryptoHasher.algorithms).not.toBe(CryptoHasher.algorithms);
  });

  it.each(Object.entries(abc))("%s gives the published digest of 'abc', by every route", (name, expected) => {
    const algorithm = name as AlgorithmName;
    expect(new CryptoHasher(algorithm).update("abc").digest("hex")).toBe(expected);
    expect(new CryptoHasher(algorithm).update("a").update(new Uint8Array([0x62])).update(Buffer.from("c")).digest("hex")).toBe(expected);
    expect(CryptoHasher.hash(algorithm, "abc", "hex")).toBe(expected);
    expect(hex(CryptoHasher.hash(algorithm, new TextEncoder().encode("abc")))).toBe(expected);
    const hasher = new CryptoHasher(algorithm);
    expect([hasher.algorithm, hasher.byteLength]).toEqual([algorithm, expected.length / 2]);
  });

  it("computes MD4 to RFC 1320's test suite, in node:crypto's absence too", () => {
    const suite: [string, string][] = [
      ["", "31d6cfe0d16ae931b73c59d7e0c089c0"],
      ["a", "bde52cb31de33e46245e05fbdbd6fb24"],
      ["message digest", "d9130a8164549fe818874806e1c7014b"],
      ["abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"],
      ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4"],
      ["12345678901234567890123456789012345678901234567890123456789012345678901234567890", "e33b4ddc9c38f2199c3e7b164fcc0536"],
    ];
    for (const [text, expected] of suite) {
      expect(MD4.hash(text, "hex")).toBe(expected);
      const engine = createEngine(algorithmNamed("md4"), "noble");
      engine.update(text);
      expect(engine.digest().toString("hex")).toBe(expected);
    }
  });

  it("HMACs to RFC 2202 and RFC 4231 (test case 2: key 'Jefe')", () => {
    const data = "what do ya want for nothing?";
    const hmac = (algorithm: AlgorithmName): string => new CryptoHasher(algorithm, "Jefe").update(data).digest("hex");
    expect(hmac("md5")).toBe("750c783e6ab0b503eaa86e310a5db738");
    expect(hmac("sha1")).toBe("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    expect(hmac("sha224")).toBe("a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
    expect(hmac("sha256")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    expect(hmac("sha512")).toBe(
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    );
  });

  it("streams: any split of the data gives the digest of the whole, for every algorithm", () => {
    fc.assert(
      fc.property(fc.constantFrom(...algorithms), message, cuts, (algorithm, bytes, at) => {
        const hasher = new CryptoHasher(algorithm);
        for (const piece of split(bytes, at)) hasher.update(piece);
        expect(hasher.digest("hex")).toBe(CryptoHasher.hash(algorithm, bytes, "hex"));
      }),
      { numRuns: 400 },
    );
  });

  it("streams as an HMAC the same way, and matches node:crypto's createHmac wherever Node has the digest", () => {
    const nodeHashes = new Set(getHashes());
    const key = fc.uint8Array({ maxLength: 300 });
    fc.assert(
      fc.property(fc.constantFrom(...hmacAlgorithms), key, message, cuts, (algorithm, secret, bytes, at) => {
        const whole = new CryptoHasher(algorithm, secret).update(bytes).digest("hex");
        const streamed = new CryptoHasher(algorithm, secret);
        for (const piece of split(bytes, at)) streamed.update(piece);
        expect(streamed.digest("hex")).toBe(whole);
        if (nodeHashes.has(algorithm)) expect(whole).toBe(createHmac(algorithm, secret).update(bytes).digest("hex"));
      }),
      { numRuns: 300 },
    );
  });

  it("copies: a copy and its original go on independently", () => {
    fc.assert(
      fc.property(fc.constantFrom(...algorithms), fc.boolean(), message, message, message, (algorithm, keyed, start, left, right) => {
        const make = (): InstanceType<typeof CryptoHasher> => (keyed && hmacAlgorithms.includes(algorithm) ? new CryptoHasher(algorithm, "key") : new CryptoHasher(algorithm));
        const original = make().update(start);
        const copy = original.copy();
        original.update(left);
        copy.update(right);
        expect(original.digest("hex")).toBe(make().update(start).update(left).digest("hex"));
        expect(copy.digest("hex")).toBe(make().update(start).update(right).digest("hex"));
      }),
      { numRuns: 200 },
    );
  });

  it("hashes the bytes as they were at update(), though the caller changes them before digest()", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const expected = CryptoHasher.hash("sha256", bytes, "hex");
    const hasher = new CryptoHasher("sha256").update(bytes);
    const copy = hasher.copy();
    bytes.fill(9);
    expect(hasher.digest("hex")).toBe(expected);
    expect(copy.digest("hex")).toBe(expected);
  });

  it("starts over after a digest; an HMAC is used up", () => {
    const hasher = new CryptoHasher("sha1").update("abc");
    expect(hasher.digest("hex")).toBe(abc.sha1);
    expect(hasher.digest("hex")).toBe("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    const hmac = new CryptoHasher("sha1", "k").update("abc");
    hmac.digest();
    expect(() => hmac.digest()).toThrow("HMAC has been consumed and is no longer usable");
    expect(() => hmac.update("x")).toThrow("HMAC has been consumed and is no longer usable");
    expect(() => hmac.byteLength).toThrow("HMAC has been consumed and is no longer usable");
  });

  it("returns a Buffer with memory of its own, a string in any of Bun's encodings, or the target it was given", () => {
    const digest = new CryptoHasher("md5").update("abc").digest();
    expect(Buffer.isBuffer(digest)).toBe(true);
    expect(digest.buffer.byteLength).toBe(16);
    expect(new CryptoHasher("md5").update("abc").digest("base64url")).toBe("kAFQmDzST7DWlj99KOF_cg");
    const target = new Uint8Array(70).fill(1);
    expect(new CryptoHasher("md5").update("abc").digest(target)).toBe(target);
    expect(hex(target)).toBe(abc.md5 + "01".repeat(54));
    // Bun wants room for its largest digest (64 bytes), whatever the algorithm.
    expect(() => new CryptoHasher("md5").digest(new Uint8Array(32))).toThrow("TypedArray must be at least 64 bytes");
    expect(() => new CryptoHasher("md5").digest("utf-16le" as never)).toThrow("Unknown encoding: utf-16le");
  });

  it("squeezes SHAKE into the whole target, as Bun does", () => {
    const target = new Uint8Array(100);
    new CryptoHasher("shake128").update("abc").digest(target);
    const engine = createEngine(algorithmNamed("shake128"), "noble");
    engine.update("abc");
    expect(hex(target)).toBe(engine.digest(100).toString("hex"));
    expect(hex(target).startsWith(abc.shake128)).toBe(true);
  });

  it("takes every input kind Bun takes, and Bun's string encodings", () => {
    const expected = abc.sha256;
    const bytes = new TextEncoder().encode("abc");
    const shared = new SharedArrayBuffer(3);
    new Uint8Array(shared).set(bytes);
    for (const input of [bytes, Buffer.from(bytes), bytes.buffer, shared, new DataView(bytes.buffer), new Blob(["ab", "c"]), new String("abc")]) {
      expect(new CryptoHasher("sha256").update(input as never).digest("hex")).toBe(expected);
    }
    expect(new CryptoHasher("sha256").update("616263", "hex").digest("hex")).toBe(expected);
    expect(new CryptoHasher("sha256").update("YWJj", "base64").digest("hex")).toBe(expected);
    expect(() => new CryptoHasher("sha256").update("616", "hex")).toThrow("The argument 'encoding' is invalid for data of length 3. Received 'hex'");
    expect(() => new CryptoHasher("sha256").update(5 as never)).toThrow("input must be a string, ArrayBuffer, ArrayBufferView or Blob");
    expect(() => new CryptoHasher("sha256").update(file("/etc/hostname"))).toThrow("File blob cannot be used here");
  });

  it("knows Bun's aliases, and says what it does not know as Bun does", () => {
    expect(new CryptoHasher("SHA-512/256" as never).algorithm).toBe("sha512-256");
    expect(new CryptoHasher("rmd160" as never).algorithm).toBe("ripemd160");
    expect(() => new CryptoHasher("sha257" as never)).toThrow("Unsupported algorithm sha257");
    expect(() => CryptoHasher.hash("sha257" as never, "")).toThrow('Unsupported algorithm "sha257"');
    expect(() => new CryptoHasher("shake128", "k")).toThrow(expect.objectContaining({ name: "TODOError" }));
    expect(() => (CryptoHasher as unknown as () => void)()).toThrow(expect.objectContaining({ code: "ERR_ILLEGAL_CONSTRUCTOR" }));
  });
});

describe("HMAC and fallback engines", () => {
  const backends: Backend[] = ["node", "noble"];

  it("computes every algorithm alike on node:crypto and on @noble/hashes (the fallbacks), copies included", () => {
    fc.assert(
      fc.property(fc.constantFrom(...algorithmNames()), message, cuts, (name, bytes, at) => {
        const algorithm = algorithmNamed(name);
        const [viaNode, viaNoble] = backends.map((backend) => {
          const engine = createEngine(algorithm, backend);
          const pieces = split(bytes, at);
          engine.update(pieces[0]!);
          const copy = engine.copy();
          for (const piece of pieces.slice(1)) engine.update(piece);
          return [engine.digest().toString("hex"), copy.digest().toString("hex")];
        });
        expect(viaNoble).toEqual(viaNode);
      }),
      { numRuns: 300 },
    );
  });

  it("builds the same HMAC on either backend", () => {
    fc.assert(
      fc.property(fc.constantFrom(...hmacAlgorithms), fc.uint8Array({ maxLength: 300 }), message, (name, key, bytes) => {
        const [viaNode, viaNoble] = backends.map((backend) => {
          const engine = createHmacEngine(algorithmNamed(name), key, backend);
          engine.update(bytes);
          return engine.digest().toString("hex");
        });
        expect(viaNoble).toBe(viaNode);
      }),
      { numRuns: 150 },
    );
  });
});

describe("MD4 … SHA512_256 and sha", () => {
  const classes = { MD4, MD5, SHA1, SHA224, SHA256, SHA384, SHA512, SHA512_256 } as const;
  const algorithmOf: Record<keyof typeof classes, AlgorithmName> = {
    MD4: "md4",
    MD5: "md5",
    SHA1: "sha1",
    SHA224: "sha224",
    SHA256: "sha256",
    SHA384: "sha384",
    SHA512: "sha512",
    SHA512_256: "sha512-256",
  };

  it.each(Object.keys(classes) as (keyof typeof classes)[])("%s hashes as CryptoHasher does, Uint8Array by default, once per instance", (name) => {
    const Hasher = classes[name];
    const expected = abc[algorithmOf[name]];
    expect(Hasher.byteLength).toBe(expected.length / 2);
    const result = Hasher.hash("abc");
    expect(result).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(result)).toBe(false);
    expect(hex(result as Uint8Array)).toBe(expected);
    expect(Buffer.isBuffer(Hasher.hash("abc", "buffer" as never))).toBe(true);
    const hasher = new Hasher().update("ab").update(new Uint8Array([0x63]));
    expect(hasher.byteLength).toBe(expected.length / 2);
    expect(hasher.digest("hex")).toBe(expected);
    expect(() => hasher.digest()).toThrow(`${name} hasher already digested, create a new instance to digest again`);
    expect(() => hasher.update("x")).toThrow(`${name} hasher already digested, create a new instance to update`);
  });

  it("sha is SHA-512/256, as SHA512_256.hash", () => {
    fc.assert(
      fc.property(message, (bytes) => {
        expect(hex(sha(bytes) as Uint8Array)).toBe(hex(SHA512_256.hash(bytes) as Uint8Array));
        expect(sha(bytes, "hex")).toBe(CryptoHasher.hash("sha512-256", bytes, "hex"));
      }),
      { numRuns: 100 },
    );
    expect(() => sha("abc", new Uint8Array(31))).toThrow("TypedArray must be at least 32 bytes");
  });
});
