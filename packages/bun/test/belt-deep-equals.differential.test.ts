// Bun.deepEquals and Bun.deepMatch under real Bun and under Node + dx-compat.
// Values cannot cross the process boundary with their prototypes, getters,
// holes and identities intact, so each input is a *recipe* that the case
// module builds into the same value in both runtimes. fast-check makes
// recipes and near-copies of them (one small mutation), where equality
// questions are interesting; a table of named cases pins the quirks.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// Recipes (plain JSON):
//   ["num", n] ["str", s] ["bool", b] ["null"] ["undef"] ["big", "12"] ["sym", "name"] (Symbol.for)
//   ["obj", [[key, recipe, how]...], proto]   key: string | ["sym", name]; how: "e" | "n" (non-enumerable) | "g" (getter)
//   ["arr", [recipe | ["hole"]...], [[key, recipe]...]]  extra keys: string | ["sym", name]
//   ["map", [[k, v]...]] ["set", [v...]] ["date", t] ["re", source, flags]
//   ["ta", kind, [bytes...]] ["ab", [bytes]] ["sab", [bytes]] ["dv", [bytes]]
//   ["box", "Number" | "String" | "Boolean" | "Symbol" | "BigInt", value] ["err", type, message, [[key, recipe]...], cause?]
//   ["cycle", levelsUp] ["proxy", recipe] ["shared", id] (one object per id, the same on both sides)
//   ["url", href] ["usp", query] ["headers", [[k, v]...]] ["fn", "Object" | "Map" | "shared" | "fresh"]
const caseModule = `
class A { constructor() {} } class B { constructor() {} }
const enumProto = { inherited: 1 };
const shared = new Map();
const sharedFn = function shared() {};
function key(k) { return Array.isArray(k) ? Symbol.for(k[1]) : k; }
function build(r, ancestors) {
  switch (r[0]) {
    case "num": case "str": case "bool": return r[1];
    case "null": return null;
    case "undef": return undefined;
    case "big": return BigInt(r[1]);
    case "sym": return Symbol.for(r[1]);
    case "cycle": return ancestors[Math.max(0, ancestors.length - 1 - r[1])] ?? null;
    case "shared": { if (!shared.has(r[1])) shared.set(r[1], { id: r[1] }); return shared.get(r[1]); }
    case "fn": return r[1] === "shared" ? sharedFn : r[1] === "fresh" ? function fresh() {} : globalThis[r[1]];
    case "date": return new Date(r[1]);
    case "re": return new RegExp(r[1], r[2]);
    case "ta": return new globalThis[r[1]](new Uint8Array(r[2]).buffer.slice(0, r[2].length - (r[2].length % globalThis[r[1]].BYTES_PER_ELEMENT)));
    case "ab": return new Uint8Array(r[1]).buffer;
    case "sab": { const s = new SharedArrayBuffer(r[1].length); new Uint8Array(s).set(r[1]); return s; }
    case "dv": return new DataView(new Uint8Array(r[1]).buffer);
    case "url": return new URL(r[1]);
    case "usp": return new URLSearchParams(r[1]);
    case "headers": return new Headers(r[1]);
    case "box": return r[1] === "Symbol" ? Object(Symbol.for(r[2])) : r[1] === "BigInt" ? Object(BigInt(r[2])) : new globalThis[r[1]](r[2]);
    case "err": {
      const e = r[4] === undefined ? new globalThis[r[1]](r[2]) : new globalThis[r[1]](r[2], { cause: build(r[4], ancestors) });
      for (const [k, v] of r[3]) e[key(k)] = build(v, ancestors);
      return e;
    }
    case "proxy": return new Proxy(build(r[1], ancestors), {});
    case "map": { const m = new Map(); const next = [...ancestors, m]; for (const [k, v] of r[1]) m.set(build(k, next), build(v, next)); return m; }
    case "set": { const s = new Set(); const next = [...ancestors, s]; for (const v of r[1]) s.add(build(v, next)); return s; }
    case "arr": {
      const a = []; const next = [...ancestors, a];
      r[1].forEach((item, i) => { if (item[0] !== "hole") a[i] = build(item, next); });
      a.length = r[1].length;
      for (const [k, v] of r[2]) a[key(k)] = build(v, next);
      return a;
    }
    case "obj": {
      const proto = { object: Object.prototype, null: null, A: A.prototype, B: B.prototype, enum: enumProto }[r[2]];
      const o = Object.create(proto); const next = [...ancestors, o];
      for (const [k, v, how] of r[1]) {
        const value = build(v, next);
        if (how === "e") Object.defineProperty(o, key(k), { value, enumerable: true, configurable: true, writable: true });
        else if (how === "n") Object.defineProperty(o, key(k), { value, enumerable: false, configurable: true, writable: true });
        else Object.defineProperty(o, key(k), { get: () => value, enumerable: true, configurable: true });
      }
      return o;
    }
  }
  throw new Error("bad recipe " + JSON.stringify(r));
}
const attempt = (f) => { try { return f(); } catch (e) { return "threw " + e.name + ": " + e.message; } };
export default ([mode, ra, rb]) => {
  const a = build(ra, []), b = build(rb, []);
  if (mode === "match") return [attempt(() => Bun.deepMatch(a, b)), attempt(() => Bun.deepMatch(b, a))];
  return [attempt(() => Bun.deepEquals(a, b)), attempt(() => Bun.deepEquals(a, b, true)), attempt(() => Bun.deepEquals(b, a)), attempt(() => Bun.deepEquals(b, a, true))];
};
`;

type Recipe = unknown[];

const keyName = fc.constantFrom("a", "b", "c", "0", "1", "x", "length", "constructor");
const propertyKey = fc.oneof({ weight: 5, arbitrary: keyName }, { weight: 1, arbitrary: fc.constantFrom("s1", "s2").map((name) => ["sym", name]) });
const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 });
const primitive = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 1.5, NaN, Infinity).map((n) => ["num", n]),
  fc.constantFrom("", "a", "b").map((s) => ["str", s]),
  fc.boolean().map((b) => ["bool", b]),
  fc.constant(["null"]),
  fc.constant(["undef"]),
  fc.constantFrom("0", "1", "-5").map((n) => ["big", n]),
  fc.constantFrom("s1", "s2").map((n) => ["sym", n]),
) as fc.Arbitrary<Recipe>;
const leafObject: fc.Arbitrary<Recipe> = fc.oneof(
  fc.constantFrom(0, 1, NaN).map((t) => ["date", t]),
  fc.tuple(fc.constantFrom("a", "a+", "[b]"), fc.constantFrom("", "g", "i", "gi")).map(([s, f]) => ["re", s, f]),
  fc.tuple(fc.constantFrom("Uint8Array", "Int8Array", "Uint16Array", "Float32Array", "Float64Array", "BigInt64Array"), bytes).map(([k, b]) => ["ta", k, b]),
  bytes.map((b) => ["ab", b]),
  bytes.map((b) => ["sab", b]),
  bytes.map((b) => ["dv", b]),
  fc.tuple(fc.constantFrom("Number", "String", "Boolean"), fc.constantFrom(0, 1, "", "a")).map(([k, v]) => ["box", k, v]),
  fc.tuple(fc.constantFrom("Symbol", "BigInt"), fc.constantFrom("1", "2")).map(([k, v]) => ["box", k, v]),
  fc.constantFrom("http://a/", "http://b/x").map((h) => ["url", h]),
  fc.constantFrom("a=1&b=2", "b=2&a=1", "a=1&a=2").map((q) => ["usp", q]),
  fc.constantFrom("Object", "Map", "shared", "fresh").map((f) => ["fn", f]),
  fc.constantFrom(1, 2).map((id) => ["shared", id]),
  fc.constantFrom(0, 1).map((n) => ["cycle", n]),
);

const { value: valueRecipe } = fc.letrec<{ value: Recipe; object: Recipe }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, primitive, leafObject, tie("object")),
  object: fc.oneof(
    fc
      .tuple(
        fc.array(fc.tuple(propertyKey, tie("value"), fc.constantFrom("e", "e", "e", "n", "g")), { maxLength: 4 }),
        fc.constantFrom("object", "object", "null", "A", "B", "enum"),
      )
      .map(([entries, proto]) => ["obj", entries, proto]),
    fc
      .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: tie("value") }, { weight: 1, arbitrary: fc.constant(["hole"]) }), { maxLength: 4 }), fc.array(fc.tuple(propertyKey.filter((k) => k !== "length"), tie("value")), { maxLength: 1 }))
      .map(([items, extra]) => ["arr", items, extra]),
    fc.array(fc.tuple(tie("value"), tie("value")), { maxLength: 3 }).map((entries) => ["map", entries]),
    fc.array(tie("value"), { maxLength: 3 }).map((values) => ["set", values]),
    fc
      .tuple(fc.constantFrom("Error", "TypeError", "RangeError"), fc.constantFrom("", "m"), fc.array(fc.tuple(propertyKey, tie("value")), { maxLength: 2 }), fc.option(tie("value"), { nil: undefined }))
      .map(([type, message, props, cause]) => (cause === undefined ? ["err", type, message, props] : ["err", type, message, props, cause])),
    // Proxies over the kinds both engines walk the same way (not over primitives, which cannot be targets).
    tie("object")
      .filter((inner) => ["obj", "arr", "map", "set", "err"].includes(inner[0] as string))
      .map((inner) => ["proxy", inner]),
  ),
}));

const recipeTags = new Set(["num", "str", "obj", "arr", "map", "set", "err", "ta", "ab", "dv", "box", "proxy"]);

/** A near copy: the same recipe with one small change somewhere (or none). */
function mutate(recipe: Recipe, choice: number): Recipe {
  const copy = structuredClone(recipe) as Recipe;
  const spots: Recipe[] = [];
  const visit = (node: unknown): void => {
    if (!Array.isArray(node)) return;
    if (typeof node[0] === "string" && recipeTags.has(node[0])) spots.push(node);
    for (const part of node) visit(part);
  };
  visit(copy);
  if (spots.length === 0) return copy;
  const spot = spots[choice % spots.length]!;
  const how = Math.floor(choice / spots.length) % 7;
  switch (spot[0]) {
    case "num":
      spot[1] = [0, -0, 1, NaN][how % 4];
      break;
    case "str":
      spot[1] = how % 2 === 0 ? "" : "z";
      break;
    case "obj": {
      const entries = spot[1] as unknown[][];
      if (how === 0 && entries.length > 0) entries.pop();
      else if (how === 1) entries.push(["z", ["undef"], "e"]);
      else if (how === 2 && entries.length > 0) entries[0]![2] = entries[0]![2] === "e" ? "n" : "e";
      else if (how === 3) spot[2] = spot[2] === "object" ? "null" : "object";
      else if (how === 4 && entries.length > 1) entries.reverse();
      else if (how === 5) entries.push(["b", ["undef"], "g"]);
      break;
    }
    case "arr": {
      const items = spot[1] as Recipe[];
      if (how === 0) items.push(["undef"]);
      else if (how === 1 && items.length > 0) items[0] = items[0]![0] === "hole" ? ["undef"] : ["hole"];
      else if (how === 2) items.pop();
      else if (how === 3) (spot[2] as unknown[]).push([["sym", "s1"], ["num", 1]]);
      break;
    }
    case "map":
    case "set":
      (spot[1] as unknown[]).reverse();
      if (how === 0) (spot[1] as unknown[]).pop();
      break;
    case "err":
      if (how === 0) spot[1] = spot[1] === "Error" ? "TypeError" : "Error";
      else if (how === 1) spot[2] = `${spot[2] as string}x`;
      else if (how === 2) (spot[3] as unknown[]).push(["code", ["num", 1]]);
      break;
    case "ta":
    case "ab":
    case "dv":
      {
        const data = spot[spot.length - 1] as number[];
        if (data.length > 0) data[0] = data[0]! ^ 1;
      }
      break;
    case "box":
      if (how === 0 && spot[1] === "Number") spot[2] = spot[2] === 0 ? -0 : 0;
      break;
  }
  return copy;
}

async function expectSame(inputs: unknown[]): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000 });
  expect(mismatches.map((m) => JSON.stringify(m))).toEqual([]);
}

describe("Bun.deepEquals against Bun", () => {
  it("named cases: undefined properties, holes, classes, Maps, Sets, errors, typed arrays, boxes, cycles", async () => {
    const o = (entries: unknown[], proto = "object"): Recipe => ["obj", entries, proto];
    const cases: [Recipe, Recipe][] = [
      [["num", 0], ["num", -0]],
      [["num", NaN], ["num", NaN]],
      [["arr", [["hole"], ["num", 1]], []], ["arr", [["undef"], ["num", 1]], []]],
      [["arr", [["num", 1]], []], ["arr", [["num", 1], ["undef"]], []]],
      [["arr", [["num", 1]], [["x", ["num", 2]]]], ["arr", [["num", 1]], []]],
      [["arr", [["num", 1]], [[["sym", "s1"], ["num", 2]]]], ["arr", [["num", 1]], []]],
      [o([["a", ["undef"], "e"]]), o([])],
      [o([["a", ["num", 1], "e"]], "A"), o([["a", ["num", 1], "e"]], "B")],
      [o([["a", ["num", 1], "e"]], "A"), o([["a", ["num", 1], "e"]])],
      [o([], "null"), o([])],
      [o([["a", ["num", 1], "g"]]), o([["a", ["num", 1], "e"]])],
      [o([], "enum"), o([])],
      [o([["0", ["num", 1], "e"], ["a", ["undef"], "e"]]), o([["0", ["num", 1], "e"], ["b", ["num", 2], "e"]])],
      [o([["x", ["num", 1], "e"], ["z", ["undef"], "e"], ["g", ["num", 1], "g"]]), o([["x", ["num", 1], "e"], ["w", ["num", 2], "e"], ["g", ["num", 1], "e"]])],
      [o([["a", ["num", 1], "n"]]), o([])],
      [["date", NaN], ["date", NaN]],
      [["re", "a", "g"], ["re", "a", "i"]],
      [["err", "Error", "x", []], ["err", "TypeError", "x", []]],
      [["err", "Error", "x", [["code", ["num", 1]]]], ["err", "Error", "x", []]],
      [["err", "Error", "x", [], ["undef"]], ["err", "Error", "x", []]],
      [["err", "Error", "x", [], ["num", 1]], ["err", "Error", "x", [], ["num", 1]]],
      [["ta", "Float64Array", [0, 0, 0, 0, 0, 0, 0xf8, 0x7f]], ["ta", "Float64Array", [0, 0, 0, 0, 0, 0, 0xf8, 0x7f]]],
      [["ta", "Uint8Array", [1]], ["ta", "Int8Array", [1]]],
      [["ab", [1]], ["sab", [1]]],
      [["dv", [1]], ["dv", [2]]],
      [["box", "Number", 1], ["box", "Number", 1]],
      [["box", "Boolean", true], ["box", "Boolean", false]],
      [["box", "String", "ab"], o([["0", ["str", "a"], "e"], ["1", ["str", "b"], "e"]])],
      [["box", "Symbol", "s1"], ["box", "Symbol", "s1"]],
      [["map", [[["num", 1], o([["a", ["num", 1], "e"]])]]], ["map", [[["num", 1], o([["a", ["num", 1], "e"]])]]]],
      [["map", [[o([]), ["num", 1]]]], ["map", [[o([]), ["num", 1]]]]],
      [["map", [[["num", 1], ["undef"]]]], ["map", [[["num", 2], ["undef"]]]]],
      [["set", [o([["a", ["num", 1], "e"]])]], ["set", [o([["a", ["num", 1], "e"]])]]],
      [["fn", "fresh"], ["fn", "fresh"]],
      [["fn", "Object"], ["fn", "Map"]],
      [["proxy", ["arr", [["num", 1]], []]], ["arr", [["num", 1]], []]],
      [["proxy", o([["a", ["num", 1], "e"]])], o([["a", ["num", 1], "e"]])],
      [["url", "http://a/"], ["url", "http://b/x"]],
      [["url", "http://a/"], o([])],
      [["usp", "a=1&a=2"], ["usp", "a=1&b=2"]],
      [["usp", "a=1&b=2"], ["usp", "b=2&a=1"]],
      [["headers", [["a", "1"]]], ["headers", [["a", "2"]]]],
      [o([["self", ["cycle", 0], "e"], ["v", ["num", 1], "e"]]), o([["self", ["cycle", 0], "e"], ["v", ["num", 1], "e"]])],
      [["arr", [["cycle", 0]], []], ["arr", [["cycle", 0]], []]],
      [o([["x", ["shared", 1], "e"], ["y", ["shared", 1], "e"]]), o([["x", ["shared", 1], "e"], ["y", ["shared", 2], "e"]])],
    ];
    await expectSame([...cases.map(([a, b]) => ["equals", a, b]), ...cases.filter(([a, b]) => isObjectRecipe(a) && isObjectRecipe(b)).map(([a, b]) => ["match", a, b])]);
  });

  it("fast-check: recipes against near copies of themselves, and against other recipes", async () => {
    const pairs = fc.sample(fc.tuple(valueRecipe, fc.nat()), { numRuns: 700, seed: 5 }).map(([recipe, choice]) => ["equals", recipe, mutate(recipe, choice)]);
    const unrelated = fc.sample(fc.tuple(valueRecipe, valueRecipe), { numRuns: 200, seed: 6 }).map(([a, b]) => ["equals", a, b]);
    await expectSame([...pairs, ...unrelated]);
  });
});

function isObjectRecipe(recipe: Recipe): boolean {
  return !["num", "str", "bool", "null", "undef", "big", "sym"].includes(recipe[0] as string);
}

describe("Bun.deepMatch against Bun", () => {
  it("fast-check: object recipes against near copies, both ways", async () => {
    const objects = valueRecipe.filter(isObjectRecipe);
    const pairs = fc.sample(fc.tuple(objects, fc.nat()), { numRuns: 500, seed: 7 }).map(([recipe, choice]) => ["match", recipe, mutate(recipe, choice)]);
    await expectSame(pairs);
  });

  it("argument errors", async () => {
    const { mismatches } = await compareBatch(
      `export default (n) => {
        const args = [[], [{}], [1, {}], [{}, 1], [null, {}], [{}, {}, 1], [() => {}, {}]][n];
        try { return Bun.deepMatch(...args); } catch (e) { return [e.name, e.message, e.code]; }
      }`,
      [0, 1, 2, 3, 4, 5, 6],
    );
    expect(mismatches).toEqual([]);
  });
});

describe("Bun.deepEquals arguments against Bun", () => {
  it("strict is only the boolean true; fewer than two arguments throws", async () => {
    const { mismatches } = await compareBatch(
      `export default (n) => {
        const args = [[], [1], [{ a: undefined }, {}, true], [{ a: undefined }, {}, 1], [{ a: undefined }, {}, "true"], [{ a: undefined }, {}, false], [undefined, undefined]][n];
        try { return Bun.deepEquals(...args); } catch (e) { return [e.name, e.message, e.code]; }
      }`,
      [0, 1, 2, 3, 4, 5, 6],
    );
    expect(mismatches).toEqual([]);
  });
});
