// ShadowRealm in-process, on the running Node (22 or 24): the boundary's laws
// checked with fast-check, and what the differential test cannot see
// (importValue's named error, the realm's own intrinsics, one realm per instance).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installWebGlobals, ShadowRealm } from "../src/index.ts";

const primitive = fc.oneof(fc.string(), fc.double(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(Symbol.for("shared")));

describe("ShadowRealm", () => {
  it("passes every primitive through evaluate and wrapped calls unchanged, both ways", () => {
    const realm = new ShadowRealm();
    const identity = realm.evaluate("(x) => x") as (x: unknown) => unknown;
    const callBack = realm.evaluate("(f, x) => f(x)") as (f: (x: unknown) => unknown, x: unknown) => unknown;
    fc.assert(
      fc.property(primitive, (value) => {
        expect(Object.is(identity(value), value)).toBe(true);
        expect(Object.is(callBack((x) => x, value), value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("evaluates a JSON literal of any primitive to that primitive (source round trip)", () => {
    const realm = new ShadowRealm();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), (value) => {
        expect(realm.evaluate(JSON.stringify(value))).toBe(value);
      }),
    );
  });

  it("refuses every non-callable object, whichever side it comes from, with the caller's TypeError", () => {
    const realm = new ShadowRealm();
    const identity = realm.evaluate("(x) => x") as (x: unknown) => unknown;
    const objects = fc.oneof(fc.object(), fc.array(fc.anything()), fc.date(), fc.constant(new Map()), fc.constant(Promise.resolve()));
    fc.assert(
      fc.property(objects, (value) => {
        expect(() => identity(value)).toThrow(new TypeError("value passing between realms must be callable or primitive"));
      }),
      { numRuns: 200 },
    );
    expect(() => realm.evaluate("[1, 2]")).toThrow(TypeError);
  });

  it("gives each realm its own global and intrinsics", () => {
    const a = new ShadowRealm();
    const b = new ShadowRealm();
    a.evaluate("globalThis.only = 'a'; Array.prototype.tag = 'a'");
    expect(a.evaluate("only + [].tag")).toBe("aa");
    expect(b.evaluate("typeof only + typeof [].tag")).toBe("undefinedundefined");
    expect(([] as unknown as { tag?: string }).tag).toBeUndefined();
    // A function coming out is a function of this realm, whatever its origin.
    const wrapped = a.evaluate("() => 1") as () => number;
    expect(Object.getPrototypeOf(wrapped)).toBe(Function.prototype);
    expect(wrapped instanceof Function).toBe(true);
  });

  it("keeps let/const local to one evaluate and var on the realm's global, as an indirect eval", () => {
    const realm = new ShadowRealm();
    expect(realm.evaluate("let x = 1; var y = 2; x + y")).toBe(3);
    expect(realm.evaluate("typeof x")).toBe("undefined");
    expect(realm.evaluate("y")).toBe(2);
  });

  it("makes wrappers that are no constructors and call with an undefined this", () => {
    const realm = new ShadowRealm();
    const f = realm.evaluate("(function () { 'use strict'; return this === undefined; })") as () => boolean;
    expect(f.call({})).toBe(true);
    expect(Object.hasOwn(f, "prototype")).toBe(false);
    expect(() => new (f as unknown as new () => object)()).toThrow(TypeError);
  });

  it("rejects importValue with the named not-implemented error, after Bun's synchronous checks", async () => {
    const realm = new ShadowRealm();
    await expect(realm.importValue("./x.mjs", "x")).rejects.toMatchObject({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED", message: expect.stringMatching(/^\[dx-compat\] ShadowRealm\.prototype\.importValue: /) as unknown });
    expect(() => realm.importValue("./x.mjs", 1 as unknown as string)).toThrow(TypeError);
  });

  it("refuses import() inside the realm rather than loading into the main realm", async () => {
    const realm = new ShadowRealm();
    realm.evaluate("globalThis.outcome = 'pending'; import('node:path').then((m) => { globalThis.outcome = 'loaded ' + (m.join instanceof Function); }, (e) => { globalThis.outcome = e.code; }); undefined");
    realm.evaluate("globalThis.later = new Function(\"return import('./anything.mjs')\"); globalThis.again = 'pending'; later().catch((e) => { globalThis.again = e.code; }); undefined");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = /^ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG$|^ERR_DX_COMPAT_NOT_IMPLEMENTED$/;
    expect(realm.evaluate("outcome")).toMatch(refused);
    expect(realm.evaluate("again")).toMatch(refused);
    // Replacing the realm's eval does not change what evaluate runs.
    realm.evaluate("globalThis.eval = () => 'replaced'; undefined");
    expect(realm.evaluate("1 + 1")).toBe(2);
  });

  it("is installed by installWebGlobals only where the running Node has none", () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, "ShadowRealm");
    try {
      delete (globalThis as { ShadowRealm?: unknown }).ShadowRealm;
      expect(installWebGlobals()).toContain("ShadowRealm");
      expect((globalThis as { ShadowRealm?: unknown }).ShadowRealm).toBe(ShadowRealm);
      expect(installWebGlobals()).not.toContain("ShadowRealm");
    } finally {
      if (had) Object.defineProperty(globalThis, "ShadowRealm", had);
      else delete (globalThis as { ShadowRealm?: unknown }).ShadowRealm;
    }
  });
});
