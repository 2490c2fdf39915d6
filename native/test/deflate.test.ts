// The addon's parallel deflate (pigz's scheme over the zlib Node links):
// whatever the input, the blocks join into one stream that node:zlib inflates
// back to the input, the gzip member carries the right CRC-32 and length,
// the bytes depend only on input and settings, and zlib's refusals come back
// as its codes. The facade is checked on whichever backend this run uses (on
// the twin there is no host deflate).
import fc from "fast-check";
import process from "node:process";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFLATE_BLOCK, hostDeflate } from "../src/index.ts";
import { loadNative } from "../src/internal/loader.ts";

// Always the addon here, whatever DX_COMPAT_NATIVE says.
const native = loadNative({ DX_COMPAT_NATIVE: "1" }).binding!;
const onTwin = process.env.DX_COMPAT_NATIVE === "0";
const header = zlib.gzipSync(new Uint8Array(0)).subarray(0, 10);

/** Compressible bytes: NDJSON-like lines from a seed, `size` long. */
function lines(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  let at = 0;
  while (at < size) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const line = new TextEncoder().encode(`{"id":${x % 100000},"user":"u${x % 977}","ok":${(x & 1) === 1}}\n`);
    out.set(line.subarray(0, size - at), at);
    at += line.length;
  }
  return out;
}

describe("deflate (parallel blocks)", () => {
  it("round-trips through node:zlib at block boundaries, raw and as a gzip member", () => {
    for (const size of [0, 1, DEFLATE_BLOCK - 1, DEFLATE_BLOCK, DEFLATE_BLOCK + 1, 3 * DEFLATE_BLOCK + 12345]) {
      const input = lines(size + 1, size);
      for (const level of [1, 6, 9]) {
        const raw = native.deflate(input, level, 8, 0, null) as Buffer;
        expect(Buffer.compare(zlib.inflateRawSync(raw), input), `raw, ${size} bytes, level ${level}`).toBe(0);
        const member = native.deflate(input, level, 8, 0, header) as Buffer;
        expect(member.subarray(0, 10)).toEqual(Buffer.from(header));
        expect(member.readUInt32LE(member.length - 8)).toBe(zlib.crc32(input));
        expect(member.readUInt32LE(member.length - 4)).toBe(size);
        // gunzipSync also checks the trailer, and that nothing follows the member.
        expect(Buffer.compare(zlib.gunzipSync(member), input), `gzip, ${size} bytes, level ${level}`).toBe(0);
      }
    }
  });

  it("gives the same bytes every time, a few bytes per block more than one zlib stream", () => {
    const input = lines(7, 4 * DEFLATE_BLOCK);
    const first = native.deflate(input, 6, 8, 0, null) as Buffer;
    expect(Buffer.compare(first, native.deflate(input, 6, 8, 0, null) as Buffer)).toBe(0);
    const single = zlib.deflateRawSync(input, { level: 6 });
    expect(first.length - single.length).toBeGreaterThan(0);
    expect(first.length - single.length).toBeLessThan(4 * 64);
    // One block is one zlib stream.
    const small = lines(8, 1000);
    expect(Buffer.compare(native.deflate(small, 6, 8, 0, null) as Buffer, zlib.deflateRawSync(small, { level: 6 }))).toBe(0);
  });

  it("round-trips random bytes across random block boundaries at every level, memLevel and strategy (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 * DEFLATE_BLOCK + 4096 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        (size, level, memLevel, strategy, random) => {
          const input = random ? new Uint8Array(size).map((_, i) => (i * 2654435761) >>> 24) : lines(size, size);
          const raw = native.deflate(input, level, memLevel, strategy, null) as Buffer;
          expect(Buffer.compare(zlib.inflateRawSync(raw), input)).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("returns zlib's code for settings it refuses", () => {
    const Z_STREAM_ERROR = -2;
    expect(native.deflate(new Uint8Array(10), 10, 8, 0, null)).toBe(Z_STREAM_ERROR);
    expect(native.deflate(new Uint8Array(10), 6, 0, 0, null)).toBe(Z_STREAM_ERROR);
    expect(native.deflate(new Uint8Array(10), 6, 8, 5, null)).toBe(Z_STREAM_ERROR);
  });

  it("is offered by the facade on the addon, and not on the twin", () => {
    const deflate = hostDeflate();
    if (onTwin) return expect(deflate).toBeUndefined();
    const input = lines(3, 2 * DEFLATE_BLOCK + 1);
    const member = deflate?.(input, { level: 6, memLevel: 8, strategy: 0 }, header) as Buffer;
    expect(Buffer.compare(zlib.gunzipSync(member), input)).toBe(0);
  });
});
