// Bun.hash under real Bun and under Node + dx-compat: the same inputs, seeds
// and misuse, compared result by result (value and type, or error). This suite
// runs twice in CI, once on the native addon and once with DX_COMPAT_NATIVE=0
// on the TypeScript twin; the first batch proves which backend served.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { byteViewSource } from "./support/byte-views.ts";

const algorithms = [
  "wyhash",
  "adler32",
  "crc32",
  "cityHash32",
  "cityHash64",
  "xxHash32",
  "xxHash64",
  "xxHash3",
  "murmur32v2",
  "murmur32v3",
  "murmur64v2",
  "rapidhash",
] as const;

type Kind = "custom" | "u8" | "buffer" | "i16" | "f64" | "u64" | "dataview" | "arraybuffer" | "shared" | "blob";

interface Case {
  algorithm: string;
  data: unknown;
  /** When set, `data` is bytes to wrap in this kind of view, at `offset`. */
  kind?: Kind;
  offset?: number;
  seed?: unknown;
  seeded: boolean;
}

// Builds the requested view in the runtime under test, then hashes.
const caseModule = `
import { hash } from "bun";
${byteViewSource}
export default ({ algorithm, data, kind, offset, seed, seeded }) => {
  const input = kind ? view(kind, data, offset ?? 0) : data;
  const f = algorithm === "hash" ? hash : hash[algorithm];
  return seeded ? f(input, seed) : f(input);
};
`;

const anyCodeUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 80 });
const text = fc.oneof(anyCodeUnit, fc.string({ unit: "grapheme", maxLength: 60 }), fc.string({ maxLength: 300 }));
const seeds = fc.oneof(
  fc.integer({ min: 0, max: 0xffff_ffff }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.double(),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.constantFrom(0, -0, -1, 2 ** 32, 2 ** 63, 2 ** 64, -(2 ** 64), Infinity, -Infinity, NaN, 0n, -1n, 2n ** 64n, undefined, null, "5", true, 5.5),
);
const kinds: Kind[] = ["u8", "buffer", "i16", "f64", "u64", "dataview", "arraybuffer", "shared", "blob"];

function randomCases(algorithm: string, count: number): Case[] {
  const arbitrary = fc.record({
    byteCase: fc.boolean(),
    text,
    bytes: fc.uint8Array({ maxLength: 600 }),
    kind: fc.constantFrom(...kinds),
    offset: fc.integer({ min: 0, max: 3 }),
    seeded: fc.boolean(),
    seed: seeds,
  });
  return fc.sample(arbitrary, count).map((c) =>
    c.byteCase
      ? { algorithm, data: c.bytes, kind: c.kind, offset: c.offset, seed: c.seed, seeded: c.seeded }
      : { algorithm, data: c.text, seed: c.seed, seeded: c.seeded },
  );
}

/** Every length 0..=257, and the block edges of every algorithm (adler32's 5552, xxHash3's 240/1024, ...). */
function boundaryCases(algorithm: string): Case[] {
  const pattern = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 131 + 7) & 0xff);
  const lengths = [...Array.from({ length: 258 }, (_, i) => i)];
  for (const edge of [320, 512, 1024, 2048, 4096, 5552, 8192, 65_536]) lengths.push(edge - 1, edge, edge + 1);
  const cases: Case[] = [];
  for (const length of lengths) {
    const bytes = pattern.subarray(0, length);
    cases.push({ algorithm, data: bytes, kind: "u8", seeded: false });
    cases.push({ algorithm, data: bytes, kind: "u8", seed: 0xdead_beef_cafe_f00dn, seeded: true });
    if (length % 3 === 0) cases.push({ algorithm, data: bytes, kind: "u8", offset: 1 + (length % 5), seed: 7, seeded: true });
  }
  cases.push({ algorithm, data: "", seeded: false }, { algorithm, data: "", seed: 0, seeded: true });
  return cases;
}

/** What Bun does with input that is not a string or bytes, and with odd seeds. */
function misuseCases(algorithm: string): Case[] {
  const inputs: unknown[] = [undefined, null, 123, -0, 1.5, 5n, true, {}, [1, 2], ["a", ["b"]], Symbol("s")];
  return [
    ...inputs.map((data) => ({ algorithm, data, seeded: false })),
    // An object with its own toString (built in the runtime: functions do not cross processes).
    { algorithm, data: "custom", kind: "custom", seeded: false },
    { algorithm, data: "abc", seed: "12", seeded: true },
    { algorithm, data: "abc", seed: {}, seeded: true },
  ];
}

describe("Bun.hash against real Bun", () => {
  it(`is served by the ${process.env.DX_COMPAT_NATIVE === "0" ? "TypeScript twin" : "native addon"} in the Node process`, async () => {
    const expected = process.env.DX_COMPAT_NATIVE === "0" ? "typescript" : "native";
    // The built @dx-compat/native that dx-compat/register's Bun.hash loads, by absolute URL.
    const nativeEntry = new URL("../../../native/dist/index.js", import.meta.url).href;
    const { node } = await compareBatch(`export default async () => (await import(${JSON.stringify(nativeEntry)})).backend();`, [0]);
    expect(node).toEqual([{ resolves: expected }]);
  });

  it.each(["hash", ...algorithms])("%s: 3000 random inputs and seeds, boundary lengths, misuse", async (algorithm) => {
    const cases = [...randomCases(algorithm, 3000), ...boundaryCases(algorithm), ...misuseCases(algorithm)];
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it("exposes the same function shape: names, lengths, members", async () => {
    const { mismatches } = await compareBatch(
      `import { hash } from "bun"; export default () => [typeof hash, hash.name, hash.length, Object.keys(hash), ...Object.keys(hash).map((k) => [hash[k].name, hash[k].length]), hash === hash.wyhash];`,
      [0],
    );
    expect(mismatches).toEqual([]);
  });
});
