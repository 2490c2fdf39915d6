// The addon and its TypeScript twin are one function each: fast-check feeds
// both the same inputs and seeds, in process. (Exactness against real Bun is
// proven in @dx-compat/bun's differential tests, through both backends.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashAlgorithms, type HashInput, type NativeBinding } from "../src/internal/binding.ts";
import { loadNative } from "../src/internal/loader.ts";
import { twinBinding } from "../src/internal/twin/index.ts";

// Always the addon here, whatever DX_COMPAT_NATIVE says: this suite compares the two.
const native = loadNative({ DX_COMPAT_NATIVE: "1" }).binding!;

const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 200 });
const bytes = fc.uint8Array({ maxLength: 1200 });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });

/** A view of `data` of some kind, at an offset, so unaligned and non-Uint8 views are covered. */
const views = fc.tuple(bytes, fc.integer({ min: 0, max: 15 }), fc.constantFrom("u8", "buffer", "i8", "u16", "f32", "f64", "u64")).map(
  ([data, offset, kind]): HashInput => {
    const backing = new Uint8Array(data.length + offset + 8);
    backing.set(data, offset);
    const bytesIn = backing.subarray(offset, offset + data.length);
    const width = { u8: 1, buffer: 1, i8: 1, u16: 2, f32: 4, f64: 8, u64: 8 }[kind];
    const usable = data.length - (data.length % width);
    const alignedStart = offset % width === 0;
    if (kind === "buffer") return Buffer.from(bytesIn.buffer, bytesIn.byteOffset, bytesIn.byteLength);
    if (kind === "u8" || !alignedStart) return bytesIn;
    const Ctor = { i8: Int8Array, u16: Uint16Array, f32: Float32Array, f64: Float64Array, u64: BigUint64Array }[kind];
    return new Ctor(backing.buffer, offset, usable / width);
  },
);

function call(binding: NativeBinding, name: (typeof hashAlgorithms)[number], input: HashInput, lo?: number, hi?: number): number | bigint {
  const f = binding[name] as (input: HashInput, lo?: number, hi?: number) => number | bigint;
  return lo === undefined ? f(input) : f(input, lo, hi);
}

describe.each(hashAlgorithms)("%s: native = twin", (name) => {
  it("on strings of any UTF-16 code units (lone surrogates included) and any seed", () => {
    fc.assert(
      fc.property(fc.oneof(codeUnitString, fc.string({ unit: "grapheme", maxLength: 100 })), u32, u32, (text, lo, hi) => {
        expect(call(native, name, text, lo, hi)).toBe(call(twinBinding, name, text, lo, hi));
      }),
      { numRuns: 1500 },
    );
  });

  it("on byte views of every kind, offset and length", () => {
    fc.assert(
      fc.property(views, u32, u32, (view, lo, hi) => {
        expect(call(native, name, view, lo, hi)).toBe(call(twinBinding, name, view, lo, hi));
      }),
      { numRuns: 1500 },
    );
  });

  it("on every length 0..=600 and a seedless call", () => {
    const data = Uint8Array.from({ length: 700 }, (_, i) => (i * 167 + 13) & 0xff);
    for (let length = 0; length <= 600; length++) {
      const slice = data.subarray(length % 7, (length % 7) + length);
      expect(call(native, name, slice)).toBe(call(twinBinding, name, slice));
    }
  });

  it("on large inputs (1 MiB + 13, and a 70 000-character string)", () => {
    const big = Uint8Array.from({ length: (1 << 20) + 13 }, (_, i) => (i * 2654435761) >>> 24);
    expect(call(native, name, big, 5, 6)).toBe(call(twinBinding, name, big, 5, 6));
    const text = "é€😀x".repeat(14_000);
    expect(call(native, name, text)).toBe(call(twinBinding, name, text));
  });

  it("returns a bigint for 64-bit algorithms and an unsigned 32-bit number otherwise", () => {
    const result = call(native, name, "x");
    const wide = ["wyhash", "cityHash64", "xxHash64", "xxHash3", "murmur64v2", "rapidhash"].includes(name);
    expect(typeof result).toBe(wide ? "bigint" : "number");
    if (typeof result === "number") expect(result >>> 0).toBe(result);
  });
});

describe("native argument errors", () => {
  it("rejects what is neither a string nor a TypedArray with a TypeError", () => {
    for (const bad of [undefined, null, 1, {}, new ArrayBuffer(4)]) {
      expect(() => (native.wyhash as (input: unknown) => bigint)(bad)).toThrow(TypeError);
    }
  });
});
