// Bun.randomUUIDv5 (deterministic: compared value for value) and
// Bun.randomUUIDv7 (random: compared through what must hold of its bytes and
// its counter) under real Bun and under Node + dx-compat.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// Arguments that are not plain JSON travel as tagged values the case module rebuilds.
const caseModule = `
function value(v) {
  if (Array.isArray(v) && v[0] === "$bytes") {
    const bytes = new Uint8Array(v[2]);
    switch (v[1]) {
      case "u8": return bytes;
      case "buffer": return Buffer.from(bytes);
      case "ab": return bytes.buffer;
      case "dv": return new DataView(bytes.buffer);
      case "u16": return new Uint16Array(bytes.buffer.slice(0, bytes.length - (bytes.length % 2)));
      case "sab": { const s = new SharedArrayBuffer(bytes.length); new Uint8Array(s).set(bytes); return s; }
    }
  }
  if (Array.isArray(v) && v[0] === "$date") return new Date(v[1]);
  if (Array.isArray(v) && v[0] === "$symbol") return Symbol(v[1]);
  if (Array.isArray(v) && v[0] === "$object") return {};
  return v;
}
const parse = (u) => typeof u === "string" && u.length === 36 ? Buffer.from(u.replaceAll("-", ""), "hex") : Buffer.isBuffer(u) ? u : null;
// Facts about a UUIDv7 that do not depend on its random bits.
function facts7(u) {
  const kind = Buffer.isBuffer(u) ? "Buffer" : typeof u;
  const bytes = parse(u) ?? (typeof u === "string" && /^[A-Za-z0-9+/=_-]+$/.test(u) ? Buffer.from(u, "base64") : null);
  if (bytes === null || bytes.length !== 16) return [kind, typeof u === "string" ? u.length : null];
  return [kind, typeof u === "string" ? u.length : null, bytes.readUIntBE(0, 6) < 2 ** 48, bytes[6] >> 4, bytes[8] >> 6];
}
const scenarios = {
  v5: (args) => Bun.randomUUIDv5(...args.map(value)),
  v7: (args) => facts7(Bun.randomUUIDv7(...args.map(value))),
  v7explicit: ([encoding, ts]) => { const b = parse(Bun.randomUUIDv7("buffer", ts)); return [b.readUIntBE(0, 6), b[6] >> 4, b[8] >> 6, (((b[6] & 15) << 8) | b[7]) < 2048]; },
  // Same explicit timestamp many times: counters run on by one, roll over into the next millisecond.
  sequence: ([ts, n]) => {
    let prev = null, ok = true, bumps = 0, firstBelow2048 = true;
    const out = [];
    for (let i = 0; i < n; i++) {
      const b = Bun.randomUUIDv7("buffer", ts); const t = b.readUIntBE(0, 6), c = ((b[6] & 15) << 8) | b[7];
      if (prev === null) firstBelow2048 = c < 2048;
      else if (t === prev[0]) ok = ok && c === prev[1] + 1;
      else { bumps++; ok = ok && t === Math.min(prev[0] + 1, 2 ** 48 - 1) && prev[1] === 4095 && c < 2048; }
      if (out.length === 0 || out[out.length - 1] !== t - ts) out.push(t - ts);
      prev = [t, c];
    }
    // 4 200 ids always overflow the 12-bit counter once; a second bump depends on the random
    // counter starts (about 1 run in 800, in Bun as here), so only the first two timestamps are compared.
    return { ok, bumps: bumps > 0, firstBelow2048, timestamps: out.slice(0, 2) };
  },
  // The clock's counter and the explicit one do not disturb each other; string order follows creation order.
  interplay: () => {
    const c1 = parse(Bun.randomUUIDv7()); const e1 = parse(Bun.randomUUIDv7("hex", 1000)); const c2 = parse(Bun.randomUUIDv7()); const e2 = parse(Bun.randomUUIDv7(1000));
    const counter = (b) => ((b[6] & 15) << 8) | b[7];
    const ordered = Array.from({ length: 200 }, () => Bun.randomUUIDv7());
    return [e1.readUIntBE(0, 6), e2.readUIntBE(0, 6), counter(e2) === counter(e1) + 1, c2.readUIntBE(0, 6) >= c1.readUIntBE(0, 6), Math.abs(c1.readUIntBE(0, 6) - Date.now()) < 5000, ordered.every((u, i) => i === 0 || ordered[i - 1] < u)];
  },
};
export default ([name, args]) => scenarios[name](args);
`;

const bytes = (kind: string, data: number[]): unknown => ["$bytes", kind, data];
const encodings = ["hex", "HEX", "base64", "base64url", "buffer", "Buffer", "utf8", "utf-8", "latin1", "binary", "ascii", "ucs2", "utf16le", "UTF-16LE", "nope", "", "hex "];

async function expectSame(inputs: unknown[]): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000 });
  expect(mismatches.map((m) => JSON.stringify(m))).toEqual([]);
}

describe("Bun.randomUUIDv5 against Bun", () => {
  it("names, namespaces and encodings: exact values and errors", async () => {
    const names = ["www.example.com", "", "é€😀", "\ud800", bytes("u8", [1, 2, 3]), bytes("buffer", [104, 105]), bytes("ab", [0]), bytes("dv", [255, 0]), bytes("u16", [1, 2, 3, 4]), bytes("sab", [7]), 5, null, undefined, true, ["$object"], ["$symbol", "s"]];
    const namespaces = [
      "dns", "url", "oid", "x500", "DNS", "Url", "X500", "bogus", "",
      "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "6ba7b8109dad11d180b400c04fd430c8", "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
      "6ba7b810x9dad-11d1-80b4-00c04fd430c8", "6ba7b810-9dad-11d1-80b4-00c04fd430cg", "6ba7b810-9dad-11d1-80b4-00c04fd430c", "ééé",
      bytes("u8", Array.from({ length: 16 }, (_, i) => i)), bytes("ab", Array.from({ length: 16 }, (_, i) => 255 - i)), bytes("dv", new Array(16).fill(7)), bytes("u8", new Array(15).fill(0)), bytes("buffer", new Array(17).fill(1)),
      5, null, undefined, ["$object"],
    ];
    const inputs: unknown[] = [];
    for (const name of names) for (const namespace of namespaces) inputs.push(["v5", [name, namespace]]);
    for (const encoding of [...encodings, 5, null, undefined, ["$object"]]) inputs.push(["v5", ["www.example.com", "url", encoding]], ["v5", [bytes("u8", [200, 201]), "dns", encoding]]);
    inputs.push(["v5", []], ["v5", ["x"]], ["v5", [5, "bogus", "nope"]], ["v5", ["x", "bogus", "nope"]], ["v5", ["x", 5, "nope"]], ["v5", ["x", bytes("u8", [1]), "nope"]], ["v5", ["x", "bogus", 5]]);
    await expectSame(inputs);
  });

  it("fast-check: random unicode names and near-UUID namespace strings", async () => {
    const uuidish = fc
      .tuple(fc.uuid(), fc.nat({ max: 35 }), fc.constantFrom("-", "g", "G", "0", "F", " ", "é"))
      .map(([uuid, at, ch]) => (at % 3 === 0 ? uuid : uuid.slice(0, at) + ch + uuid.slice(at + 1)));
    const arbitrary = fc.tuple(fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 })), fc.oneof(uuidish, fc.constantFrom("dns", "url", "oid", "x500")), fc.constantFrom(...encodings.slice(0, 13)));
    await expectSame(fc.sample(arbitrary, { numRuns: 400, seed: 3 }).map((args) => ["v5", args]));
  });
});

describe("Bun.randomUUIDv7 against Bun", () => {
  it("encodings, timestamps (numbers and Dates) and their errors", async () => {
    const timestamps = [0, 1, 1000, -0, 2 ** 48 - 1, 2 ** 48, -1, 1.5, -0.5, NaN, Infinity, -Infinity, 2 ** 53, 1e300, -1e21, 123456789.5, "5", null, true, ["$date", 5], ["$date", NaN], ["$date", -1], ["$date", 2 ** 48], ["$symbol", "t"], ["$object"]];
    const inputs: unknown[] = [["v7", []], ["v7", [undefined]], ["v7", [undefined, undefined]], ["v7", [undefined, 7]]];
    for (const ts of timestamps) inputs.push(["v7", [ts]], ["v7", ["hex", ts]], ["v7", [undefined, ts]], ["v7", [5, ts]]);
    // UTF-8 text of random bytes has a random length: v5 covers those encodings exactly.
    for (const encoding of [...encodings.filter((e) => !e.toLowerCase().startsWith("utf")), null, true, ["$object"]]) inputs.push(["v7", [encoding]], ["v7", [encoding, 1000]]);
    for (const ts of [0, 1, 1000, 1_700_000_000_000, 2 ** 48 - 1]) inputs.push(["v7explicit", ["buffer", ts]]);
    inputs.push(["sequence", [5000, 4200]], ["sequence", [2 ** 48 - 1, 4200]], ["sequence", [77, 10]], ["interplay", null]);
    await expectSame(inputs);
  });

  it("fast-check: arbitrary numbers as timestamps", async () => {
    const numbers = fc.oneof(fc.double(), fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), fc.integer({ min: 2 ** 48 - 3, max: 2 ** 48 + 3 }));
    await expectSame(fc.sample(numbers, { numRuns: 400, seed: 4 }).map((n) => ["v7", ["base64url", n]]));
  });
});
