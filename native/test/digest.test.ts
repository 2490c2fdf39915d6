// The addon's digests (the host's OpenSSL, found at run time) against
// node:crypto, which is the same OpenSSL through another door: fast-check
// feeds both the same strings, byte views and splits into steps. The facade
// is checked on whichever backend this run uses (the package's tests run
// twice: on the addon, and with DX_COMPAT_NATIVE=0, where it has no digests).
import fc from "fast-check";
import { hash } from "node:crypto";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { DIGEST_AT, DIGEST_STATE_BYTES, DIGEST_STEP_FINISH, DIGEST_STEP_START, hostDigest } from "../src/index.ts";
import { digestAlgorithms, type HashInput } from "../src/internal/binding.ts";
import { loadNative } from "../src/internal/loader.ts";
import { twinBinding } from "../src/internal/twin/index.ts";

// Always the addon here, whatever DX_COMPAT_NATIVE says.
const native = loadNative({ DX_COMPAT_NATIVE: "1" }).binding!;
const onTwin = process.env.DX_COMPAT_NATIVE === "0";

const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 300 });
const bytes = fc.uint8Array({ maxLength: 3000 });

/** A view of `data` of some kind, at an offset (unaligned, non-Uint8 and Buffer views). */
const views = fc.tuple(bytes, fc.integer({ min: 0, max: 15 }), fc.constantFrom("u8", "buffer", "i8", "u16", "f32", "f64", "u64")).map(
  ([data, offset, kind]): HashInput => {
    const backing = new Uint8Array(data.length + offset + 8);
    backing.set(data, offset);
    const bytesIn = backing.subarray(offset, offset + data.length);
    if (kind === "buffer") return Buffer.from(bytesIn.buffer, bytesIn.byteOffset, bytesIn.byteLength);
    const width = { u8: 1, i8: 1, u16: 2, f32: 4, f64: 8, u64: 8 }[kind];
    if (kind === "u8" || offset % width !== 0) return bytesIn;
    const Ctor = { i8: Int8Array, u16: Uint16Array, f32: Float32Array, f64: Float64Array, u64: BigUint64Array }[kind];
    return new Ctor(backing.buffer, offset, (data.length - (data.length % width)) / width);
  },
);
const inputs = fc.oneof(codeUnitString, fc.string({ unit: "grapheme", maxLength: 100 }), views);

function viewBytes(input: HashInput): Uint8Array | string {
  return typeof input === "string" ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

function expected(algorithm: string, parts: readonly HashInput[]): string {
  const joined = Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(viewBytes(part)))));
  return hash(algorithm, joined, "hex");
}

function once(index: number, input: HashInput): string {
  const out = new Uint8Array(64);
  const length = native.digest(index, input, out);
  return Buffer.from(out.subarray(0, length)).toString("hex");
}

function stateDigest(state: Uint8Array, length: number): string {
  return Buffer.from(state.subarray(DIGEST_AT, DIGEST_AT + length)).toString("hex");
}

describe.each(digestAlgorithms.map((name, index) => [name, index] as const))("%s: addon = node:crypto", (algorithm, index) => {
  it("one shot, on strings of any UTF-16 code units (lone surrogates included) and byte views of every kind", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(once(index, input)).toBe(expected(algorithm, [input]));
      }),
      { numRuns: 400 },
    );
  });

  it("running: any split into steps, digests taken along the way, and forks (copied states)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(inputs, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 8 }), (steps) => {
        // Unaligned: a state may sit anywhere in memory.
        const state = new Uint8Array(DIGEST_STATE_BYTES + 3).subarray(3);
        const added: HashInput[] = [];
        let fork: { state: Uint8Array; added: HashInput[] } | undefined;
        steps.forEach(([input, finish, forkHere], i) => {
          const flags = (i === 0 ? DIGEST_STEP_START : 0) | (finish ? DIGEST_STEP_FINISH : 0);
          const length = native.digestStep(index, state, input, flags);
          added.push(input);
          if (finish) expect(stateDigest(state, length)).toBe(expected(algorithm, added));
          if (forkHere && fork === undefined) fork = { state: state.slice(), added: [...added] };
        });
        const length = native.digestStep(index, state, "", DIGEST_STEP_FINISH);
        expect(stateDigest(state, length)).toBe(expected(algorithm, added));
        if (fork !== undefined) {
          native.digestStep(index, fork.state, "tail", DIGEST_STEP_FINISH);
          expect(stateDigest(fork.state, length)).toBe(expected(algorithm, [...fork.added, "tail"]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("large inputs: 1 MiB + 13 bytes, and a 70 000-character string", () => {
    const big = Uint8Array.from({ length: (1 << 20) + 13 }, (_, i) => (i * 2654435761) >>> 24);
    expect(once(index, big)).toBe(expected(algorithm, [big]));
    const text = "é€😀x".repeat(14_000);
    expect(once(index, text)).toBe(expected(algorithm, [text]));
  });
});

describe("native digest arguments", () => {
  const sha256 = digestAlgorithms.indexOf("sha256");

  it("reports 0 (the caller's cue to fall back) for an unknown algorithm, a small output or a bad state", () => {
    expect(native.digest(digestAlgorithms.length, "x", new Uint8Array(64))).toBe(0);
    expect(native.digest(-1, "x", new Uint8Array(64))).toBe(0);
    expect(native.digest(sha256, "x", new Uint8Array(31))).toBe(0);
    expect(native.digest(sha256, "x", new Uint16Array(32) as unknown as Uint8Array)).toBe(0);
    expect(native.digestStep(sha256, new Uint8Array(DIGEST_STATE_BYTES - 1), "x", DIGEST_STEP_START)).toBe(0);
    expect(native.digestStep(sha256, new Float64Array(DIGEST_STATE_BYTES) as unknown as Uint8Array, "x", DIGEST_STEP_START)).toBe(0);
  });

  it("refuses a state no step wrote when its block count is out of range, rather than overrunning", () => {
    for (let index = 0; index < digestAlgorithms.length; index++) {
      expect(native.digestStep(index, new Uint8Array(DIGEST_STATE_BYTES).fill(0xff), "x".repeat(300), DIGEST_STEP_FINISH)).toBe(0);
    }
  });

  it("reads the input before writing, when the output or the state shares its memory", () => {
    const memory = Uint8Array.from({ length: 400 }, (_, i) => i & 0xff);
    const original = memory.slice(0, 100);
    expect(native.digest(sha256, memory.subarray(0, 100), memory.subarray(50, 114))).toBe(32);
    expect(Buffer.from(memory.subarray(50, 82)).toString("hex")).toBe(hash("sha256", original, "hex"));
    const state = new Uint8Array(DIGEST_STATE_BYTES + 100);
    native.digestStep(sha256, state, "ab", DIGEST_STEP_START);
    const inside = state.slice(0, 100);
    native.digestStep(sha256, state, state.subarray(0, 100), DIGEST_STEP_FINISH);
    expect(stateDigest(state, 32)).toBe(expected("sha256", ["ab", inside]));
  });

  it("rejects an input that is neither a string nor a TypedArray with a TypeError", () => {
    for (const bad of [undefined, null, 1, {}, new ArrayBuffer(4)]) {
      expect(() => native.digest(sha256, bad as never, new Uint8Array(64))).toThrow(TypeError);
      expect(() => native.digestStep(sha256, new Uint8Array(DIGEST_STATE_BYTES), bad as never, DIGEST_STEP_START)).toThrow(TypeError);
    }
  });

  it("the twin computes none", () => {
    expect(twinBinding.digest(sha256, "x", new Uint8Array(64))).toBe(0);
    expect(twinBinding.digestStep(sha256, new Uint8Array(DIGEST_STATE_BYTES), "x", DIGEST_STEP_START)).toBe(0);
  });
});

describe("hostDigest (the facade), on this run's backend", () => {
  it(onTwin ? "is undefined for every algorithm on the twin" : "serves every algorithm on the addon, as node:crypto", () => {
    for (const algorithm of digestAlgorithms) {
      const digest = hostDigest(algorithm);
      if (onTwin) {
        expect(digest).toBeUndefined();
        continue;
      }
      fc.assert(
        fc.property(inputs, inputs, (first, second) => {
          const out = new Uint8Array(64);
          expect(Buffer.from(out.subarray(0, digest!.once(first, out))).toString("hex")).toBe(expected(algorithm, [first]));
          const state = new Uint8Array(DIGEST_STATE_BYTES);
          digest!.step(state, first, DIGEST_STEP_START);
          const length = digest!.step(state, second, DIGEST_STEP_FINISH);
          expect(stateDigest(state, length)).toBe(expected(algorithm, [first, second]));
        }),
        { numRuns: 100 },
      );
    }
  });

  it("is undefined for a name it does not know", () => {
    expect(hostDigest("sha3-256" as never)).toBeUndefined();
  });
});
