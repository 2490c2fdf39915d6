// Bun.TOML, YAML, JSON5, JSONC and JSONL under real Bun and under Node +
// dx-compat: a corpus of documents and values (valid and invalid, errors
// compared by class and message), generated JSON-like values through every
// stringify, and objects that share or contain themselves (YAML anchors).
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCases, type FormatCase } from "./text-formats-cases.ts";

// Temporal values are compared as class and text; "shared"/"cycle" build
// object graphs that cannot cross the process boundary.
const caseModule = `
const show = (v) => {
  if (v && typeof v === "object" && /^(Instant|PlainDate|PlainDateTime|PlainTime)$/.test(v.constructor?.name ?? "")) return { temporal: v.constructor.name, text: String(v) };
  if (Array.isArray(v)) return v.map(show);
  if (v && typeof v === "object" && !(v instanceof Error) && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, show(x)]));
  return v;
};
const build = (arg) => {
  if (arg === "@shared") { const s = { x: 1 }; return { a: s, b: [s, { c: s }] }; }
  if (arg === "@cycle") { const c = { name: "c" }; c.self = c; c.list = [c]; return c; }
  if (arg === "@fn") return { f() {}, s: Symbol("s"), keep: 1 };
  return arg;
};
export default ([api, fn, args]) => show(Bun[api][fn](...args.map(build)));
`;

const key = fc.oneof(fc.constantFrom("a", "b", "key", "with space", "1", "", "y", "true", "é", "a.b", "$x"), fc.string({ maxLength: 6 }));
const text = fc.oneof(fc.constantFrom("", " x", "x ", "yes", "123", "-1", "a: b", "#c", "multi\nline", "quote'\"", "é😀", "\t"), fc.string({ maxLength: 12 }));
const scalar = fc.oneof(text, fc.integer(), fc.double({ noDefaultInfinity: false, noNaN: false }), fc.boolean(), fc.constant(null));
const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
})).value;
const tomlTable = fc.dictionary(
  key,
  fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(key, fc.oneof(text, fc.integer()), { maxKeys: 3 }), fc.array(fc.dictionary(key, fc.integer(), { maxKeys: 2 }), { minLength: 1, maxLength: 2 })),
  { maxKeys: 5 },
);

function generated(): FormatCase[] {
  const cases: FormatCase[] = [];
  for (const value of fc.sample(jsonLike, 150)) {
    cases.push(["YAML", "stringify", [value]], ["YAML", "stringify", [value, null, 2]]);
    cases.push(["JSON5", "stringify", [value]], ["JSON5", "stringify", [value, null, "\t"]]);
    cases.push(["JSONL", "parse", [`${JSON.stringify(value)}\n${JSON.stringify([value])}\n`]]);
    cases.push(["JSONC", "parse", [JSON.stringify(value, null, 1)]]);
  }
  for (const table of fc.sample(tomlTable, 150)) cases.push(["TOML", "stringify", [table]]);
  return cases;
}

const graphs: FormatCase[] = [
  ["YAML", "stringify", ["@shared"]],
  ["YAML", "stringify", ["@shared", null, 2]],
  ["YAML", "stringify", ["@cycle"]],
  ["YAML", "stringify", ["@cycle", null, 2]],
  ["YAML", "stringify", ["@fn"]],
  ["JSON5", "stringify", ["@cycle"]],
  ["JSON5", "stringify", ["@fn", null, 2]],
  ["TOML", "stringify", ["@cycle"]],
  ["TOML", "stringify", ["@fn"]],
];

describe("Bun's text formats against real Bun", () => {
  it("parse and stringify the corpus the same (values, error classes and messages)", async () => {
    const cases = [...formatCases, ...graphs].filter(([api, fn]) => !(api === "TOML" && fn === "parse"));
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("TOML.parse: same values; same error class (messages differ where smol-toml words them otherwise)", async () => {
    const cases = formatCases.filter(([api, fn]) => api === "TOML" && fn === "parse");
    const { bun, node } = await compareBatch(caseModule, cases);
    const shape = (outcome: unknown): unknown => {
      const thrown = (outcome as { throws?: { name: string } }).throws;
      return thrown === undefined ? outcome : { throws: thrown.name };
    };
    expect(node.map(shape)).toEqual(bun.map(shape));
  });

  it("stringify and parse ~1 000 generated values the same", async () => {
    const cases = generated();
    const { mismatches } = await compareBatch(caseModule, cases);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("expose the same members", async () => {
    const { mismatches } = await compareBatch(
      `export default () => ["TOML", "YAML", "JSON5", "JSONC", "JSONL"].map((k) => [k, Object.prototype.toString.call(Bun[k]), Object.keys(Bun[k]), Object.keys(Bun[k]).map((m) => [m, Bun[k][m].name, Bun[k][m].length])]);`,
      [0],
    );
    expect(mismatches).toEqual([]);
  });
});
