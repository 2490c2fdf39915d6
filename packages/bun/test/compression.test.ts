// Bun's compression functions in process: round trips at every level (fast-check),
// the formats Bun writes, the first-member rule, the errors. Exactness against real
// Bun: compression.differential.test.ts.
import { DEFLATE_BLOCK, hostDeflate } from "@dx-compat/native";
import type { ZlibCompressionOptions } from "bun";
import fc from "fast-check";
import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateSync, gunzipSync, gzipSync, inflateSync, zstdCompress, zstdCompressSync, zstdDecompress, zstdDecompressSync } from "../src/index.ts";

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.array(fc.constantFrom("ab", "abc", "hello ", "\u00ff", "0000"), { maxLength: 600 }).map((parts) => new TextEncoder().encode(parts.join(""))),
);

function thrown(run: () => unknown): { name: string; message: string; code: unknown } {
  try {
    run();
  } catch (error) {
    const { name, message, code } = error as Error & { code?: unknown };
    return { name, message, code };
  }
  throw new Error("did not throw");
}

describe("gzipSync / gunzipSync / deflateSync / inflateSync", () => {
  it("round-trips random bytes at every level, strategy and memLevel, and at every libdeflate level", () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: -1, max: 9 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 }), (data, level, strategy, memLevel) => {
        const options = { level, strategy, memLevel } as Parameters<typeof gzipSync>[1];
        expect(gunzipSync(gzipSync(data, options))).toEqual(data);
        expect(inflateSync(deflateSync(data, options))).toEqual(data);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 12 }), (data, level) => {
        const options = { library: "libdeflate", level } as Parameters<typeof gzipSync>[1];
        expect(gunzipSync(gzipSync(data, options), { library: "libdeflate" })).toEqual(data);
        expect(inflateSync(deflateSync(data, options))).toEqual(data);
      }),
      { numRuns: 150 },
    );
  });

  it("writes Bun's formats: a gzip member with Bun's header, raw DEFLATE (no zlib wrapper)", () => {
    // Bun 1.4.5: gzipSync("hello") begins 1f8b 08 00 00000000 00 03 (no mtime, OS unix), XFL 02 at level 9, 04 at level 1.
    expect(Buffer.from(gzipSync("hello").subarray(0, 10)).toString("hex")).toBe("1f8b0800000000000003");
    expect(gzipSync("hello", { level: 9 })[8]).toBe(2);
    expect(gzipSync("hello", { level: 1 })[8]).toBe(4);
    // libdeflate writes OS 255 ("unknown").
    expect(Buffer.from(gzipSync("hello", { library: "libdeflate" }).subarray(8, 10)).toString("hex")).toBe("00ff");
    const raw = deflateSync("hello hello hello");
    expect(zlib.inflateRawSync(raw).toString()).toBe("hello hello hello");
    expect(() => zlib.inflateSync(raw)).toThrow();
    // Bun's deflateSync of "hello" at the default level is these 7 bytes; zlib's raw DEFLATE of such input is too.
    expect(Buffer.from(deflateSync("hello")).toString("hex")).toBe("cb48cdc9c90700");
  });

  it("compresses large inputs in parallel blocks only where one stream's bytes differ from Bun's anyway", () => {
    const text = new TextEncoder().encode(Array.from({ length: 90_000 }, (_, i) => `{"id":${i},"user":"u${(i * 7919) % 1009}"}\n`).join(""));
    expect(text.length).toBeGreaterThan(2 * DEFLATE_BLOCK);
    const parallel = hostDeflate() !== undefined;
    const parallelSettings: ZlibCompressionOptions[] = [{}, { level: 1 }, { level: 7 }, { level: 8, strategy: 1 }, { level: 9 }, { level: 9, strategy: 1 }, { level: 4, strategy: 1 }, { level: 6, strategy: 4 }];
    for (const options of parallelSettings) {
      const packed = gzipSync(text, options);
      expect(Buffer.compare(zlib.gunzipSync(packed), Buffer.from(text)), JSON.stringify(options)).toBe(0);
      expect(Buffer.compare(gunzipSync(packed), Buffer.from(text))).toBe(0);
      const single = zlib.gzipSync(text, options);
      // The header is node:zlib's either way; the parallel body is not one stream's, but about as long.
      expect(Buffer.from(packed.subarray(0, 10))).toEqual(single.subarray(0, 10));
      expect(Buffer.compare(Buffer.from(packed), single) !== 0, JSON.stringify(options)).toBe(parallel);
      expect(Math.abs(packed.length - single.length)).toBeLessThan(single.length / 100);
      expect(Buffer.compare(Buffer.from(deflateSync(text, options)), zlib.deflateRawSync(text, options)) !== 0).toBe(parallel);
    }
    // Where the two zlib forks agree byte for byte at any size, one stream: Bun's bytes.
    const exactSettings: ZlibCompressionOptions[] = [{ level: 5, strategy: 2 }, { level: 3, strategy: 3 }, { level: 9, strategy: 2 }];
    for (const options of exactSettings) {
      expect(Buffer.compare(gzipSync(text, options), zlib.gzipSync(text, options)), JSON.stringify(options)).toBe(0);
    }
    // libdeflate's format, with zlib's (here parallel) body and libdeflate's header.
    const libdeflate = gzipSync(text, { library: "libdeflate", level: 11 });
    expect([libdeflate[8], libdeflate[9]]).toEqual([2, 255]);
    expect(Buffer.compare(zlib.gunzipSync(libdeflate), Buffer.from(text))).toBe(0);
    expect(Buffer.compare(gunzipSync(libdeflate, { library: "libdeflate" }), Buffer.from(text))).toBe(0);
    // Below two blocks, one stream.
    const small = text.subarray(0, 2 * DEFLATE_BLOCK - 1);
    expect(Buffer.compare(gzipSync(small), zlib.gzipSync(small))).toBe(0);
  });

  it("returns plain Uint8Arrays that own exactly their bytes, for every input kind", () => {
    const text = "compress me ".repeat(500);
    const expected = gunzipSync(gzipSync(text));
    for (const input of [text, new String(text), Buffer.from(text), new TextEncoder().encode(text).buffer, new DataView(new TextEncoder().encode(text).buffer)]) {
      const packed = gzipSync(input as string);
      expect(Buffer.isBuffer(packed)).toBe(false);
      expect(packed.constructor).toBe(Uint8Array);
      expect([packed.byteOffset, packed.buffer.byteLength]).toEqual([0, packed.byteLength]);
      expect(gunzipSync(packed)).toEqual(expected);
    }
    const shared = new SharedArrayBuffer(3);
    new Uint8Array(shared).set([1, 2, 3]);
    expect(inflateSync(deflateSync(shared as never))).toEqual(new Uint8Array([1, 2, 3]));
    expect(inflateSync(deflateSync(new Uint16Array([0x0201]) as never))).toEqual(new Uint8Array([1, 2]));
  });

  it("gunzips only the first member and ignores what follows it, as Bun's zlib does", () => {
    const first = zlib.gzipSync("first");
    expect(Buffer.from(gunzipSync(Buffer.concat([first, zlib.gzipSync("second")]))).toString()).toBe("first");
    expect(Buffer.from(gunzipSync(Buffer.concat([first, Buffer.from([1, 2, 3])]))).toString()).toBe("first");
    expect(Buffer.from(inflateSync(Buffer.concat([zlib.deflateRawSync("raw"), Buffer.from("junk")]))).toString()).toBe("raw");
  });

  it("reads the wrapper windowBits asks for", () => {
    const wrapped = zlib.deflateSync("zlib data");
    expect(Buffer.from(inflateSync(wrapped, { windowBits: 15 })).toString()).toBe("zlib data");
    expect(Buffer.from(gunzipSync(wrapped, { windowBits: 47 as 31 })).toString()).toBe("zlib data");
    expect(Buffer.from(inflateSync(zlib.gzipSync("gz"), { windowBits: 31 })).toString()).toBe("gz");
    expect(thrown(() => inflateSync(wrapped, { windowBits: 7 as 9 }))).toEqual({ name: "Error", message: "Zlib error: Invalid argument", code: undefined });
  });

  it("reports corrupt and truncated input with zlib's messages in a plain Error", () => {
    const gz = zlib.gzipSync("some text some text");
    const badCrc = Buffer.from(gz);
    badCrc[gz.length - 8]! ^= 1;
    expect(thrown(() => gunzipSync(Buffer.from("plain text")))).toEqual({ name: "Error", message: "incorrect header check", code: undefined });
    expect(thrown(() => gunzipSync(badCrc)).message).toBe("incorrect data check");
    expect(thrown(() => gunzipSync(gz.subarray(0, gz.length - 2))).message).toBe("Zlib returned an error");
    expect(thrown(() => inflateSync(new Uint8Array([0xff, 0xff]))).message).toBe("invalid block type");
    expect(thrown(() => gunzipSync(badCrc, { library: "libdeflate" })).message).toBe("libdeflate returned an error: bad data");
  });

  it("validates options as Bun does", () => {
    expect(thrown(() => gzipSync("x", { level: 10 as 9 }))).toEqual({ name: "Error", message: "Zlib error: Invalid argument", code: undefined });
    expect(thrown(() => gzipSync("x", { memLevel: 0 as 1 }))).toEqual({
      name: "RangeError",
      message: 'The value of "ZlibCompressionOptions.memLevel" is out of range. It must be >= 1 && <= 9. Received 0',
      code: "ERR_OUT_OF_RANGE",
    });
    expect(thrown(() => gzipSync("x", { strategy: "1" as never })).message).toBe(
      "The \"ZlibCompressionOptions.strategy\" property must be of type number. Received type string ('1')",
    );
    expect(thrown(() => deflateSync("x", { library: "brotli" as never })).message).toBe("Expected library to be one of 'zlib' or 'libdeflate'");
    expect(thrown(() => gzipSync("x", 5 as never)).message).toBe("ZlibCompressionOptions must be an object");
    expect(thrown(() => gzipSync(5 as never)).message).toBe("data must be a string, ArrayBuffer or ArrayBufferView");
    expect(thrown(() => gzipSync(new Blob(["x"]) as never)).code).toBe("ERR_INVALID_ARG_TYPE");
  });

  it("has Bun's names and lengths", () => {
    for (const [fn, name] of [
      [gzipSync, "gzipSync"],
      [gunzipSync, "gunzipSync"],
      [deflateSync, "deflateSync"],
      [inflateSync, "inflateSync"],
      [zstdCompressSync, "zstdCompressSync"],
      [zstdDecompressSync, "zstdDecompressSync"],
      [zstdCompress, "zstdCompress"],
      [zstdDecompress, "zstdDecompress"],
    ] as const) {
      expect([fn.name, fn.length]).toEqual([name, 1]);
    }
  });
});

describe("zstd", () => {
  it("round-trips random bytes at every level, sync and async", async () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 22 }), (data, level) => {
        expect(new Uint8Array(zstdDecompressSync(zstdCompressSync(data, { level })))).toEqual(data);
      }),
      { numRuns: 120 },
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.integer({ min: 1, max: 19 }), async (data, level) => {
        expect(new Uint8Array(await zstdDecompress(await zstdCompress(data, { level })))).toEqual(data);
      }),
      { numRuns: 40 },
    );
  });

  it("writes Bun's frame: content size recorded, no checksum, returned as a Buffer", () => {
    // Bun 1.4.5: zstdCompressSync("hello") is 28b52ffd 20 05 29000068656c6c6f.
    const frame = zstdCompressSync("hello");
    expect(Buffer.isBuffer(frame)).toBe(true);
    expect(frame.toString("hex")).toBe("28b52ffd200529000068656c6c6f");
  });

  it("decodes every frame, and an empty input to an empty Buffer", () => {
    const frame = zstdCompressSync("ab");
    expect(zstdDecompressSync(Buffer.concat([frame, frame])).toString()).toBe("abab");
    expect(zstdDecompressSync(new Uint8Array(0))).toEqual(Buffer.alloc(0));
  });

  it("reports bad input with Bun's ERR_ZSTD errors", async () => {
    expect(thrown(() => zstdDecompressSync(Buffer.from("not zstd")))).toEqual({
      name: "Error",
      message: "Decompression failed: InvalidZstdData",
      code: "ERR_ZSTD",
    });
    await expect(zstdDecompress(Buffer.from("not zstd"))).rejects.toMatchObject({ code: "ERR_ZSTD" });
    expect(thrown(() => zstdCompressSync("x", { level: 0 })).message).toBe("Compression level must be between 1 and 22");
    // Invalid arguments throw before any promise exists.
    expect(() => zstdCompress(5 as never)).toThrow("data must be a string, ArrayBuffer or ArrayBufferView");
  });

  it("does not block the event loop while compressing asynchronously", async () => {
    const big = new Uint8Array(8 << 20).map((_, i) => (i * 7919) & 0xff);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await zstdCompress(big, { level: 19 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
