// Bun.hash in process: the documented examples, the shape, and what Node cannot do.
// (Exactness against real Bun: hash.differential.test.ts.)
import { describe, expect, it } from "vitest";
import { hash } from "../src/index.ts";

describe("hash", () => {
  it("gives the values its documentation shows", () => {
    expect(hash("hello")).toBe(1019145960556548909n);
    expect(hash.crc32("hello")).toBe(907060870);
    expect(hash.crc32(new Uint8Array([1, 2, 3]))).toBe(1438416925);
  });

  it("crc32's seed continues a running CRC, as zlib's crc32(seed, data)", () => {
    expect(hash.crc32("lo", hash.crc32("hel"))).toBe(hash.crc32("hello"));
  });

  it("treats a seed of every kind as Bun's toUInt64 does", () => {
    const reference = (seed: bigint): bigint => hash.xxHash64("abc", seed) as bigint;
    expect(hash.xxHash64("abc", -1 as never)).toBe(reference(2n ** 64n - 1n));
    expect(hash.xxHash64("abc", (2 ** 64) as never)).toBe(reference(2n ** 64n - 1n));
    expect(hash.xxHash64("abc", NaN as never)).toBe(reference(0n));
    expect(hash.xxHash64("abc", -Infinity as never)).toBe(reference(0n));
    expect(hash.xxHash64("abc", 1.9 as never)).toBe(reference(1n));
    expect(hash.xxHash64("abc", -(2n ** 64n) - 1n)).toBe(reference(2n ** 64n - 1n));
    expect(hash.xxHash64("abc", "5" as never)).toBe(reference(0n));
  });

  it("hashes the same bytes the same way whatever the view", () => {
    const bytes = new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0]);
    const expected = hash.murmur64v2(bytes);
    expect(hash.murmur64v2(new Uint16Array([1, 2, 3, 4]))).toBe(expected);
    expect(hash.murmur64v2(new DataView(bytes.buffer))).toBe(expected);
    expect(hash.murmur64v2(bytes.buffer)).toBe(expected);
    expect(hash.murmur64v2(Buffer.from(bytes))).toBe(expected);
  });

  it("hashes a Blob's bytes, as Bun does (read synchronously through the reader worker)", () => {
    expect(hash(new Blob(["ab", "c"]) as never)).toBe(hash("abc"));
    expect(hash.crc32(new Blob([]) as never)).toBe(hash.crc32(""));
    const bytes = new Uint8Array(100_000).map((_, i) => i * 7);
    expect(hash.xxHash3(new Blob([bytes]) as never)).toBe(hash.xxHash3(bytes));
  });

  it("has Bun's names and lengths", () => {
    expect([hash.name, hash.length, hash.wyhash.name, hash.rapidhash.length]).toEqual(["hash", 1, "wyhash", 1]);
  });
});
