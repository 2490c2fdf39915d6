// ShadowRealm against real Bun 1.4.5: the same sources evaluated, the same
// values thrown and passed across the boundary, the same misuse, in both
// runtimes. Engine-worded messages (a parse error, a TypeError JavaScriptCore
// and V8 phrase differently) are compared by class only.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const caseModule = `
const kind = (e) => (e instanceof TypeError ? "TypeError" : e instanceof SyntaxError ? "SyntaxError" : e instanceof Error ? e.constructor.name : typeof e);
const caught = (f, keepMessage = true) => {
  try { const value = f(); return { value: describe(value) }; }
  catch (e) { return keepMessage ? { error: kind(e), message: e?.message } : { error: kind(e) }; }
};
const describe = (value) => (typeof value === "function" ? { fn: value.name, length: value.length, prototype: "prototype" in value, proto: Object.getPrototypeOf(value) === Function.prototype } : typeof value === "symbol" ? String(value) : value);

export default async (input) => {
  const realm = new ShadowRealm();
  switch (input.kind) {
    case "evaluate":
      return caught(() => realm.evaluate(input.source), input.keepMessage);
    case "throw-evaluate":
      return caught(() => realm.evaluate("throw " + input.source));
    case "throw-call":
      return caught(() => realm.evaluate("() => { throw " + input.source + " }")());
    case "throw-callback": {
      // A function of this realm throws while the shadow realm calls it; the shadow side sees a TypeError of its own.
      const inside = realm.evaluate("(f) => { try { f(); return 'no throw'; } catch (e) { return (e instanceof TypeError) + ':' + (e.constructor === TypeError) + ':' + e.message; } }");
      const value = (0, eval)("(" + input.source + ")");
      return inside(() => { throw value; });
    }
    case "round-trip": {
      const identity = realm.evaluate("(x) => [typeof x, x]");
      const out = realm.evaluate("(x) => x");
      return { out: out(input.value), inside: caught(() => identity(input.value)) };
    }
    case "sequence":
      return input.sources.map((source) => caught(() => realm.evaluate(source)));
    case "surface": {
      const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return x && { w: x.writable, e: x.enumerable, c: x.configurable, type: typeof x.value }; };
      return {
        name: ShadowRealm.name, length: ShadowRealm.length, prototype: d(ShadowRealm, "prototype"),
        keys: Object.getOwnPropertyNames(ShadowRealm.prototype), tag: ShadowRealm.prototype[Symbol.toStringTag],
        tagDescriptor: d(ShadowRealm.prototype, Symbol.toStringTag), evaluate: d(ShadowRealm.prototype, "evaluate"),
        lengths: [ShadowRealm.prototype.evaluate.length, ShadowRealm.prototype.importValue.length],
        names: [ShadowRealm.prototype.evaluate.name, ShadowRealm.prototype.importValue.name],
        string: Object.prototype.toString.call(realm), instance: realm instanceof ShadowRealm,
        call: caught(() => ShadowRealm()),
        wrongThis: caught(() => ShadowRealm.prototype.evaluate.call({}, "1")),
        wrongThisImport: caught(() => ShadowRealm.prototype.importValue.call(realm.constructor.prototype, "x", "y")),
        source: [1, {}, null, undefined, new String("1")].map((source) => caught(() => realm.evaluate(source))),
        exportName: [1, undefined, {}].map((name) => caught(() => realm.importValue("./x.mjs", name))),
        subclass: caught(() => { class Sub extends ShadowRealm {}; const s = new Sub(); return [s instanceof Sub, s.evaluate("6 * 7")]; }),
      };
    }
    case "isolation": {
      globalThis.outerOnly = 1;
      return {
        globals: caught(() => realm.evaluate("globalThis.innerOnly = 2; [typeof outerOnly, typeof innerOnly, this === globalThis, global === globalThis, self === globalThis].join()")),
        outer: [typeof globalThis.innerOnly],
        intrinsics: caught(() => realm.evaluate("Array.prototype.marked = 1; Object.prototype.polluted = 2; [].marked + ({}).polluted")),
        untouched: [[].marked, ({}).polluted],
        hosts: caught(() => realm.evaluate("['Bun', 'process', 'console', 'fetch', 'setTimeout', 'URL', 'TextEncoder', 'structuredClone', 'ShadowRealm', 'Response', 'crypto', 'require', 'module', 'exports'].map((n) => n + ':' + typeof globalThis[n]).join()")),
        bun: caught(() => realm.evaluate("Bun.version === " + JSON.stringify(Bun.version) + " && process.pid === " + process.pid)),
        nested: caught(() => realm.evaluate("const inner = new ShadowRealm(); inner.evaluate('globalThis.deep = 1; () => 5')() + (typeof globalThis.deep)")),
        microtasks: await new Promise((resolve) => {
          const report = realm.evaluate("(done) => { Promise.resolve(21).then((v) => done(v * 2)); return 'queued'; }");
          const queued = report((v) => resolve([queued, v]));
        }),
      };
    }
    case "functions": {
      const twice = realm.evaluate("(f, x) => f(f(x))");
      const keep = realm.evaluate("let kept; (f) => { if (f) kept = f; return kept; }");
      const original = (x) => x + 1;
      const back = keep(original);
      return {
        twice: twice((x) => x * 3, 2),
        back: [back === original, back(1), back.name, back.length, keep() === back],
        names: ["function foo(a, b, c) {}; foo", "(() => { const f = function () {}; Object.defineProperty(f, 'length', { value: 2.5 }); Object.defineProperty(f, 'name', { value: 3 }); return f })()",
          "(() => { const f = () => 1; Object.defineProperty(f, 'length', { value: -Infinity }); return f })()",
          "(() => { const f = () => 1; delete f.length; return f })()", "(() => { const f = () => 1; Object.defineProperty(f, 'length', { value: Infinity }); return f })()",
          "async function af() {}; af", "function* gen() {}; gen", "class K {}; K", "Math.max", "(() => { const f = () => 1; Object.defineProperty(f, 'name', { get() { throw 1 } }); return f })()",
          "(() => { const f = () => 1; Object.defineProperty(f, 'length', { value: Symbol() }); return f })()", "new Proxy(() => 1, {})", "new Proxy({}, {})"]
          .map((source) => caught(() => realm.evaluate(source))),
        construct: caught(() => { const W = realm.evaluate("(function () { return 1; })"); return new W(); }, false),
        asyncResult: caught(() => realm.evaluate("async () => 1")()),
        objectArgument: caught(() => realm.evaluate("(x) => x")({})),
        objectResult: caught(() => realm.evaluate("() => ({})")()),
        thisValue: realm.evaluate("(function () { 'use strict'; return typeof this; })").call({}),
        arity: realm.evaluate("(...args) => args.length + ':' + args.map((a) => typeof a).join()")(1, "a", 1n, Symbol(), null, undefined, true, () => 1),
        symbols: [realm.evaluate("Symbol.for('shared')") === Symbol.for("shared"), realm.evaluate("Symbol.iterator") === Symbol.iterator],
      };
    }
  }
};
`;

/** The leaves where two outcomes differ, as `path: bun ≠ node` lines (a whole outcome tree is too long to read). */
function differences(bun: unknown, node: unknown, path = ""): string[] {
  if (typeof bun === "object" && bun !== null && typeof node === "object" && node !== null) {
    const keys = new Set([...Object.keys(bun), ...Object.keys(node)]);
    return [...keys].flatMap((key) => differences((bun as Record<string, unknown>)[key], (node as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return JSON.stringify(bun) === JSON.stringify(node) ? [] : [`${path}: ${JSON.stringify(bun)} ≠ ${JSON.stringify(node)}`];
}

async function expectSame(inputs: unknown[]): Promise<void> {
  const result = await compareBatch(caseModule, inputs);
  const found = result.mismatches.map((m) => ({ input: m.input, differences: differences(m.bun, m.node) }));
  expect(found).toEqual([]);
}

describe("ShadowRealm: differential against Bun", () => {
  it("has Bun's constructor, prototype and misuse errors", async () => {
    await expectSame([{ kind: "surface" }]);
  }, 60_000);

  it("keeps globals and intrinsics apart, lends the host globals, runs nested realms and shares the microtask queue", async () => {
    await expectSame([{ kind: "isolation" }]);
  }, 60_000);

  it("wraps functions both ways: names, lengths, identity, arguments, refusals", async () => {
    await expectSame([{ kind: "functions" }]);
  }, 60_000);

  it("evaluates as an indirect eval: results, var vs let, parse errors as SyntaxError, other throws as TypeError", async () => {
    const evaluations = [
      "1 + 1", "'text'", "10n", "null", "undefined", "true", "-0", "NaN", "Symbol.for('s')", "debugger; 5", "var arguments = 1; arguments",
      "({})", "[]", "/x/", "new Map()", "Promise.resolve(1)", "globalThis",
    ].map((source) => ({ kind: "evaluate", source }));
    // Parse errors and engine-worded runtime errors: the class only.
    const engineWorded = ["syntax error (", "return 1", "await 1", "{", "export const a = 1", "import x from 'y'", "new.target", "JSON.parse('{')", "eval('(')", "null.x"]
      .map((source) => ({ kind: "evaluate", source, keepMessage: false }));
    const sequences = [
      { kind: "sequence", sources: ["var kept = 3", "kept", "let local = 4; local", "typeof local", "const c = 1; c", "c"] },
      { kind: "sequence", sources: ["function declared() { return 7 }", "declared()", "class Local {}", "typeof Local"] },
    ];
    await expectSame([...evaluations, ...engineWorded, ...sequences]);
  }, 60_000);

  it("words what crosses by a throw as Bun does, for evaluate, for wrapped calls and for callbacks", async () => {
    const thrown = [
      "{}", "null", "undefined", "Symbol('q')", "{ message: 5 }", "{ get message() { return 'g' } }", "{ get message() { throw 1 } }",
      "new (class X extends Error {})('m')", "Object.assign(new Error('a'), { message: 'b' })", "new SyntaxError('s')",
      "new Error('')", "new Error()", "1n", "{ toString() { return 'ts' } }", "Object.create(null)", "() => 1",
      "Object.assign(() => 1, { message: 'fn' })", "new Proxy({ message: 'p' }, {})", "{ message: { toString() { return 'deep' } } }",
      "{ message: Symbol() }", "new AggregateError([], 'agg')", "Object.create(Error.prototype)", "new DOMException('dom')",
      "(() => { const e = new Error('a'); delete e.message; return e })()", "(() => { const e = new Error('a'); Object.setPrototypeOf(e, null); return e })()",
      "1.5", "''", "false", "'str'", "-0", "NaN",
    ];
    const inputs = thrown.flatMap((source) => [
      { kind: "throw-evaluate", source },
      { kind: "throw-call", source },
      { kind: "throw-callback", source },
    ]);
    await expectSame(inputs);
  }, 60_000);

  it("passes any primitive through unchanged and words any thrown primitive as Bun does (fast-check)", async () => {
    const primitive = fc.oneof(
      fc.string({ unit: "grapheme" }), fc.string(), fc.double(), fc.integer(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined),
    );
    const values = fc.sample(primitive, { numRuns: 300, seed: 20261122 });
    const thrownStrings = fc.sample(fc.string(), { numRuns: 100, seed: 7 });
    const inputs = [
      ...values.map((value) => ({ kind: "round-trip", value })),
      ...thrownStrings.flatMap((text) => {
        const source = JSON.stringify(text);
        return [
          { kind: "throw-evaluate", source },
          { kind: "throw-call", source },
          { kind: "throw-evaluate", source: `new Error(${source})` },
          { kind: "throw-call", source: `new RangeError(${source})` },
          { kind: "throw-evaluate", source: `{ message: ${source} }` },
        ];
      }),
    ];
    await expectSame(inputs);
  }, 120_000);
});
