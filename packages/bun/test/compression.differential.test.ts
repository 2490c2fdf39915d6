// Bun's compression functions under real Bun and under Node + dx-compat.
//
// Compressed bytes: zstd must match Bun's byte for byte. gzip/deflate go
// through different zlib builds (Bun links Cloudflare's fork, Node Chromium's),
// which agree only where match finding plays no part (Huffman-only, RLE) and,
// on short inputs, at levels 7–8; elsewhere (and wherever dx-compat compresses
// a large input in parallel blocks) each runtime's output is decompressed by
// BOTH runtimes and must give the input back. Decompression, errors and option handling must
// match exactly.
import { compareBatch, scratchDir, type Outcome } from "@dx-compat/oracle";
import fc from "fast-check";
import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { byteViewSource } from "./support/byte-views.ts";

// Runs in both runtimes: builds the requested input view, calls the function,
// and reports the result's shape and bytes (large outputs by length and CRC-32).
const caseModule = `
import { gzipSync, gunzipSync, deflateSync, inflateSync, zstdCompressSync, zstdDecompressSync, zstdCompress, zstdDecompress, hash } from "bun";
const fns = { gzipSync, gunzipSync, deflateSync, inflateSync, zstdCompressSync, zstdDecompressSync, zstdCompress, zstdDecompress };
const undo = { gzipSync: gunzipSync, deflateSync: inflateSync, zstdCompressSync: zstdDecompressSync };
${byteViewSource}
function describe(out) {
  if (!(out instanceof Uint8Array)) return ["not bytes", typeof out];
  const exact = out.byteOffset === 0 && out.buffer.byteLength === out.byteLength;
  const bytes = out.length <= 8192 ? Buffer.from(out).toString("hex") : "crc32:" + hash.crc32(out);
  return [out.constructor.name, Buffer.isBuffer(out), exact, out.length, bytes];
}
// Symbols cannot cross the process boundary: "@@symbol" stands for one.
const revive = (value) => (value === "@@symbol" ? Symbol("s") : value);
function call(c) {
  const input = c.kind ? view(c.kind, c.data, c.offset ?? 0) : revive(c.data);
  const fn = fns[c.fn];
  const options = c.options && typeof c.options === "object" ? Object.fromEntries(Object.entries(c.options).map(([k, v]) => [k, revive(v)])) : revive(c.options);
  return c.noOptions ? fn(input) : fn(input, options);
}
export default (c) => {
  const out = call(c);
  if (out instanceof Promise) return out.then(describe);
  if (c.roundTrip || c.shapeOnly) {
    const back = undo[c.fn](out, c.fn === "zstdCompressSync" ? undefined : c.options?.library ? { library: c.options.library } : undefined);
    const input = typeof c.data === "string" ? new TextEncoder().encode(c.data) : c.data;
    const same = Buffer.compare(Buffer.from(back), Buffer.from(input)) === 0;
    // shapeOnly: bytes that may differ between zlib builds are left out (a gzip header stays in).
    if (c.shapeOnly) return [...describe(out).slice(0, 3), same, c.fn === "gzipSync" ? Buffer.from(out.subarray(0, 10)).toString("hex") : ""];
    return [...describe(out), same];
  }
  return describe(out);
};
`;

// The large-input cases: texts made from a seed in each runtime, compressed
// to files (named by the runtime that made them), or a file read back.
const largeModule = `
import { gzipSync, gunzipSync, deflateSync, inflateSync, hash } from "bun";
import { readFileSync, writeFileSync } from "node:fs";
function text(seed, size) {
  const out = new Uint8Array(size);
  const encoder = new TextEncoder();
  let x = seed, at = 0;
  while (at < size) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    const line = encoder.encode(JSON.stringify({ id: x % 100000, user: "user" + (x % 5000), event: ["view", "click", "buy"][x % 3], ok: (x & 1) === 1 }) + "\\n");
    out.set(line.subarray(0, size - at), at);
    at += line.length;
  }
  return out;
}
const undo = (fn, bytes) => (fn === "gzipSync" ? gunzipSync(bytes) : inflateSync(bytes));
export default (c) => {
  const input = text(c.seed, c.size);
  if (c.read) {
    const out = undo(c.fn, readFileSync(c.read));
    return [hash.crc32(out), out.length, hash.crc32(input), input.length];
  }
  const out = c.fn === "gzipSync" ? gzipSync(input, c.options) : deflateSync(input, c.options);
  writeFileSync(c.dir + "/" + (process.versions.bun ? "bun" : "node") + "-" + c.name + ".bin", out);
  const back = undo(c.fn, out);
  const same = back.length === input.length && hash.crc32(back) === hash.crc32(input);
  return [c.fn === "gzipSync" ? Buffer.from(out.subarray(0, 10)).toString("hex") : "raw", same, c.exact ? hash.crc32(out) : "not compared"];
};
`;

interface Case {
  fn: string;
  data: unknown;
  options?: unknown;
  noOptions?: boolean;
  kind?: string;
  offset?: number;
  roundTrip?: boolean;
  shapeOnly?: boolean;
}

type Described = [string, boolean, boolean, number, string, boolean?];

function returned(outcome: Outcome | undefined): Described {
  if (outcome === undefined || !("returns" in outcome)) throw new Error(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.returns as Described;
}

const words = ["alpha", "beta", "gamma", " ", "\n", "{\"id\":", "},", "ünï", "😀", "aaaaaaaa", "0123456789"];
const compressible = fc.array(fc.constantFrom(...words), { maxLength: 400 }).map((parts) => parts.join(""));
// fast-check keeps arrays short by default: the long texts are where levels and strategies differ.
const longCompressible = fc.array(fc.constantFrom(...words), { minLength: 150, maxLength: 900 }).map((parts) => parts.join(""));
const payloads = fc.oneof(fc.uint8Array({ maxLength: 1500 }), compressible, longCompressible, fc.string({ unit: "grapheme", maxLength: 200 }));
const zlibLevel = fc.integer({ min: -1, max: 9 });

/** The compressions whose bytes must equal Bun's: zstd always; zlib where the two forks agree. */
function expectSameBytes(c: Case): boolean {
  if (c.fn.startsWith("zstd")) return true;
  const { level = 6, strategy = 0, library } = (c.options ?? {}) as { level?: number; strategy?: number; library?: string };
  if (library === "libdeflate") return false;
  return (level !== 0 && (strategy === 2 || strategy === 3)) || level === 7 || level === 8;
}

function compressionCases(): Case[] {
  const zlibOptions = fc.record(
    { level: zlibLevel, memLevel: fc.integer({ min: 1, max: 9 }), strategy: fc.integer({ min: 0, max: 4 }) },
    { requiredKeys: ["level"] },
  );
  const random = fc.sample(
    fc.oneof(
      fc.record({ fn: fc.constantFrom("gzipSync", "deflateSync"), data: payloads, options: zlibOptions }),
      fc.record({
        fn: fc.constantFrom("gzipSync", "deflateSync"),
        data: payloads,
        options: fc.record({ library: fc.constant("libdeflate"), level: fc.integer({ min: 0, max: 12 }) }),
      }),
      fc.record({ fn: fc.constant("zstdCompressSync"), data: payloads, options: fc.record({ level: fc.integer({ min: 1, max: 22 }) }) }),
    ),
    500,
  );
  // Every level with every strategy, on one text, and each function's defaults.
  const text = "The quick brown fox jumps over the lazy dog. ".repeat(40) + "0123456789".repeat(30);
  const grid: Case[] = [];
  for (const fn of ["gzipSync", "deflateSync"]) {
    for (let level = -1; level <= 9; level++) for (let strategy = 0; strategy <= 4; strategy++) grid.push({ fn, data: text, options: { level, strategy } });
    for (let level = 0; level <= 12; level++) grid.push({ fn, data: text, options: { library: "libdeflate", level } });
    grid.push({ fn, data: text, noOptions: true }, { fn, data: "", noOptions: true }, { fn, data: new Uint8Array(70_000), noOptions: true });
  }
  for (let level = 1; level <= 22; level++) grid.push({ fn: "zstdCompressSync", data: text, options: { level } });
  grid.push({ fn: "zstdCompressSync", data: "", noOptions: true }, { fn: "zstdCompressSync", data: new Uint8Array(300_000).fill(7), noOptions: true });
  // Each function's defaults on varied data (zstd's default level shows in its bytes).
  const defaults = fc.sample(fc.record({ fn: fc.constantFrom("gzipSync", "deflateSync", "zstdCompressSync"), data: longCompressible, noOptions: fc.constant(true) }), 60);
  return [...random, ...grid, ...defaults].map((c) => ({ ...c, roundTrip: true }));
}

describe("Bun's compression against real Bun", () => {
  it("compresses to Bun's shapes, Bun's bytes where the engines agree, and both runtimes read each other's output", async () => {
    const cases = compressionCases();
    const { bun, node } = await compareBatch(caseModule, cases);
    const crossCases: Case[] = [];
    const crossExpected: string[] = [];
    let sameBytes = 0;
    cases.forEach((c, i) => {
      const [bunType, bunIsBuffer, bunExact, , bunBytes, bunRoundTrip] = returned(bun[i]);
      const [nodeType, nodeIsBuffer, nodeExact, , nodeBytes, nodeRoundTrip] = returned(node[i]);
      expect([nodeType, nodeIsBuffer, nodeExact, nodeRoundTrip], JSON.stringify(c)).toEqual([bunType, bunIsBuffer, bunExact, bunRoundTrip]);
      expect(bunRoundTrip).toBe(true);
      if (c.fn === "gzipSync") expect(nodeBytes.slice(0, 20), `gzip header ${JSON.stringify(c)}`).toBe(bunBytes.slice(0, 20));
      if (expectSameBytes(c)) {
        expect(nodeBytes, `bytes of ${JSON.stringify(c)}`).toBe(bunBytes);
        sameBytes++;
      }
      if (bunBytes.startsWith("crc32:")) return;
      const back = { gzipSync: "gunzipSync", deflateSync: "inflateSync", zstdCompressSync: "zstdDecompressSync" }[c.fn]!;
      const library = (c.options as { library?: string } | undefined)?.library;
      const options = library ? { library } : undefined;
      // Bun's output decoded by both runtimes, and ours too: each must give the same answer.
      const input = typeof c.data === "string" ? Buffer.from(c.data) : Buffer.from(c.data as Uint8Array);
      for (const bytes of [bunBytes, nodeBytes]) {
        crossCases.push({ fn: back, data: Buffer.from(bytes, "hex"), options, noOptions: options === undefined });
        crossExpected.push(input.length <= 8192 ? input.toString("hex") : `crc32:${zlib.crc32(input)}`);
      }
    });
    expect(sameBytes).toBeGreaterThan(150);
    const cross = await compareBatch(caseModule, crossCases);
    expect(cross.mismatches.slice(0, 3)).toEqual([]);
    cross.node.forEach((outcome, i) => expect(returned(outcome)[4]).toBe(crossExpected[i]));
  }, 60_000);

  it("compresses multi-megabyte inputs (dx-compat's parallel blocks) into output both runtimes read back", async () => {
    // Each runtime makes the same 2–5 MiB texts from a seed, compresses them
    // and writes what it made to a file; then each runtime decompresses both
    // runtimes' files, and must get the text back.
    const dir = scratchDir("dx-compat-gzip-large-");
    // The last two: Huffman-only and RLE, where the zlib forks agree at any size, so the bytes must be Bun's.
    const settings = [{}, { level: 1 }, { level: 6, strategy: 1 }, { level: 7 }, { level: 8, strategy: 4 }, { level: 9 }, { level: 9, strategy: 1 }, { level: 5, strategy: 2 }, { level: 3, strategy: 3 }];
    const cases = settings.flatMap((options, i) =>
      (["gzipSync", "deflateSync"] as const).map((fn) => ({ fn, options, seed: i + 1, size: (2 << 20) + i * 400_000 + 17, dir, name: `${fn}-${i}`, exact: i >= settings.length - 2 })),
    );
    const made = await compareBatch(largeModule, cases);
    // The same gzip header, each runtime's own round trip, and Bun's very bytes where the zlib forks agree.
    expect(made.mismatches.map((m) => JSON.stringify([m.input, m.bun, m.node]))).toEqual([]);
    for (const outcome of made.bun) expect((outcome as { returns: unknown[] }).returns[1]).toBe(true);
    expect(cases.filter((c) => c.exact).length).toBe(4);
    const reads = cases.flatMap((c) => ["bun", "node"].map((maker) => ({ ...c, read: `${dir}/${maker}-${c.name}.bin` })));
    const back = await compareBatch(largeModule, reads);
    expect(back.mismatches.map((m) => JSON.stringify([m.input, m.bun, m.node]))).toEqual([]);
    for (const outcome of back.node) {
      const [crc, length, inputCrc, inputLength] = (outcome as { returns: number[] }).returns;
      expect([crc, length]).toEqual([inputCrc, inputLength]);
    }
  }, 120_000);

  it("decompresses, and rejects corrupt input, exactly as Bun: every truncation, every flipped byte, every header form", async () => {
    const cases = decompressionCases();
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 3)).toEqual([]);
  }, 60_000);

  it("reads options, inputs and misuse exactly as Bun, sync and async", async () => {
    const { mismatches } = await compareBatch(caseModule, [...optionCases(), ...inputCases(), ...asyncCases()]);
    expect(mismatches.slice(0, 3)).toEqual([]);
  }, 60_000);

  it("exposes the same functions: names and lengths", async () => {
    const names = ["gzipSync", "gunzipSync", "deflateSync", "inflateSync", "zstdCompressSync", "zstdDecompressSync", "zstdCompress", "zstdDecompress"];
    const { mismatches, bun } = await compareBatch(`export default (k) => [typeof Bun[k], Bun[k].name, Bun[k].length];`, names);
    expect(bun).toHaveLength(names.length);
    expect(mismatches).toEqual([]);
  });
});

const text = Buffer.from("Hello, gzip! ".repeat(30) + "The end.");

function flipEachByte(bytes: Buffer): Buffer[] {
  return Array.from(bytes, (_, i) => {
    const copy = Buffer.from(bytes);
    copy[i]! ^= i % 2 === 0 ? 0xff : 0x01;
    return copy;
  });
}

function truncations(bytes: Buffer): Buffer[] {
  return Array.from({ length: bytes.length }, (_, n) => bytes.subarray(0, n));
}

/** A gzip member with optional header fields; `headerCrc` true writes the right CRC, a number writes that one. */
function gzipWith(fields: { extra?: Buffer; name?: string; comment?: string; headerCrc?: boolean | number }): Buffer {
  const plain = zlib.gzipSync(text);
  let flags = 0;
  const parts: Buffer[] = [];
  if (fields.extra) {
    flags |= 4;
    const length = Buffer.alloc(2);
    length.writeUInt16LE(fields.extra.length);
    parts.push(length, fields.extra);
  }
  if (fields.name !== undefined) {
    flags |= 8;
    parts.push(Buffer.from(`${fields.name}\0`, "latin1"));
  }
  if (fields.comment !== undefined) {
    flags |= 16;
    parts.push(Buffer.from(`${fields.comment}\0`, "latin1"));
  }
  const header = Buffer.concat([plain.subarray(0, 10), ...parts]);
  if (fields.headerCrc !== undefined) {
    flags |= 2;
    header[3] = flags;
    const crc = Buffer.alloc(2);
    crc.writeUInt16LE(fields.headerCrc === true ? zlib.crc32(header) & 0xffff : Number(fields.headerCrc));
    return Buffer.concat([header, crc, plain.subarray(10)]);
  }
  header[3] = flags;
  return Buffer.concat([header, plain.subarray(10)]);
}

function zstdFrame(data: Buffer, extra: Record<number, number> = {}, pledge = true): Buffer {
  return zlib.zstdCompressSync(data, { params: extra, ...(pledge ? { pledgedSrcSize: data.length } : {}) });
}

function decompressionCases(): Case[] {
  const gz = zlib.gzipSync(text);
  const raw = zlib.deflateRawSync(text);
  const wrapped = zlib.deflateSync(text);
  const zst = zstdFrame(text);
  const zstUnknownSize = zstdFrame(text, {}, false);
  const zstChecksum = zstdFrame(text, { [zlib.constants.ZSTD_c_checksumFlag]: 1 });
  const cases: Case[] = [];
  const add = (fn: string, inputs: Buffer[], options?: unknown): void => {
    for (const data of inputs) cases.push(options === undefined ? { fn, data, noOptions: true } : { fn, data, options });
  };
  for (const [fn, bytes] of [["gunzipSync", gz], ["inflateSync", raw]] as const) {
    add(fn, [...truncations(bytes), ...flipEachByte(bytes)]);
    add(fn, [...truncations(bytes).filter((_, i) => i % 7 === 0), ...flipEachByte(bytes).filter((_, i) => i % 3 === 0)], { library: "libdeflate" });
  }
  add("inflateSync", [...truncations(wrapped).filter((_, i) => i % 5 === 0), ...flipEachByte(wrapped).filter((_, i) => i % 4 === 0)], { windowBits: 15 });
  for (const bytes of [zst, zstUnknownSize, zstChecksum]) {
    add("zstdDecompressSync", [...truncations(bytes), ...flipEachByte(bytes)]);
  }
  // Header fields, multiple members, trailing bytes.
  const headers = [
    gzipWith({ name: "file.txt" }),
    gzipWith({ comment: "a comment", name: "" }),
    gzipWith({ extra: Buffer.from("xtra-field") }),
    gzipWith({ extra: Buffer.alloc(0), name: "n", comment: "c", headerCrc: true }),
    gzipWith({ headerCrc: true }),
    gzipWith({ headerCrc: 0x1234 }),
    gzipWith({ name: "n", headerCrc: 1 }),
    Buffer.concat([gz, gz]),
    Buffer.concat([gz, zlib.gzipSync("second")]),
    Buffer.concat([gz, Buffer.from([1, 2, 3])]),
    Buffer.concat([gz, Buffer.alloc(16)]),
    Buffer.concat([gz, gz.subarray(0, 5)]),
    Buffer.from([0x1f, 0x8b, 8, 0xe0, 0, 0, 0, 0, 0, 3, 3, 0]),
    Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3, 3, 0]),
    zlib.gzipSync(Buffer.alloc(0)),
    zlib.gzipSync(Buffer.alloc(200_000, 1)),
  ];
  add("gunzipSync", headers);
  add("gunzipSync", headers, { library: "libdeflate" });
  for (const fn of ["gunzipSync", "inflateSync"]) {
    for (const windowBits of [-16, -15, -9, -8, -7, -1, 0, 1, 7, 8, 9, 15, 16, 17, 24, 25, 31, 32, 33, 40, 47, 48, 63, 100, -0, 2 ** 31, 2 ** 32 - 15]) {
      add(fn, [gz, raw, wrapped, Buffer.from([0x78]), Buffer.from([0x1f]), Buffer.alloc(0)], { windowBits });
    }
  }
  // zlib streams with a preset dictionary, a bad window, a long distance in a small window.
  add("inflateSync", [Buffer.from([0x78, 0xbb, 0, 0, 0, 0, 3, 0]), Buffer.from([0x88, 0x1c, 3, 0]), Buffer.from([0x78, 0x9c, 3, 0, 0, 0, 0, 1])], { windowBits: 15 });
  add("inflateSync", [Buffer.from([0x78, 0x9c, 3, 0, 0, 0, 0, 1])], { windowBits: 9 });
  // zstd: several frames, skippable frames, empty input, trailing bytes, a frame over 16 MiB (the streaming path).
  const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
  const big = zstdFrame(Buffer.alloc(17 * 1024 * 1024));
  const bigCorrupt = Buffer.from(big);
  bigCorrupt[big.length - 3]! ^= 0x55;
  add("zstdDecompressSync", [
    Buffer.concat([zst, zst]),
    Buffer.concat([zst, zstUnknownSize, zstChecksum]),
    Buffer.concat([zstUnknownSize, Buffer.from([1, 2, 3])]),
    Buffer.concat([skippable, zst, skippable]),
    skippable,
    skippable.subarray(0, 6),
    Buffer.alloc(0),
    Buffer.concat([zst, Buffer.from([0, 0, 0, 0])]),
    Buffer.concat([zst, Buffer.from([0x28, 0xb5, 0x2f, 0xfd])]),
    big,
    bigCorrupt,
    gz,
  ]);
  return cases;
}

function optionCases(): Case[] {
  const cases: Case[] = [];
  const values = [undefined, null, true, false, 0, -0, 1, -1, 1.5, -1.5, 9.99, 2, 8, 9, 10, 12, 13, 22, 23, 100, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32 + 6, 1e21, 5n, 9n, -1n, 2n ** 64n + 1n, "3", "abc", "", [3], {}, [], "zlib", "libdeflate", "ZLIB", "@@symbol"];
  for (const key of ["level", "memLevel", "strategy", "windowBits", "library"]) {
    for (const value of values) {
      for (const fn of ["gzipSync", "deflateSync", "gunzipSync", "inflateSync"]) {
        const data = fn === "gunzipSync" ? zlib.gzipSync("opts") : fn === "inflateSync" ? zlib.deflateRawSync("opts") : "opts";
        cases.push({ fn, data, options: { [key]: value }, shapeOnly: fn === "gzipSync" || fn === "deflateSync" });
      }
      if (key === "level") cases.push({ fn: "zstdCompressSync", data: "opts", options: { level: value } });
    }
  }
  for (const options of [5, "x", null, true, "@@symbol", [], { library: "libdeflate", level: 13 }, { library: "libdeflate", level: -1 }, { library: "libdeflate", memLevel: 100 }, { level: 10, memLevel: 100 }, { level: 10, strategy: 100 }, { memLevel: 100, library: "x" }, { library: 5, memLevel: 100 }]) {
    for (const fn of ["gzipSync", "deflateSync", "gunzipSync", "inflateSync", "zstdCompressSync", "zstdDecompressSync"]) {
      const data = fn === "gunzipSync" ? zlib.gzipSync("x") : fn === "inflateSync" ? zlib.deflateRawSync("x") : fn === "zstdDecompressSync" ? zstdFrame(Buffer.from("x")) : "x";
      cases.push({ fn, data, options, shapeOnly: fn === "gzipSync" || fn === "deflateSync" });
    }
  }
  return cases;
}

function inputCases(): Case[] {
  const kinds = ["u8", "buffer", "i16", "f64", "u64", "dataview", "arraybuffer", "shared", "string-object"];
  const random = fc.sample(fc.record({ data: fc.uint8Array({ maxLength: 300 }), kind: fc.constantFrom(...kinds), offset: fc.integer({ min: 0, max: 3 }) }), 150);
  const cases: Case[] = [];
  for (const [i, c] of random.entries()) {
    cases.push({ fn: "zstdCompressSync", ...c, noOptions: true });
    cases.push({ fn: ["gzipSync", "deflateSync"][i % 2]!, ...c, options: { strategy: 2 } });
  }
  // Strings: any code units (lone surrogates included) and graphemes, as UTF-8.
  for (const data of fc.sample(fc.oneof(fc.string({ unit: "binary", maxLength: 50 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 40 })), 150)) {
    cases.push({ fn: "zstdCompressSync", data, noOptions: true });
  }
  for (const data of [undefined, null, 5, 5n, true, {}, [1, 2], "@@symbol"]) {
    for (const fn of ["gzipSync", "gunzipSync", "deflateSync", "inflateSync", "zstdCompressSync", "zstdDecompressSync", "zstdCompress", "zstdDecompress"]) {
      cases.push({ fn, data, noOptions: true }, { fn, data, options: 5 });
    }
  }
  return cases;
}

function asyncCases(): Case[] {
  const frame = zstdFrame(text);
  return [
    { fn: "zstdCompress", data: text, noOptions: true },
    { fn: "zstdCompress", data: "", noOptions: true },
    { fn: "zstdCompress", data: text, options: { level: 19 } },
    { fn: "zstdCompress", data: text, options: { level: 0 } },
    { fn: "zstdCompress", data: text, options: { level: 23 } },
    { fn: "zstdCompress", data: text, options: 5 },
    { fn: "zstdCompress", data: text, kind: "dataview", offset: 1 },
    { fn: "zstdDecompress", data: frame, noOptions: true },
    { fn: "zstdDecompress", data: Buffer.concat([frame, frame]), noOptions: true },
    { fn: "zstdDecompress", data: Buffer.alloc(0), noOptions: true },
    { fn: "zstdDecompress", data: frame.subarray(0, 10), noOptions: true },
    { fn: "zstdDecompress", data: Buffer.from("garbage"), noOptions: true },
    { fn: "zstdDecompress", data: frame, options: 5 },
    ...flipEachByte(frame)
      .filter((_, i) => i % 3 === 0)
      .map((data) => ({ fn: "zstdDecompress", data, noOptions: true })),
  ];
}
