// The addon's inflate (the zlib Node links, found at run time) against
// node:zlib's, which drives the same zlib: fast-check feeds both the same
// streams, intact, cut short, corrupted or followed by other bytes, with
// every windowBits, and the outcomes must agree: the bytes, how much input the
// stream took, the CRC-32, zlib's message for corrupt data, and "cut short"
// where node:zlib reports Z_BUF_ERROR. The facade is checked on whichever
// backend this run uses (on the twin there is no host inflate).
import fc from "fast-check";
import process from "node:process";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { hostInflate } from "../src/index.ts";
import type { InflateOutcome } from "../src/internal/binding.ts";
import { loadNative } from "../src/internal/loader.ts";
import { twinBinding } from "../src/internal/twin/index.ts";

// Always the addon here, whatever DX_COMPAT_NATIVE says.
const native = loadNative({ DX_COMPAT_NATIVE: "1" }).binding!;
const onTwin = process.env.DX_COMPAT_NATIVE === "0";

type Outcome = { bytes: string; consumed: number; crc32?: number } | { message: string } | { code: string };

/** node:zlib's outcome, in the terms the addon reports (zlib's message, or the code). */
function byNode(input: Uint8Array, windowBits: number, chunkSize: number): Outcome {
  try {
    const options = { windowBits: Math.abs(windowBits), chunkSize, info: true };
    const run = windowBits < 0 ? zlib.inflateRawSync : zlib.inflateSync;
    const { buffer, engine } = run(input, options) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return { bytes: buffer.toString("hex"), consumed: engine.bytesWritten, crc32: zlib.crc32(buffer) };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return code === "Z_DATA_ERROR" ? { message } : { code };
  }
}

const codes: Record<number, string> = { [-5]: "Z_BUF_ERROR", 2: "Z_NEED_DICT", [-4]: "Z_MEM_ERROR", [-2]: "Z_STREAM_ERROR" };

function byAddon(input: Uint8Array, windowBits: number, chunkSize: number): Outcome {
  const info = new Float64Array(2);
  const outcome: InflateOutcome = native.inflate(input, windowBits, chunkSize, info);
  if (outcome === null) throw new Error("the addon found no zlib in this Node");
  if (typeof outcome === "string") return { message: outcome };
  if (typeof outcome === "number") return { code: codes[outcome] ?? String(outcome) };
  return { bytes: outcome.toString("hex"), consumed: info[0]!, crc32: info[1]! };
}

// Compressible text and random bytes, of any length up to a few hundred KiB.
const plain = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc.tuple(fc.string({ unit: "grapheme", maxLength: 40 }), fc.integer({ min: 1, max: 8000 })).map(([text, times]) => Buffer.from(text.repeat(times))),
);

/** A stream of `data` in raw or zlib format, by node:zlib at some level, strategy and window. */
const streams = fc
  .record({
    data: plain,
    level: fc.integer({ min: 0, max: 9 }),
    strategy: fc.integer({ min: 0, max: 4 }),
    window: fc.integer({ min: 9, max: 15 }),
    raw: fc.boolean(),
  })
  .map(({ data, level, strategy, window, raw }) => {
    const options = { level, strategy, windowBits: window };
    return { stream: new Uint8Array(raw ? zlib.deflateRawSync(data, options) : zlib.deflateSync(data, options)), window, raw, length: data.length };
  });

/** What is done to a stream before it is decoded. */
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("trail" as const), tail: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
);

type Damage = { kind: "none" } | { kind: "cut"; at: number } | { kind: "flip"; at: number; xor: number } | { kind: "trail"; tail: Uint8Array };

function damaged(stream: Uint8Array, change: Damage): Uint8Array {
  if (change.kind === "cut") return stream.subarray(0, change.at % (stream.length + 1));
  if (change.kind === "flip") {
    const copy = stream.slice();
    copy[change.at % copy.length]! ^= change.xor;
    return copy;
  }
  if (change.kind === "trail") return Buffer.concat([stream, change.tail]);
  return stream;
}

describe("addon inflate = node:zlib", () => {
  it("on intact, cut, corrupted and trailed streams, raw and zlib, every window, any chunk size", () => {
    fc.assert(
      fc.property(streams, damage, fc.integer({ min: -15, max: 15 }), fc.constantFrom("default", "exact", "small", "tiny", "huge"), (made, change, windowPick, chunkKind) => {
        const input = damaged(made.stream, change);
        // The stream's own window mostly; sometimes any other, as windowBits allows.
        const window = windowPick === 0 || Math.abs(windowPick) < 8 ? made.window : Math.abs(windowPick);
        const zlibWindow = !made.raw && windowPick === 0 ? 0 : window;
        const windowBits = made.raw ? -window : zlibWindow;
        // node:zlib's default, the output's size, a fraction of it, its minimum, and far more than the input could give.
        const chunkSize = { default: 16 * 1024, exact: Math.max(made.length, 64), small: Math.max(made.length >> 3, 64), tiny: 64, huge: 2 ** 28 }[chunkKind];
        expect(byAddon(input, windowBits, chunkSize)).toEqual(byNode(input, windowBits, chunkSize));
      }),
      { numRuns: 600 },
    );
  });

  it("a preset dictionary is Z_NEED_DICT, as node:zlib's 'Missing dictionary'", () => {
    const stream = new Uint8Array(zlib.deflateSync("hello hello hello", { dictionary: Buffer.from("hello") }));
    expect(byAddon(stream, 15, 1024)).toEqual({ code: "Z_NEED_DICT" });
    expect(byNode(stream, 15, 1024)).toEqual({ code: "Z_NEED_DICT" });
  });

  it("large outputs: 40 MiB in one chunk (fresh or recycled page memory) and in 8 MiB chunks (grown)", () => {
    const data = Buffer.alloc(40 << 20);
    for (let i = 0; i < data.length; i += 4096) data.writeUInt32LE(i * 2654435761 >>> 0, i);
    const stream = new Uint8Array(zlib.deflateRawSync(data, { level: 1 }));
    for (const chunkSize of [data.length, data.length, 8 << 20]) {
      const info = new Float64Array(2);
      const output = native.inflate(stream, -15, chunkSize, info) as Buffer;
      expect(output.length).toBe(data.length);
      expect(output.equals(data)).toBe(true);
      expect(info[0]).toBe(stream.length);
      expect(info[1]).toBe(zlib.crc32(data));
      expect(output.buffer.byteLength).toBe(data.length);
    }
  });

  it("gzip windowBits (31) decode the first member only", () => {
    const two = Buffer.concat([zlib.gzipSync("first"), zlib.gzipSync("second")]);
    const info = new Float64Array(1);
    expect((native.inflate(new Uint8Array(two), 31, 64, info) as Buffer).toString()).toBe("first");
    expect(info[0]).toBe(zlib.gzipSync("first").length);
  });

  it("refuses an info that is not a Float64Array, and an input that is not a TypedArray", () => {
    expect(() => native.inflate(new Uint8Array(1), -15, 0, new Float32Array(2) as never)).toThrow(TypeError);
    expect(() => native.inflate(new Uint8Array(1), -15, 0, new Float64Array(0))).toThrow(TypeError);
    expect(() => native.inflate({} as never, -15, 0, new Float64Array(1))).toThrow(TypeError);
  });

  it("the twin has none", () => {
    expect(twinBinding.inflate(new Uint8Array(0), -15, 0, new Float64Array(1))).toBeNull();
  });
});

describe("hostInflate (the facade), on this run's backend", () => {
  it(onTwin ? "is undefined on the twin" : "is the addon's inflate", () => {
    const inflate = hostInflate();
    if (onTwin) {
      expect(inflate).toBeUndefined();
      return;
    }
    const info = new Float64Array(2);
    expect((inflate!(new Uint8Array(zlib.deflateRawSync("hello")), -15, 64, info) as Buffer).toString()).toBe("hello");
    expect([...info]).toEqual([7, zlib.crc32("hello")]);
  });
});
