// Bun.inspect and Bun.inspect.table: the outputs below are real Bun 1.4.5's for
// the same values (the differential suite checks thousands more against Bun
// itself); the properties check laws of the format.
import fc from "fast-check";
import { inspect as nodeInspect } from "node:util";
import { describe, expect, it } from "vitest";
import { inspect } from "../src/index.ts";

const ANSI = /\x1b\[[0-9;]*m/g;

/** A stack in V8's format pointing at a file that does not exist, so no source preview is printed. */
function errorWithStack(message: string, frames: string, ErrorClass: ErrorConstructor = Error): Error {
  const error = new ErrorClass(message);
  error.stack = `${error.name}: ${message}\n${frames}`;
  return error;
}

const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ maxLength: 8 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("Bun.inspect: primitives", () => {
  it("quotes top-level strings and escapes like Bun", () => {
    expect(inspect("hello")).toBe('"hello"');
    expect(inspect("")).toBe('""');
    expect(inspect('he"l\'lo\n\t\u0001')).toBe('"he\\"l\'lo\\n\\t\\u0001"');
    // Latin-1 strings escape with upper-case hex, others go through JSON.stringify.
    expect(inspect("\u000b")).toBe('"\\u000B"');
    expect(inspect("\u000b\u0100")).toBe('"\\u000bĀ"');
    expect(inspect("\ud800")).toBe('"\\ud800"');
  });

  it("prints numbers, -0, bigints, symbols and the rest", () => {
    expect([1, -0, 1.5, NaN, -Infinity, 1e21, 1e-7, 12n, Symbol("x"), Symbol(), undefined, null, true].map((v) => inspect(v))).toEqual([
      "1",
      "-0",
      "1.5",
      "NaN",
      "-Infinity",
      "1e+21",
      "1e-7",
      "12n",
      "Symbol(x)",
      "Symbol()",
      "undefined",
      "null",
      "true",
    ]);
  });

  it("prints boxed primitives, dates and regular expressions", () => {
    expect(inspect(new Number(3))).toBe("[Number: 3]");
    expect(inspect(new Boolean(false))).toBe("[Boolean: false]");
    expect(inspect(new String("s"))).toBe('"s"');
    expect(inspect(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(inspect(new Date(NaN))).toBe("Invalid Date");
    expect(inspect(/a+b/gi)).toBe("/a+b/gi");
  });
});

describe("Bun.inspect: objects and arrays", () => {
  it("breaks objects over lines with trailing commas and quotes non-identifier keys", () => {
    expect(inspect({ a: 1, b: "x" })).toBe('{\n  a: 1,\n  b: "x",\n}');
    expect(inspect({})).toBe("{}");
    expect(inspect({ "a-b": 1, "1": 2, ä: 3, $ok: 4, [Symbol("s")]: 5 })).toBe('{\n  "1": 2,\n  "a-b": 1,\n  "ä": 3,\n  $ok: 4,\n  [Symbol(s)]: 5,\n}');
  });

  it("keeps short arrays on one line, breaks long ones and cuts after 100 items", () => {
    expect(inspect([1, 2, 3])).toBe("[ 1, 2, 3 ]");
    expect(inspect([])).toBe("[]");
    expect(inspect(Array.from({ length: 12 }, (_, i) => i))).toBe("[\n  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11\n]");
    const long = inspect(Array.from({ length: 120 }, (_, i) => i));
    expect(long.endsWith("  ... 20 more items\n]")).toBe(true);
    expect(inspect([{ a: 1 }, { b: 2 }])).toBe("[\n  {\n    a: 1,\n  }, {\n    b: 2,\n  }\n]");
  });

  it("shows holes and extra array properties", () => {
    expect(inspect([1, , 3, , , 6, ,])).toBe("[ 1, empty item, 3, 2 x empty items, 6, empty item ]");
    expect(inspect(Object.assign([1, 2], { foo: "bar" }))).toBe('[ 1, 2, foo: "bar" ]');
    const sparse: number[] = [];
    sparse[1e9] = 1;
    expect(inspect(sparse)).toBe("[\n  1000000000 x empty items, 1\n]");
  });

  it("names class instances and null-prototype objects, lists getters without calling them", () => {
    class Foo {
      x = 1;
    }
    expect(inspect(new Foo())).toBe("Foo {\n  x: 1,\n}");
    expect(inspect(new (class Bar {})())).toBe("Bar {}");
    expect(inspect(Object.create(null))).toBe("[Object: null prototype] {}");
    let calls = 0;
    const accessors = {
      get a() {
        calls++;
        return 1;
      },
      set b(_: unknown) {},
    };
    expect(inspect(accessors)).toBe("{\n  a: [Getter],\n  b: [Setter],\n}");
    expect(calls).toBe(0);
  });

  it("lists class methods and inherited properties as Bun's walker does", () => {
    class A {
      x = 1;
      m(): void {}
      get g(): number {
        return 1;
      }
    }
    expect(inspect(new A())).toBe("A {\n  x: 1,\n  m: [Function: m],\n  g: [Getter],\n}");
    expect(inspect(Object.create({ a: 1 }))).toBe("{\n  a: 1,\n}");
  });

  it("marks circular references and stops at depth 8 by default", () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular["self"] = circular;
    expect(inspect(circular)).toBe("{\n  a: 1,\n  self: [Circular],\n}");
    let nested: unknown = 1;
    for (let i = 0; i < 12; i++) nested = [nested];
    expect(inspect(nested)).toContain("[Array ...]");
    expect(inspect({ a: { b: 1 } }, { depth: 0 })).toBe("{\n  a: [Object ...],\n}");
  });

  it("prints Map, Set and their weak and iterator forms", () => {
    expect(inspect(new Map<unknown, unknown>([[1, "a"], ["b", { c: 2 }]]))).toBe('Map(2) {\n  1: "a",\n  "b": {\n    c: 2,\n  },\n}');
    expect(inspect(new Set([1, "two"]))).toBe('Set(2) {\n  1,\n  "two",\n}');
    expect(inspect(new WeakMap())).toBe("WeakMap {}");
    expect(inspect(new Map([[1, 2]]).keys())).toBe("MapIterator { \n  1,\n}");
  });

  it("prints binary data", () => {
    expect(inspect(new Uint8Array([1, 2, 3]))).toBe("Uint8Array(3) [ 1, 2, 3 ]");
    expect(inspect(new Float64Array([1.5, -0, NaN]))).toBe("Float64Array(3) [ 1.5, 0, NaN ]");
    expect(inspect(new BigInt64Array([1n, -2n]))).toBe("BigInt64Array(2) [ 1n, -2n ]");
    expect(inspect(new ArrayBuffer(2))).toBe("ArrayBuffer(2) [ 0, 0 ]");
    expect(inspect(Buffer.from("hi"))).toBe("<Buffer 68 69>");
    expect(inspect(new Uint8Array(600)).endsWith(", ... 87 more ]")).toBe(true);
  });

  it("prints functions, classes and promises", () => {
    expect(inspect(function foo() {})).toBe("[Function: foo]");
    expect(inspect(async function af() {})).toBe("[AsyncFunction: af]");
    expect(inspect(function* g() {})).toBe("[GeneratorFunction: g]");
    expect(inspect(class A {})).toBe("[class A]");
    expect(inspect(class B extends Array {})).toBe("[class B extends Array]");
    expect(inspect(Map)).toBe("[class Map]");
    expect(inspect(Promise.resolve(1))).toBe("Promise { <resolved> }");
    expect(inspect(new Promise(() => {}))).toBe("Promise { <pending> }");
    const rejected = Promise.reject(new Error("x"));
    rejected.catch(() => {});
    expect(inspect(rejected)).toBe("Promise { <rejected> }");
  });
});

describe("Bun.inspect: options", () => {
  it("colors with Bun's ANSI codes", () => {
    expect(inspect("str", { colors: true })).toBe("\x1b[0m\x1b[32m\"str\"\x1b[0m");
    expect(inspect([1, "a"], { colors: true })).toBe('[ \x1b[0m\x1b[33m1\x1b[0m\x1b[0m\x1b[2m,\x1b[0m \x1b[0m\x1b[32m"a"\x1b[0m\x1b[0m ]');
  });

  it("compacts onto one line, sorts keys", () => {
    expect(inspect({ b: 1, a: { c: [1, 2, { d: 3 }] }, s: new Set([1, 2]) }, { compact: true })).toBe("{ b: 1, a: { c: [ 1, 2, { d: 3 } ] }, s: Set(2) { 1, 2 } }");
    expect(inspect({ b: 1, a: 2 }, { sorted: true })).toBe("{\n  a: 2,\n  b: 1,\n}");
  });

  it("reads depth like Bun: integers and infinities, positional form, Bun's errors", () => {
    const value = { a: { b: {} } };
    expect(inspect(value, 0 as never)).toBe("{\n  a: [Object ...],\n}");
    expect(inspect(value, { depth: Infinity })).toBe("{\n  a: {\n    b: {},\n  },\n}");
    expect(inspect(value, { depth: "1" as never })).toBe("{\n  a: {\n    b: {},\n  },\n}");
    expect(() => inspect(value, { depth: -1 })).toThrow(expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "expected depth to be greater than or equal to 0, got -1" }));
    expect(() => inspect(value, { depth: 1.5 })).toThrow("expected depth to be an integer, got 1.5");
    expect((inspect as (...args: unknown[]) => string)()).toBe("");
  });
});

describe("Bun.inspect.custom", () => {
  it("is the Node.js symbol and is called with (depth, options, inspect)", () => {
    expect(inspect.custom).toBe(Symbol.for("nodejs.util.inspect.custom"));
    let seen: unknown[] = [];
    const value = {
      [inspect.custom](...args: unknown[]) {
        seen = args;
        return "custom!";
      },
    };
    expect(inspect({ k: value })).toBe("{\n  k: custom!,\n}");
    expect(seen[0]).toBe(7);
    expect(Object.keys(seen[1] as object)).toEqual(["stylize", "depth", "colors"]);
    expect(seen[2]).toBe(nodeInspect);
  });

  it("formats a non-string result again", () => {
    expect(inspect({ [inspect.custom]: () => ({ a: 1 }) })).toBe("{\n  a: 1,\n}");
  });

  it("prints an object its inspector hands back as it is, without calling the inspector again", () => {
    let calls = 0;
    const value = {
      a: 1,
      [inspect.custom]() {
        calls++;
        return this;
      },
    };
    expect(inspect(value)).toBe("{\n  a: 1,\n  [Symbol(nodejs.util.inspect.custom)]: [Function],\n}");
    expect(calls).toBe(1);
  });

  it("prints Node's own objects without throwing (Node's MessagePort inspector returns a copy that inspects to itself)", async () => {
    const { MessageChannel: NodeMessageChannel, BroadcastChannel: NodeBroadcastChannel } = await import("node:worker_threads");
    const { createServer } = await import("node:http");
    const { Socket } = await import("node:net");
    const { Readable } = await import("node:stream");
    const { AsyncLocalStorage } = await import("node:async_hooks");
    const channel = new NodeMessageChannel();
    const webChannel = new MessageChannel();
    const broadcast = new NodeBroadcastChannel("dx-compat-inspect-test");
    const timer = setTimeout(() => {}, 1000);
    try {
      const values = [channel.port1, webChannel.port2, broadcast, createServer(), new Socket(), new Readable(), new AsyncLocalStorage(), timer, process, new WebAssembly.Memory({ initial: 1 })];
      for (const value of values) {
        for (const options of [{}, { colors: true }, { depth: 4 }]) expect(typeof inspect(value, options)).toBe("string");
      }
      expect(inspect(channel.port1)).toMatch(/^MessagePort \{\n {2}active: true,/);
    } finally {
      channel.port1.close();
      webChannel.port1.close();
      broadcast.close();
      clearTimeout(timer);
    }
  });
});

describe("Bun.inspect: errors", () => {
  it("prints name, message, extra properties, frames and causes", () => {
    const error = errorWithStack("m", "    at foo (bar.js:1:2)");
    Object.assign(error, { extra: 1, longername: "x", code: "E_CODE" });
    expect(inspect(error)).toBe('error: m\n      extra: 1,\n longername: "x",\n       code: "E_CODE"\n\n      at foo (bar.js:1:2)\n');
    const withCause = new TypeError("bad", { cause: errorWithStack("c", "    at c (c.js:1:1)") });
    withCause.stack = "TypeError: bad\n    at f (b.js:1:1)";
    expect(inspect(withCause)).toBe("TypeError: bad\n      at f (b.js:1:1)\n\nerror: c\n      at c (c.js:1:1)\n");
  });

  it("prints an AggregateError's errors", () => {
    const aggregate = new AggregateError([errorWithStack("a", "    at a (a.js:1:1)"), 5], "agg");
    expect(inspect(aggregate)).toBe("error: a\n      at a (a.js:1:1)\nerror: 5\n5\n");
  });
});

describe("Bun.inspect.table", () => {
  it("draws Bun's box table with an index column and a Values column", () => {
    expect(inspect.table([{ a: 1, b: "x" }, 5])).toBe(
      ["┌───┬───┬───┬────────┐", "│   │ a │ b │ Values │", "├───┼───┼───┼────────┤", "│ 0 │ 1 │ x │        │", "│ 1 │   │   │ 5      │", "└───┴───┴───┴────────┘", ""].join("\n"),
    );
  });

  it("keeps only the requested properties, takes options in their place, returns '' for non-objects", () => {
    expect(inspect.table([{ a: 1, b: 2 }], ["b"])).toBe(["┌───┬───┐", "│   │ b │", "├───┼───┤", "│ 0 │ 2 │", "└───┴───┘", ""].join("\n"));
    expect(inspect.table([{ a: 1 }], { colors: true })).toContain("\x1b[0m\x1b[1ma\x1b[0m");
    expect(inspect.table(5 as never)).toBe("");
  });
});

describe("Bun.inspect: laws", () => {
  it("colored output minus its escape codes is the plain output", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(inspect(value, { colors: true }).replace(ANSI, "")).toBe(inspect(value));
      }),
      { numRuns: 300 },
    );
  });

  it("compact output of JSON-like values has no line breaks of its own", () => {
    fc.assert(
      fc.property(json, (value) => {
        const printed = inspect(value, { compact: true });
        const strings = JSON.stringify(value) ?? "";
        if (!strings.includes("\\n")) expect(printed.includes("\n")).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("an array's element text does not depend on where the array sits (depth permitting)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 5 }), (items) => {
        expect(inspect({ wrapped: items }, { compact: true })).toBe(`{ wrapped: ${inspect(items, { compact: true })} }`);
      }),
      { numRuns: 200 },
    );
  });
});
