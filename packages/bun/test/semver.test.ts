// Bun.semver in process: the answers Bun's own test suite states, its argument
// handling, and the laws `order` and `satisfies` keep. (Case by case against
// real Bun, generated inputs included: semver.differential.test.ts.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { semver } from "../src/index.ts";
import { equal, greater, rangeExcludes, rangeIncludes } from "./semver-cases.ts";

const { satisfies, order } = semver;

const numberPart = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
const identifier = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map(String),
  fc.constantFrom("alpha", "beta", "rc", "a", "A", "z", "x", "-", "a-1", "1a", "0a", "18446744073709551615", "18446744073709551616"),
);
const tag = fc.array(identifier, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("."));
/** A complete version: major.minor.patch, maybe a prerelease and a build. */
const completeVersion = fc
  .record({ major: numberPart, minor: numberPart, patch: numberPart, pre: fc.option(tag), build: fc.option(tag) })
  .map(({ major, minor, patch, pre, build }) => `${major}.${minor}.${patch}${pre === null ? "" : `-${pre}`}${build === null ? "" : `+${build}`}`);

describe("semver.satisfies", () => {
  it.each(rangeIncludes)("%j includes %j", (range, version) => {
    expect(satisfies(version, range)).toBe(true);
    // Both arguments are stringified: Buffers work as their text.
    expect(satisfies(Buffer.from(version), Buffer.from(range))).toBe(true);
  });

  it.each(rangeExcludes)("%j excludes %j", (range, version) => {
    expect(satisfies(version, range)).toBe(false);
  });

  it("matches exact versions by identity, in either argument order", () => {
    expect(satisfies("1.2.3", "1.2.3")).toBe(true);
    expect(satisfies("4.0.0", "4.0.0")).toBe(true);
    expect(satisfies("5.0.0-beta.1", "5.0.0-beta.1")).toBe(true);
    for (const [a, b] of [
      ["4", "4"],
      ["4.0", "4.0"],
      ["5.0.0-beta.1", "5.0.0-beta.2"],
      ["5.0.0-beta.1", "5.0.0-beta"],
      ["5.0.0-beta.1", "5.0.0"],
    ] as const) {
      expect(satisfies(a, b)).toBe(false);
      expect(satisfies(b, a)).toBe(false);
    }
  });

  it("ignores extra arguments and stringifies missing ones", () => {
    expect((satisfies as (...args: unknown[]) => boolean)("1.2.3", "1.2.3", "blah")).toBe(true);
    // `undefined` becomes the text "undefined", a range of one skipped word.
    expect((satisfies as (...args: unknown[]) => boolean)("1.2.3")).toBe(true);
    expect((satisfies as (...args: unknown[]) => boolean)()).toBe(false);
  });

  it("throws JavaScriptCore's TypeError for symbols, and what toString throws", () => {
    expect(() => satisfies(Symbol.for("~1.2.3") as never, "1.2.3")).toThrow(new TypeError("Cannot convert a symbol to a string"));
    expect(() => satisfies("~1.2.3", Symbol.for("1.2.3") as never)).toThrow(TypeError);
    const boom = new RangeError("boom");
    expect(() => satisfies("1.0.0", { toString: () => { throw boom; } } as never)).toThrow(boom);
  });

  it("answers false for non-ASCII text and for a number past 2^64-1", () => {
    expect(satisfies("1.0.0", "é || *")).toBe(false);
    expect(satisfies("é", "*")).toBe(false);
    expect(satisfies("18446744073709551615.0.0", "^18446744073709551615")).toBe(true);
    expect(satisfies("18446744073709551616.0.0", "*")).toBe(false);
    expect(satisfies("1.0.0", "18446744073709551616 || *")).toBe(false);
  });

  it("survives a long run of failures (no state leaks between calls)", () => {
    for (let i = 0; i < 2_000; i++) {
      expect(satisfies("1.2.3", "1.2.3")).toBe(true);
      expect(satisfies("^2.2.3||lol||!!#4_", "1.2.3")).toBe(false);
      expect(satisfies("^1.2.3||lol||!!#4_", "+!+!+!_)31231.2.3")).toBe(false);
      expect(satisfies("1.2.3", "^1.2.3")).toBe(true);
      expect(satisfies("^1.2.3", "1.2.3")).toBe(false);
    }
  });

  it("a complete version satisfies itself, its caret and its tilde", () => {
    fc.assert(
      fc.property(completeVersion, (version) => {
        expect(satisfies(version, version)).toBe(true);
        expect(satisfies(version, `^${version}`)).toBe(true);
        expect(satisfies(version, `~${version}`)).toBe(true);
        expect(satisfies(version, `>=${version}`)).toBe(true);
        expect(satisfies(version, `<${version}`)).toBe(false);
      }),
    );
  });

  it("agrees with order for every comparator", () => {
    fc.assert(
      fc.property(completeVersion, completeVersion, (a, b) => {
        // Prereleases only match comparators on the same major.minor.patch.
        fc.pre(!a.includes("-") && !b.split("+")[0]!.includes("-"));
        const sign = order(a, b);
        expect(satisfies(a, `>${b}`)).toBe(sign > 0);
        expect(satisfies(a, `>=${b}`)).toBe(sign >= 0);
        expect(satisfies(a, `<${b}`)).toBe(sign < 0);
        expect(satisfies(a, `<=${b}`)).toBe(sign <= 0);
      }),
    );
  });
});

describe("semver.order", () => {
  it.each(greater)("%j sorts after %j", (a, b) => {
    expect(order(a, b)).toBe(1);
    expect(order(b, a)).toBe(-1);
    expect(order(a, a)).toBe(0);
    expect(order(b, b)).toBe(0);
  });

  it.each(equal)("%j equals %j", (a, b) => {
    expect(order(a, b)).toBe(0);
    expect(order(b, a)).toBe(0);
  });

  it("throws Bun's error (with its trailing newline) for an invalid version", () => {
    expect(() => order("a", "1.0.0")).toThrow(new Error("Invalid SemVer: a\n"));
    expect(() => order("1.0.0", "")).toThrow(new Error("Invalid SemVer: \n"));
    expect(() => order("1.2.3\n", "1.2.3")).toThrow(new Error("Invalid SemVer: 1.2.3\n\n"));
    expect(() => (order as (...args: unknown[]) => number)()).toThrow(new Error("Invalid SemVer: undefined\n"));
    expect(() => order(Symbol("x") as never, "1")).toThrow(new TypeError("Cannot convert a symbol to a string"));
  });

  it("orders u64 numbers exactly (past 2^53) and treats non-ASCII as equal", () => {
    expect(order("9007199254740993.0.0", "9007199254740992.0.0")).toBe(1);
    expect(order("1.2.3-18446744073709551616", "1.2.3-18446744073709551615")).toBe(1);
    expect(order("1.2.3-00000000000000000000001", "1.2.3-2")).toBe(-1);
    expect(order("é", "1")).toBe(0);
  });

  it("is antisymmetric and reflexive", () => {
    fc.assert(
      fc.property(completeVersion, completeVersion, (a, b) => {
        expect(order(a, a)).toBe(0);
        expect(order(a, b)).toBe(-order(b, a) || 0);
      }),
    );
  });

  it("is transitive, and ignores build metadata", () => {
    fc.assert(
      fc.property(fc.array(completeVersion, { minLength: 3, maxLength: 12 }), (versions) => {
        const sorted = [...versions].sort(order);
        for (let i = 0; i + 1 < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) expect(order(sorted[i]!, sorted[j]!)).toBeLessThanOrEqual(0);
        }
        for (const version of versions) expect(order(version, `${version.split("+")[0]!}+other.build`)).toBe(0);
      }),
    );
  });
});
