// Bun.inspect and Bun.inspect.table under real Bun and under Node + dx-compat,
// compared byte for byte. Every value is built from JavaScript source inside
// the case module, so both runtimes print the very same structure: a table of
// hand-picked values (each under several options), errors with known stacks,
// tables, inspect.custom, web objects, and fast-check generated nestings of
// objects, arrays, Maps, Sets, odd strings and numbers.
//
// Left out on purpose, because the engines differ underneath (see the README):
// - an object whose symbol keys were added before its string keys (V8 lists
//   strings first; JavaScriptCore keeps insertion order);
// - errors with the stack their engine captured (frames and source preview
//   follow V8's positions): errors here carry a `stack` set by the case, and
//   none with `file:` URLs or `node:internal/` frames, the marks of a V8 trace
//   (read leniently, URLs shown as paths, Node's frames dropped);
// - "constructor" as a generated key: Bun itself then sometimes prints a
//   spurious `constructor {` class name;
// - names the engines infer differently (`[class {}][0]`), Request/Response
//   body sizes on Node 24, timer ids.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

interface Case {
  source: string;
  args?: unknown[];
  table?: boolean;
}

const caseModule = `
import { inspect } from "bun";
const K = Symbol.for("nodejs.util.inspect.custom");
const stacked = (stack, message = "m", ErrorClass = Error) => { const e = new ErrorClass(message); e.stack = stack; return e; };
export default ({ source, args = [], table = false }) => {
  const value = new Function("K", "stacked", "return (" + source + ");")(K, stacked);
  return table ? inspect.table(...value) : inspect(value, ...args);
};
`;

const values: string[] = [
  `"hello"`,
  `'he"l\\'lo\\n\\t\\u0001'`,
  `""`,
  `"\\u000b\\u0100"`,
  `"\\ud800x"`,
  `"😀 日本語 é"`,
  `[1, -0, 1.5, NaN, -Infinity, 1e21, 1e-7, 2 ** 53, 5e-324, 12n, -5n, true, null, undefined]`,
  `[Symbol("x"), Symbol(), Symbol("a\\nb")]`,
  `({ a: 1, b: "x" })`,
  `({ a: { b: { c: { d: { e: { f: { g: { h: { i: { j: 1 } } } } } } } } } })`,
  `[1, 2, 3]`,
  `[1, , 3, , , 6, ,]`,
  `[, , , 1]`,
  `(() => { const a = []; a[200] = 1; return a })()`,
  `({})`,
  `[]`,
  `({ "a-b": 1, "1": 2, "x y": 3, "ä": 4, 'q"': 5, [Symbol("s")]: 6, "": 7, $ok: 8, _u: 9, "Ā\\"": 10, "日本": 11 })`,
  `[function foo() {}, async function af() {}, function* g() {}, async function* ag() {}, class A {}, class B extends Array {}, Map, Promise, Math.max, (function g() {}).bind(null)]`,
  `[new Date(0), new Date(NaN), /a+b/gi, new Number(3), new String("s"), new Boolean(false)]`,
  `new Map([[1, "a"], ["b", { c: 2 }], [{ k: 1 }, [1, 2]]])`,
  `new Set([1, "two", {}, [3]])`,
  `[new WeakMap(), new WeakSet(), new Map(), new Set()]`,
  `[new Uint8Array([1, 2, 3]), new Float64Array([1.5, -0, NaN, Infinity]), new Float32Array([0.1, 1e30]), new BigInt64Array([1n, -2n]), new BigUint64Array([3n]), new Int16Array([-1, 300]), new Uint8ClampedArray([255])]`,
  `[new ArrayBuffer(4), new DataView(new ArrayBuffer(3)), new SharedArrayBuffer(2), new Uint8Array(0), new Uint8Array([1, 2, 3, 4]).subarray(1, 3)]`,
  `new Uint8Array(600)`,
  `new BigInt64Array(520)`,
  `[Promise.resolve(1), new Promise(() => {}), (() => { const p = Promise.reject(1); p.catch(() => {}); return p })()]`,
  `[Object.create(null), Object.assign(Object.create(null), { a: 1 })]`,
  `({ get a() { return 1 }, set b(v) {}, get c() { return 1 }, set c(v) {} })`,
  `new (class Foo { constructor() { this.x = 1 } })()`,
  `new (class Bar {})()`,
  `(() => { const o = { a: 1 }; o.self = o; o.list = [o, { o }]; return o })()`,
  `({ aaaaaaaaaa: 1, bbbbbbbbbbbb: 2, ccccccccccc: 3, dddddddddddd: 4, eeeeeeeeeeeeee: 5, fffffffffff: 6, gggggggggg: 7 })`,
  `Array.from({ length: 120 }, (_, i) => i)`,
  `Array.from({ length: 12 }, (_, i) => i)`,
  `Array.from({ length: 30 }, (_, i) => "item" + i)`,
  `[{ a: 1 }, { b: 2 }]`,
  `new Proxy({ a: 1 }, {})`,
  `(() => { let a = 1; for (let i = 0; i < 12; i++) a = [a]; return a })()`,
  `(() => { let m = 1; for (let i = 0; i < 12; i++) m = new Map([["k", m]]); return m })()`,
  `(() => { let s = 1; for (let i = 0; i < 12; i++) s = new Set([s]); return s })()`,
  `({ constructor: 1, a: 2 })`,
  `Object.create({ a: 1 })`,
  `Object.defineProperty({ a: 1 }, "hidden", { value: 2, enumerable: false })`,
  `({ [Symbol.toStringTag]: "Custom", a: 1 })`,
  `Object.create(class Zed {}.prototype)`,
  `new (class { constructor() { this.a = 1 } })()`,
  `(() => { class MyArr extends Array {} return MyArr.from([1, 2]) })()`,
  `(() => { class MyMap extends Map {} return new MyMap([[1, 2]]) })()`,
  `Object.assign([1, 2], { foo: "bar" })`,
  `Object.assign(function f() {}, { a: 1 })`,
  `new Map([[1, 2], [3, 4]]).entries()`,
  `new Set([1, 2]).values()`,
  `(function () { return arguments })(1, "a")`,
  `["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccc"]`,
  `({ m: new Map(), s: new Set() })`,
  `(() => { class A { constructor() { this.x = 1 } m() {} get g() { return 1 } static s() {} } return new A() })()`,
  `(() => { class A { a() {} } class B extends A { b() {} } const o = new B(); o.own = 1; return o })()`,
  `({ [Symbol.toStringTag]: "T", 1: 2 })`,
  `({ a: 1, get b() { return 2 } })`,
  `(() => { let p = { k0: 0 }; for (let i = 1; i < 8; i++) { p = Object.create(p); p["k" + i] = i } return Object.create(p) })()`,
  `JSON.parse('{"__proto__": 1, "a": 2}')`,
  `({ __esModule: true, a: 1 })`,
  `({ "01": 1, "1.5": 2, "-1": 3, "4294967295": 4, "4294967294": 5 })`,
  `(() => { class P { #x = 1; y = 2 } return new P() })()`,
  `(() => { function Old() { this.a = 1 } return new Old() })()`,
  `Object.assign(Object.create(null), { [Symbol.toStringTag]: "NT", a: 1 })`,
  `({ $$typeof: Symbol.for("react.element"), type: "div", props: { a: 1, title: "t" }, key: null })`,
  `({ a: [1, { b: [2, { c: 3 }] }], long: "y".repeat(100) })`,
  `["x".repeat(79), 1]`,
  `[[1, 2, [3, 4, [5, [6]]]], new Map([[[1], new Set([[2]])]])]`,
  `[11111111, [1], 33333333, 44444444, 55555555, 66666666, 77777777, 88888888, 99999999, 12345678]`,
  `[new Boolean(true), 11111111, 22222222, 33333333, 44444444, 55555555, 66666666, 77777777, 88888888]`,
  `["𘳉ꞎഊ", 11111111, 22222222, 33333333, 44444444, 55555555, 66666666, 77777777, 88888888, 99999999]`,
  `new Map([[1, "x".repeat(78)], [Promise.resolve(), 1]])`,
];

const optionSets: unknown[][] = [[], [{ colors: true }], [{ depth: 0 }], [{ depth: 1 }], [{ compact: true }], [{ sorted: true }], [{ depth: Infinity, colors: true }]];

const optionCases: Case[] = [
  ...[{ depth: -1 }, { depth: 1.5 }, { depth: NaN }, { depth: -Infinity }, { depth: 2 ** 40 }, { depth: -(2 ** 40) }, { depth: "1" }, { depth: null }, { colors: 1 }, { compact: 1 }, { sorted: "x" }].map((options) => ({
    source: `({ a: { b: { c: {} } } })`,
    args: [options],
  })),
  ...[[0], [1], [-1], [1.5], [Infinity], ["1"], [null], [1, true], [undefined, true], [null, true], [{}, true]].map((args) => ({ source: `({ a: { b: { c: {} } } })`, args })),
];

const errorStacks = [
  "Error: m\\n    at foo (bar.js:1:2)\\n    at new Baz (/x/y.js:10:20)\\n    at async qux (/a/b.js:3:4)",
  "Error: m\\n    at foo (bar.js)\\n    at baz (bar.js:7)\\n    at <anonymous> (x.js:1:1)\\n    at global code (g.js:2:2)",
  "Error: m\\n    at foo (bar.js:3:4)\\n    at bar.js:1:2\\n    at zed (z.js:5:6)",
  "Error: m\\n    at Object.<anonymous> (/nonexistent/q.js:1:2)\\n    at readFile (node:fs:1:2)",
  "Error: m\\n    at foo (C:\\\\x\\\\y.js:1:2)\\n    at foo (native)\\n    at foo (http://h:8/x.js:1:2)",
  "Error: m\\n    at (x.js:1:2)\\n    at foo x.js:1:2)",
];

const errors: string[] = [
  ...errorStacks.map((stack) => `stacked("${stack}")`),
  `Object.assign(stacked("Error: m\\n    at foo (bar.js:1:2)"), { extra: 1, longername: "x", code: "E_CODE" })`,
  `Object.assign(stacked("Error: E_X: boom\\n    at f (b.js:1:1)", "E_X: boom"), { code: "E_X" })`,
  `Object.assign(stacked("s\\n    at f (b.js:1:1)", ""), { name: "" })`,
  `Object.assign(stacked("s\\n    at f (b.js:1:1)", "msg"), { name: "" })`,
  `Object.assign(stacked("Error: m\\n    at f (b.js:1:1)"), { cause: stacked("Error: c\\n    at c (c.js:1:1)", "c") })`,
  `(() => { const e = new TypeError("m", { cause: stacked("Error: c\\n    at c (c.js:1:1)", "c") }); e.stack = "TypeError: m\\n    at f (b.js:1:1)"; return e })()`,
  `(() => { const e = stacked("Error: m\\n    at f (b.js:1:1)"); e.cause = e; return e })()`,
  `(() => { const e = stacked("Error: m\\n    at f (b.js:1:1)"); Object.defineProperty(e, "cause", { value: e }); return e })()`,
  `Object.assign(stacked("Error: m\\n    at f (b.js:1:1)"), { inner: stacked("Error: in\\n    at g (g.js:1:1)", "in"), obj: { a: { b: { c: 1 } } }, buf: Buffer.from("hi"), fn: function q() {}, arr: [1, [2, [3]]] })`,
  `(() => { const a = new AggregateError([stacked("Error: a\\n    at a (a.js:1:1)", "a"), 5, "str", { x: 1 }], "agg"); a.stack = "AggregateError: agg\\n    at z (z.js:1:1)"; return a })()`,
  `({ x: stacked("Error: m\\n    at f (b.js:1:1)"), y: 1 })`,
  `[1, stacked("Error: m\\n    at f (b.js:1:1)"), 2]`,
  `(() => { class MyErr extends TypeError {} const e = new MyErr("x"); e.stack = "MyErr: x\\n    at f (b.js:1:1)"; return e })()`,
  `(() => { class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr" } } const e = new MyErr("x"); e.stack = "MyErr: x\\n    at f (b.js:1:1)"; return e })()`,
  `Object.assign(stacked("Error: m\\n    at f (b.js:1:1)"), { s: "str", u: undefined, n: null, sym: Symbol("q"), big: 5n, code: 5 })`,
  `(() => { const e = stacked("Error: m\\n    at f (b.js:1:1)"); e.cause = stacked("Error: c\\n    at c (c.js:1:1)", "c"); e.cause.cause = e; return e })()`,
  `Object.assign(stacked("Error: m\\n    at f (b.js:1:1)", "multi\\nline"), { [Symbol("s")]: 1, 0: 5 })`,
];

const customs: string[] = [
  `({ [K]() { return "hello" } })`,
  `({ [K]() { return { a: 1, b: [1, 2] } } })`,
  `({ k: { [K]() { return "a\\nb" } } })`,
  `[{ [K]() { return "raw" } }, new Map([["a", { [K]() { return "mv" } }]])]`,
  `({ [K](d, o) { return "d=" + d + " " + typeof o + " " + o.depth + " " + o.colors + " " + Object.keys(o).join(",") } })`,
  `({ a: { b: { c: { [K](d) { return "deep" + d } } } } })`,
  `[[[{ [K](d) { return "d" + d } }]]]`,
  `({ get [K]() { return () => "getter" } })`,
  `new (class A { [K]() { return "proto" } })()`,
  `[{ [K]() { return undefined } }, { [K]() { return null } }, { [K]() { return "" } }, { [K]() { return [1, { a: 3 }] } }]`,
  `({ [K]() { return { [K]() { return "inner" } } } })`,
  // An inspector that returns the object itself: printed plainly, not inspected again.
  `({ a: 1, [K]() { return this } })`,
  `({ x: 1, [K]() { return { b: 2, [K]() { return this } } } })`,
  // Names from computed keys (methods, accessors, symbols) are not printed; static ones are.
  `(() => { const k = "bar"; return { ["foo"]() {}, async [k]() {}, *["gen"]() {}, get [k + "3"]() { return 1 }, [Symbol.iterator]() {}, [Symbol("s")]: function () {}, lit: () => {}, m() {} } })()`,
  `(() => { class C { static ["s1"]() {} static [Symbol.for("q")]() {} static plain() {} } return [C.s1, C[Symbol.for("q")], C.plain] })()`,
  `({ [K](d, o, inspect) { return inspect({ a: [1, "s"] }) + typeof inspect } })`,
  `({ [K](d, o) { return o.stylize("x", "string") + o.stylize("1", "number") + o.stylize("u", "undefined") } })`,
  `Buffer.from("hello")`,
  `[Buffer.alloc(100, 7), Object.assign(Buffer.from("hi"), { extra: 1 })]`,
  `new URL("http://user:pw@a.com:8080/x?y=1#z")`,
  `({ u: new URL("http://a.com/") })`,
  `[new URLSearchParams("a=1&b=2&a=3"), new URLSearchParams()]`,
  `[new Headers({ a: "1", "B-x": "2" }), new Headers(), new Headers([["set-cookie", "a=1"], ["set-cookie", "b=2"], ["X-A", "v"]])]`,
  `[new Blob(["abc"], { type: "x/y" }), new Blob([]), new Blob(["a".repeat(1536)]), new Blob([new Uint8Array(600)])]`,
  `[new File(["abc"], "a.txt", { type: "text/x", lastModified: 5 }), new File([], "e", { lastModified: 7 })]`,
  `(() => { const f = new FormData(); f.append("a", "1"); f.append("a", "2"); f.append("b", "x"); return [f, new FormData()] })()`,
  `new Response()`,
  `new ReadableStream()`,
];

const tables: string[] = [
  `[[{ a: 1, b: "x" }, { a: 2, c: true }]]`,
  `[[1, "two", { x: 1 }, [1, 2]]]`,
  `[[{ a: 1, b: 2 }, { a: 3 }], ["a"]]`,
  `[[{ a: 1, b: 2 }, { a: 3 }], ["b", "zz"]]`,
  `[{ r1: { a: 1 }, r2: { b: "日本語" } }]`,
  `[new Map([["k1", { a: 1 }], ["k2", 5]])]`,
  `[new Map([["k1", { a: 1 }], ["k2", 5]]), ["a"]]`,
  `[new Set([1, "s", { a: 1 }])]`,
  `[[{ a: { deep: { deeper: { x: 1 } } } }]]`,
  `[[{ a: "str", n: 5, u: undefined, s: Symbol("q") }], ["a", "n"], { colors: true }]`,
  `[[]]`,
  `[{}]`,
  `[5]`,
  `[null]`,
  `[[{ "😀": "😀😀", "a\\u0301": "é" }]]`,
  `[[{ a: "\\x1b[31mred\\x1b[0m" }]]`,
  `[[{ a: [1, [2, [3, [4, [5, [6]]]]]] }], { depth: 0 }]`,
  `[[{ b: 1, a: { z: 1, y: 2 } }], { sorted: true }]`,
  `[[{ a: new Map([[1, { x: 1 }]]) }], { compact: false }]`,
  `[Array.from({ length: 12 }, (_, i) => ({ i, sq: i * i }))]`,
  `[[{ a: 1 }, "prim", 3, null, { b: 2 }]]`,
  `[[{ a: function f() {}, b: class Q {}, c: new Date(0), d: /re/, e: 10n, f: -0, g: NaN }]]`,
  `[Object.assign(Object.create({ inh: 1 }), { own: 2 })]`,
];

// --- fast-check: nestings built as source text --------------------------------

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "a", "hello world", 'with"quote', "back\\slash", "new\nline", "tab\t", "\u0000\u001f\u007f", "é", "日本語", "😀", "\u2028", "x".repeat(90), "Ā\u000b"),
  fc.string({ unit: "grapheme", maxLength: 8 }),
);
const key = fc.oneof(fc.constantFrom("a", "b", "key", "$x", "_y", "a-b", "1", "42", "", "name", "ä", "日", "with space", "longpropertyname", "x1"), fc.string({ maxLength: 6 })).filter((k) => k !== "constructor" && k !== "__proto__");
const numberSource = fc
  .oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e21, 1e-7, 2 ** 53, 0.1, 123456789))
  .map((n) => (Object.is(n, -0) ? "-0" : String(n)));
const leaf = fc.oneof(
  text.map((s) => JSON.stringify(s)),
  numberSource,
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => `${b}n`),
  fc.constantFrom(
    "true",
    "false",
    "null",
    "undefined",
    "Symbol('s')",
    "Symbol()",
    "new Date(0)",
    "new Date(NaN)",
    "/ab+c/gi",
    "function named() {}",
    "class K {}",
    "new Uint8Array([1, 2, 3])",
    "new Float64Array([1.5, -0])",
    "new ArrayBuffer(2)",
    "Promise.resolve(1)",
    "new Number(5)",
    "new Boolean(true)",
    "new String('boxed')",
    "Object.create(null)",
    "new (class Pt { constructor() { this.x = 1; this.y = 2 } })()",
    "new WeakMap()",
    "[]",
    "({})",
    "new Map()",
    "new Set()",
    "new Int16Array([-1, 2])",
    "new BigInt64Array([5n])",
    "({ get g() { return 1 } })",
    "Object.assign([1, 2], { extra: true })",
    "new (class Pm { m() {} get g() { return 1 } })()",
    "stacked('Error: g\\n    at f (g.js:1:1)', 'g')",
    '"\\ud800"',
    "new Boolean(false)",
    "(function () { return arguments })(1, 2)",
  ),
);
const nested = fc.letrec<{ node: string; array: string; sparse: string; object: string; map: string; set: string }>((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object"), tie("map"), tie("set"), tie("sparse")),
  array: fc.array(tie("node"), { maxLength: 14 }).map((items) => `[${items.join(", ")}]`),
  sparse: fc
    .array(fc.option(tie("node"), { nil: undefined }), { maxLength: 8 })
    .map((items) => `[${items.map((item) => item ?? "").join(", ")}${items.length > 0 && items[items.length - 1] === undefined ? "," : ""}]`),
  object: fc.array(fc.tuple(key, tie("node")), { maxLength: 8 }).map((pairs) => `({${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")}})`),
  map: fc.array(fc.tuple(tie("node"), tie("node")), { maxLength: 5 }).map((pairs) => `new Map([${pairs.map(([k, v]) => `[${k}, ${v}]`).join(", ")}])`),
  set: fc.array(tie("node"), { maxLength: 5 }).map((items) => `new Set([${items.join(", ")}])`),
})).node;

const generatedOptions: readonly unknown[][] = [[], [{ depth: 2 }], [{ colors: true }], [{ compact: true }], [{ sorted: true }], [{ depth: 0 }], [{ depth: 20 }]];

function expectSame(mismatches: unknown[]): void {
  if (process.env["INSPECT_DEBUG"]) for (const m of mismatches as { index: number; input: unknown; bun: unknown; node: unknown }[]) console.log(JSON.stringify(m.input), "\nBUN ", JSON.stringify(m.bun), "\nNODE", JSON.stringify(m.node));
  expect(mismatches.slice(0, 3)).toEqual([]);
}

describe("Bun.inspect against real Bun", () => {
  it("prints a table of hand-picked values the same under every option set, and reads options alike", async () => {
    const cases: Case[] = [...values.flatMap((source) => optionSets.map((args) => ({ source, args }))), ...optionCases];
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expectSame(mismatches);
  });

  it("prints errors (known stacks), inspect.custom results, web objects and tables the same", async () => {
    const cases: Case[] = [
      ...errors.flatMap((source) => [{ source }, { source, args: [{ colors: true }] }]),
      ...customs.flatMap((source) => [{ source }, { source, args: [{ colors: true }] }, { source, args: [{ depth: 1 }] }]),
      ...tables.map((source) => ({ source, table: true })),
    ];
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expectSame(mismatches);
  });

  it("prints 700 generated nestings the same, with and without colors, at several depths", async () => {
    // A fresh seed each run (INSPECT_SEED replays one); the failure message names it.
    const seed = Number(process.env["INSPECT_SEED"] ?? process.env["DX_COMPAT_TEST_SEED"] ?? Math.floor(Math.random() * 2 ** 31));
    const sources = fc.sample(nested, { numRuns: 700, seed });
    const cases: Case[] = sources.map((source, index) => ({ source, args: generatedOptions[index % generatedOptions.length] ?? [] }));
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 3), `INSPECT_SEED=${seed}`).toEqual([]);
  });

  it("has the same shape: names, arities, the custom symbol", async () => {
    const { mismatches } = await compareBatch(
      `import { inspect } from "bun"; export default () => [typeof inspect, inspect.name, inspect.length, typeof inspect.table, inspect.table.name, inspect.table.length, inspect.custom === Symbol.for("nodejs.util.inspect.custom")];`,
      [0],
    );
    expectSame(mismatches);
  });
});
