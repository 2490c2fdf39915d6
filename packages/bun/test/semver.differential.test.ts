// Bun.semver under real Bun and under Node + dx-compat, case by case: Bun's own
// test tables, grammar-shaped random ranges (operators, x-ranges, hyphens,
// `||`, prereleases, odd spacing and junk), character soup, prerelease
// orderings with u64-sized numbers, and non-string arguments. A handful of
// batches, each one Bun process and one Node process.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equal, greater, rangeExcludes, rangeIncludes } from "./semver-cases.ts";

type Case = readonly [kind: "s" | "o", a: unknown, b: unknown];

// "sym" and "obj" build arguments that cannot cross the process boundary.
const caseModule = `
import { semver } from "bun";
const build = (x) => (Array.isArray(x) && x[0] === "sym" ? Symbol(x[1]) : Array.isArray(x) && x[0] === "obj" ? { toString: () => x[1] } : x);
export default ([kind, a, b]) => (kind === "s" ? semver.satisfies(build(a), build(b)) : semver.order(build(a), build(b)));
`;

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

const number = fc.oneof(
  { weight: 6, arbitrary: pick("0", "1", "2", "3", "10") },
  { weight: 1, arbitrary: pick("01", "00", "9007199254740993", "18446744073709551615", "18446744073709551616", "99999999", "100000000", "4294967296") },
);
const part = fc.oneof({ weight: 5, arbitrary: number }, { weight: 1, arbitrary: pick("x", "X", "*", "xx") });
const identifier = pick("alpha", "beta", "rc", "0", "1", "2", "10", "01", "a-b", "x", "X", "A", "b1", "1a", "", "18446744073709551616");
const qualifier = fc
  .tuple(
    fc.option(fc.tuple(pick("-", "-", "", "--"), fc.array(identifier, { minLength: 1, maxLength: 3 }))),
    fc.option(fc.tuple(fc.array(identifier, { minLength: 1, maxLength: 2 }), pick(".", "-", "+"))),
  )
  .map(([pre, build]) => (pre ? pre[0] + pre[1].join(".") : "") + (build ? `+${build[0].join(build[1])}` : ""));
const partial = fc
  .tuple(pick("", "", "", "v", "=", " ", "v "), fc.array(part, { minLength: 1, maxLength: 3 }), fc.option(qualifier, { freq: 2 }))
  .map(([prefix, parts, tag]) => prefix + parts.join(".") + (tag ?? ""));
const junk = pick("", "", "", "!", "#", "&", "%", "|", "^", " ", "  ", "\t", "-", "foo", "..", ".", "_", "~", ">", "<", "=", "v", "\n");
const operator = pick("", "", "", ">", ">=", "<", "<=", "=", "^", "~", "~>", "v", "> ", "<= ", "~ ", "^ ", "==", "<>", "^^", "~^", "latest ", "> =");
const comparator = fc.tuple(operator, partial, fc.option(junk, { freq: 5 })).map(([op, version, tail]) => op + version + (tail ?? ""));
const clause = fc.oneof(
  fc.tuple(partial, pick(" - ", "-", " -", "- ", " -  ", "\t-\t"), partial).map((parts) => parts.join("")),
  fc.tuple(fc.array(comparator, { minLength: 1, maxLength: 3 }), pick(" ", "  ", " ", "\t")).map(([parts, sep]) => parts.join(sep)),
);
const range = fc
  .tuple(fc.option(junk, { freq: 7 }), fc.array(clause, { minLength: 1, maxLength: 3 }), pick(" || ", "||", " ||", "|| ", "|", " | ", "|||"), fc.option(junk, { freq: 7 }))
  .map(([head, clauses, sep, tail]) => (head ?? "") + clauses.join(sep) + (tail ?? ""));
const version = fc.oneof(partial, fc.tuple(pick("0", "1", "2", "3"), pick("0", "1", "2", "3"), pick("0", "1", "2", "3"), qualifier).map(([a, b, c, q]) => `${a}.${b}.${c}${q}`));

/** Strings over the characters the scanners care about. */
const soup = fc.string({ unit: fc.constantFrom(..."0123456789..........xX*--++  ||^~<>=vabrc\t!_\n#&%1120"), maxLength: 14 });
const plainVersion = pick("1.2.3", "0.0.0", "1.0.0", "2.0.0", "1.2.3-beta", "1.2.3-beta.1", "0.1.0", "3.1.4-rc.1", "1.2.4", "10.0.0", "1.2.3-0");

const preIdentifier = pick(
  ..."0 1 2 9 10 01 001 00 a b A Z z - a-1 1a alpha beta rc 18446744073709551615 18446744073709551616 99999999999999999999 9007199254740993 9007199254740992".split(" "),
  "",
);
const preVersion = fc
  .tuple(
    pick("1.2.3", "0.0.0", "18446744073709551615.0.0", "9007199254740993.1.1", "9007199254740992.1.1", "1.2.100000000", "1.2.99999999"),
    fc.array(preIdentifier, { maxLength: 3 }),
    fc.option(fc.array(preIdentifier, { maxLength: 2 }), { freq: 4 }),
  )
  .map(([core, pre, build]) => core + (pre.length > 0 ? `-${pre.join(".")}` : "") + (build ? `+${build.join(".")}` : ""));

function generated(): Case[] {
  const cases: Case[] = [];
  for (const [v, r] of fc.sample(fc.tuple(version, range), 3000)) cases.push(["s", v, r]);
  for (const [a, b] of fc.sample(fc.tuple(partial, partial), 800)) cases.push(["o", a, b]);
  for (const [v, r] of fc.sample(fc.tuple(plainVersion, soup), 2000)) cases.push(["s", v, r]);
  for (const [v, r] of fc.sample(fc.tuple(soup, plainVersion), 500)) cases.push(["s", v, r]);
  for (const [a, b] of fc.sample(fc.tuple(soup, fc.oneof(soup, plainVersion)), 800)) cases.push(["o", a, b]);
  for (const [a, b, op] of fc.sample(fc.tuple(preVersion, preVersion, pick(">", "<", ">=", "<=", "", "^", "~", "=")), 1500)) {
    cases.push(["o", a, b], ["s", a, op + b]);
  }
  return cases;
}

/**
 * [version, range] pairs the generators once found us answering differently
 * (a hyphen range's bumped upper bound excludes every prerelease of it).
 */
const regressions: readonly (readonly [string, string])[] = [
  ["1.0.0b1.x+1a", "%<00.1^  latest 3-a-b+0-b1# | ~ 1001.10+rc | 0.10.9999999910+A+beta - 0.*-x+1a-0\t"],
  ["1.0.0-a", "* - 0.*-x"],
  ["1.3.0-a", "1.3.0-0 - 1.2.x-b"],
  ["1.3.0-0", "1.3.0-0 - 1.2.x"],
  ["2.0.0-a", "2.0.0-0 - 1.x"],
  ["1.2.5-c", "1.2.5-0 - 1.2.x-b"],
  ["0.0.0-y", "* - 0.*-x"],
];

function tables(): Case[] {
  const cases: Case[] = [];
  for (const [r, v] of [...rangeIncludes, ...rangeExcludes]) cases.push(["s", v, r], ["s", r, v]);
  for (const [v, r] of regressions) cases.push(["s", v, r]);
  for (const [a, b] of [...greater, ...equal]) cases.push(["o", a, b], ["o", b, a]);
  return cases;
}

/** Arguments that are not strings, and what Bun does with them. */
const misuse: Case[] = [
  ["s", 1, 2],
  ["s", 1, "1"],
  ["s", null, "null"],
  ["s", undefined, "*"],
  ["s", "1.0.0", undefined],
  ["s", ["1.0.0"], "1.0.0"],
  ["s", true, "*"],
  ["s", { a: 1 }, "*"],
  ["s", Buffer.from("1.2.3"), Buffer.from("^1.0.0")],
  ["s", ["obj", "1.2.3"], ["obj", "~1.2.0"]],
  ["s", ["sym", "1.2.3"], "1.2.3"],
  ["s", "1.2.3", ["sym", "1.2.3"]],
  ["s", "é", "*"],
  ["s", "1.0.0", "é || *"],
  ["o", 1, 2],
  ["o", null, "1"],
  ["o", "1.0.0", undefined],
  ["o", { a: 1 }, "1"],
  ["o", Buffer.from("1.2.3"), "1.2.4"],
  ["o", ["sym", "x"], "1"],
  ["o", "1", ["sym", "x"]],
  ["o", "é", "1"],
  ["o", "1", "é"],
  ["o", "", ""],
];

describe("Bun.semver against real Bun", () => {
  it("answers Bun's own test tables and non-string arguments the same", async () => {
    const cases = [...tables(), ...misuse];
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("answers ~12 000 generated ranges, orderings and character soups the same", async () => {
    const cases = generated();
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("exposes the same object: members, names, lengths", async () => {
    const { mismatches } = await compareBatch(
      `import { semver } from "bun"; export default () => [typeof semver, Object.keys(semver), semver.satisfies.name, semver.satisfies.length, semver.order.name, semver.order.length];`,
      [0],
    );
    expect(mismatches).toEqual([]);
  });
});
