// Bun.TOML, YAML, JSON5, JSONC and JSONL in process: the examples Bun's
// documentation gives (outputs as real Bun 1.4.5 prints them), argument
// handling, and the round trips that must hold. (Against real Bun:
// text-formats.differential.test.ts.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JSON5, JSONC, JSONL, TOML, YAML } from "../src/index.ts";

const key = fc.oneof(fc.constantFrom("a", "key", "with space", "1", "", "y", "true", "é", "a.b", "-x", "#c"), fc.string({ maxLength: 6 }));
const text = fc.oneof(fc.constantFrom("", " x", "x ", "yes", "123", "-1", "a: b", "#c", "multi\nline", "quote'\"", "é😀", "\t", "~", "null", "0x1f", "1e3"), fc.string({ maxLength: 12 }));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), finite, fc.boolean(), fc.constant(null), fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
})).value;

describe("TOML", () => {
  it("parses date-times into Temporal values and refuses integers past 2^53", () => {
    const doc = TOML.parse("a = 1979-05-27T00:32:00.999999-07:00\nb = 1979-05-27T07:32:00\nc = 1979-05-27\nd = 07:32:00.5") as Record<string, { constructor: { name: string } }>;
    expect([doc["a"], doc["b"], doc["c"], doc["d"]].map((v) => [v?.constructor.name, String(v)])).toEqual([
      ["Instant", "1979-05-27T07:32:00.999999Z"],
      ["PlainDateTime", "1979-05-27T07:32:00"],
      ["PlainDate", "1979-05-27"],
      ["PlainTime", "07:32:00.5"],
    ]);
    expect(TOML.parse("j = 9007199254740991")).toEqual({ j: 9007199254740991 });
    expect(() => TOML.parse("j = -9007199254740992")).toThrow(
      new SyntaxError("TOML Parse error: Integer cannot be losslessly represented as a JavaScript number; it must be within +/-(2^53 - 1)"),
    );
    expect(TOML.parse("f = inf\ng = nan\n[[t]]\nx = 1\n[[t]]\nx = 2")).toEqual({ f: Infinity, g: NaN, t: [{ x: 1 }, { x: 2 }] });
  });

  it("reads bytes and in-memory Blobs; refuses null with Bun's TypeError", () => {
    expect(TOML.parse(new TextEncoder().encode("a = 1"))).toEqual({ a: 1 });
    expect(TOML.parse(new Blob(["a = 'x'"]) as never)).toEqual({ a: "x" });
    expect(() => TOML.parse(null as never)).toThrow(new TypeError("input must be a string, ArrayBuffer, ArrayBufferView or Blob"));
    expect(() => TOML.parse('a = "x')).toThrow(new SyntaxError("TOML Parse error: Unterminated string"));
  });

  it("stringifies as Bun's documentation shows", () => {
    expect(TOML.stringify({ name: "app", server: { port: 8080 } })).toBe('name = "app"\n\n[server]\nport = 8080\n');
    expect(TOML.stringify(undefined)).toBeUndefined();
    expect(() => TOML.stringify({ x: null })).toThrow("TOML cannot represent null (key 'x'); remove the key or use a sentinel value");
    expect(() => TOML.stringify([1] as never)).toThrow("TOML.stringify expects an object at the top level (a TOML document is a table)");
  });

  it("round-trips tables of strings, numbers, booleans, arrays and sub-tables", () => {
    const value = fc.oneof(text, fc.integer(), finite, fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
    const table = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 }), fc.array(fc.dictionary(key, value, { maxKeys: 2 }), { minLength: 1, maxLength: 2 })), { maxKeys: 5 });
    fc.assert(
      fc.property(table, (t) => {
        expect(TOML.parse(TOML.stringify(t))).toEqual(t);
      }),
    );
  });
});

describe("YAML", () => {
  it("parses as Bun's documentation shows", () => {
    expect(YAML.parse("123")).toBe(123);
    expect(YAML.parse("null")).toBe(null);
    expect(YAML.parse("false")).toBe(false);
    expect(YAML.parse("abc")).toBe("abc");
    expect(YAML.parse("- abc")).toEqual(["abc"]);
    expect(YAML.parse("abc: def")).toEqual({ abc: "def" });
    expect(YAML.parse("---\na: 1\n---\nb: 2")).toEqual([{ a: 1 }, { b: 2 }]);
    const shared = YAML.parse("a: &x [1]\nb: *x") as { a: unknown; b: unknown };
    expect(shared.a).toBe(shared.b);
    expect(() => YAML.parse("a: [")).toThrow(new SyntaxError("YAML Parse error: Unexpected token"));
  });

  it("stringifies as Bun's documentation shows, anchors included", () => {
    expect(YAML.stringify({ abc: "def", num: 123 })).toBe("{abc: def,num: 123}");
    expect(YAML.stringify({ abc: "def", num: 123 }, null, 2)).toBe("abc: def\nnum: 123");
    const cycle: Record<string, unknown> = {};
    cycle["self"] = cycle;
    expect(YAML.stringify(cycle, null, 2)).toBe("&root\nself:\n  *root");
    expect(YAML.stringify(["true", "123", "a b", ""])).toBe('["true","123",a b,""]');
  });

  it("round-trips JSON-like values in flow and block style", () => {
    fc.assert(
      fc.property(jsonLike, (value) => {
        expect(YAML.parse(YAML.stringify(value))).toEqual(value);
        expect(YAML.parse(YAML.stringify(value, null, 2))).toEqual(value);
      }),
    );
  });
});

describe("JSON5", () => {
  it("parses the documentation's example and stringifies as Bun does", () => {
    expect(JSON5.parse("{\n  // c\n  name: 'my-app',\n  hex: 0xDEADbeef,\n  half: .5,\n  infinity: Infinity,\n}")).toEqual({ name: "my-app", hex: 0xdeadbeef, half: 0.5, infinity: Infinity });
    expect(JSON5.stringify({ a: 1, b: "two" })).toBe("{a:1,b:'two'}");
    expect(JSON5.stringify({ a: 1, b: 2 }, null, 2)).toBe("{\n  a: 1,\n  b: 2,\n}");
    expect(JSON5.stringify(undefined)).toBeUndefined();
    expect(() => JSON5.parse("[1,2")).toThrow(new SyntaxError("JSON5 Parse error: Unterminated array"));
  });

  it("round-trips JSON-like values", () => {
    fc.assert(
      fc.property(jsonLike, fc.constantFrom(undefined, 2, "\t"), (value, space) => {
        expect(JSON5.parse(JSON5.stringify(value, null, space) as string)).toEqual(value);
      }),
    );
  });
});

describe("JSONC", () => {
  it("allows comments and trailing commas, and reads JSON text as JSON.parse does", () => {
    expect(JSONC.parse('{\n  // c\n  "name": "my-app", /* b */\n  "version": "1.0.0", // trailing comma\n}')).toEqual({ name: "my-app", version: "1.0.0" });
    expect(() => JSONC.parse("{")).toThrow(new SyntaxError('JSONC Parse error: Expected "}" but found end of file'));
    expect(() => JSONC.parse(null as never)).toThrow(new TypeError("input must be a string"));
    fc.assert(
      fc.property(jsonLike, (value) => {
        expect(JSONC.parse(JSON.stringify(value, null, 2))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe("JSONL", () => {
  it("parses as Bun's documentation shows", () => {
    expect(JSONL.parse('{"a":1}\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(JSONL.parse(new TextEncoder().encode('{"a":1}\n{"b":2}\n'))).toEqual([{ a: 1 }, { b: 2 }]);
    expect(JSONL.parse('{"a":1}\n{bad}\n')).toEqual([{ a: 1 }]);
    expect(() => JSONL.parse("{bad}\n")).toThrow(new SyntaxError("Failed to parse JSONL"));
    expect(Object.prototype.toString.call(JSONL)).toBe("[object JSONL]");
  });

  it("parseChunk reports what it read, leaving an unfinished value for later", () => {
    const { values, read, done, error } = JSONL.parseChunk('{"a":1}\n{"b":2}\n{"c"');
    expect({ values, read, done, error }).toEqual({ values: [{ a: 1 }, { b: 2 }], read: 15, done: false, error: null });
    const bytes = JSONL.parseChunk(new TextEncoder().encode('"é"\n1\n'));
    expect([bytes.values, bytes.read]).toEqual([["é", 1], 6]);
  });

  it("round-trips any sequence of JSON values, one per line", () => {
    fc.assert(
      fc.property(fc.array(jsonLike, { maxLength: 6 }), (values) => {
        const lines = values.map((v) => `${JSON.stringify(v)}\n`).join("");
        expect(JSONL.parse(lines)).toEqual(JSON.parse(`[${values.map((v) => JSON.stringify(v)).join(",")}]`));
      }),
    );
  });
});
