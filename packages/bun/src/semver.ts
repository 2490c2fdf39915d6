// Bun.semver: satisfies(version, range) and order(a, b), on Bun's own
// (npm-compatible, lenient) version and range grammar. Both scan the strings
// by char code into reused records: no regexes, no allocation per call.
import { RangeGroup, parseRange } from "./internal/semver/range.ts";
import { ParsedVersion, WILDCARD_NONE, compareVersions, isAsciiWhitespace, parseVersion } from "./internal/semver/version.ts";

type BunSemver = typeof import("bun").semver;

/** JavaScript's ToString, with JavaScriptCore's wording for symbols. */
function toStringLike(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return String(value);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

// Reused between calls (the scanners are synchronous and never re-entered).
let version: ParsedVersion | undefined;
let other: ParsedVersion | undefined;

/**
 * Parse the version side of `satisfies`: surrounding whitespace is ignored, and
 * the rest must be one complete version (no `x`, nothing left over).
 */
function parseCompleteVersion(s: string, out: ParsedVersion): boolean {
  let start = 0;
  let end = s.length;
  while (start < end && isAsciiWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isAsciiWhitespace(s.charCodeAt(end - 1))) end--;
  if (start === end) return false;
  const trimmed = start === 0 && end === s.length ? s : s.slice(start, end);
  parseVersion(trimmed, 0, out);
  return out.valid && out.wildcard === WILDCARD_NONE && out.len === trimmed.length;
}

function satisfies(versionArg: unknown, rangeArg: unknown): boolean {
  const versionString = toStringLike(versionArg);
  const rangeString = toStringLike(rangeArg);
  // Non-ASCII text never satisfies: the range cache remembers a non-ASCII
  // range as `undefined`, and a non-ASCII char can never be part of a
  // complete version.
  const group = compiledRange(rangeString);
  if (group === undefined) return false;
  version ??= new ParsedVersion();
  return parseCompleteVersion(versionString, version) && group.satisfies(version);
}

// Parsed ranges by their text. Programs test many versions against a few
// ranges, so a hit skips the scan; the map is emptied when it grows past
// RANGE_CACHE_SIZE, which bounds memory whatever the input.
const RANGE_CACHE_SIZE = 256;
let rangeCache: Map<string, RangeGroup | undefined> | undefined;
let lastRange: string | undefined;
let lastGroup: RangeGroup | undefined;

/** The parsed range, or undefined for one nothing satisfies (not ASCII, or a number past u64). */
function compiledRange(range: string): RangeGroup | undefined {
  // The same range as last time (a loop over versions) skips even the lookup.
  if (range === lastRange) return lastGroup;
  rangeCache ??= new Map();
  let group = rangeCache.get(range);
  if (group === undefined && !rangeCache.has(range)) group = compileRange(range);
  lastRange = range;
  lastGroup = group;
  return group;
}

function compileRange(range: string): RangeGroup | undefined {
  let group: RangeGroup | undefined = new RangeGroup();
  if (!isAscii(range) || !parseRange(range, group)) group = undefined;
  const cache = (rangeCache ??= new Map());
  if (cache.size >= RANGE_CACHE_SIZE) cache.clear();
  cache.set(range, group);
  return group;
}

function invalid(s: string): Error {
  return new Error(`Invalid SemVer: ${s}\n`);
}

function order(a: unknown, b: unknown): -1 | 0 | 1 {
  const left = toStringLike(a);
  const right = toStringLike(b);
  if (!isAscii(left) || !isAscii(right)) return 0;
  version ??= new ParsedVersion();
  other ??= new ParsedVersion();
  parseVersion(left, 0, version);
  parseVersion(right, 0, other);
  if (!version.valid) throw invalid(left);
  if (!other.valid) throw invalid(right);
  // Absent parts read as the largest number: `1.x` sorts above every 1.y.z.
  version.fillMax();
  other.fillMax();
  return compareVersions(version, other) as -1 | 0 | 1;
}

export const semver: BunSemver = { satisfies, order };
