// Bun's range grammar, scanned into a reusable structure: a group of
// `||`-separated lists, each a run of AND-ed ranges, each range one or two
// comparators. Comparator slots are pooled, so parsing a range allocates
// nothing once the pool has grown to the largest range seen.
import {
  MAX_HI,
  MAX_LO,
  ParsedVersion,
  WILDCARD_MAJOR,
  WILDCARD_MINOR,
  WILDCARD_NONE,
  WILDCARD_PATCH,
  compareVersions,
  isAsciiWhitespace,
  isDigit,
  isWildcardChar,
  parseVersion,
  type VersionFields,
} from "./version.ts";

const OP_UNSET = 0;
const OP_EQL = 1;
const OP_LT = 3;
const OP_LTE = 4;
const OP_GT = 5;
const OP_GTE = 6;

const TOKEN_NONE = 0;
const TOKEN_GT = 1;
const TOKEN_GTE = 2;
const TOKEN_LT = 3;
const TOKEN_LTE = 4;
const TOKEN_VERSION = 5;
const TOKEN_TILDE = 6;
const TOKEN_CARET = 7;

class Comparator implements VersionFields {
  op: number = OP_UNSET;
  src = "";
  majorHi = 0;
  majorLo = 0;
  minorHi = 0;
  minorLo = 0;
  patchHi = 0;
  patchLo = 0;
  preStart = 0;
  preEnd = 0;

  /** `op` major.minor.patch with no tag; absent parts given as hi/lo pairs. */
  set(op: number, majorHi: number, majorLo: number, minorHi: number, minorLo: number, patchHi: number, patchLo: number): void {
    this.op = op;
    this.src = "";
    this.majorHi = majorHi;
    this.majorLo = majorLo;
    this.minorHi = minorHi;
    this.minorLo = minorLo;
    this.patchHi = patchHi;
    this.patchLo = patchLo;
    this.preStart = 0;
    this.preEnd = 0;
  }

  /** `op` and the version's `min()` (absent parts 0), keeping its prerelease tag. */
  setMin(op: number, v: ParsedVersion): void {
    this.set(op, v.majorHi, v.majorLo, v.minorHi, v.minorLo, v.patchHi, v.patchLo);
    this.src = v.src;
    this.preStart = v.preStart;
    this.preEnd = v.preEnd;
  }

  hasPre(): boolean {
    return this.preEnd > this.preStart;
  }

  satisfiedBy(version: VersionFields): boolean {
    const order = compareVersions(version, this);
    if (order === 0) return this.op === OP_EQL || this.op === OP_LTE || this.op === OP_GTE;
    if (order > 0) return this.op === OP_GT || this.op === OP_GTE;
    return this.op === OP_LT || this.op === OP_LTE;
  }

  sameCore(version: VersionFields): boolean {
    return (
      version.patchLo === this.patchLo &&
      version.minorLo === this.minorLo &&
      version.majorLo === this.majorLo &&
      version.patchHi === this.patchHi &&
      version.minorHi === this.minorHi &&
      version.majorHi === this.majorHi
    );
  }
}

// `<major+1.0.0`, or `<=major.MAX.MAX` when major+1 would overflow u64.
function ltNextMajor(c: Comparator, hi: number, lo: number): void {
  if (hi === MAX_HI && lo === MAX_LO) c.set(OP_LTE, MAX_HI, MAX_LO, MAX_HI, MAX_LO, MAX_HI, MAX_LO);
  else if (lo === 99_999_999) c.set(OP_LT, hi + 1, 0, 0, 0, 0, 0);
  else c.set(OP_LT, hi, lo + 1, 0, 0, 0, 0);
}

function ltNextMinor(c: Comparator, majorHi: number, majorLo: number, hi: number, lo: number): void {
  if (hi === MAX_HI && lo === MAX_LO) c.set(OP_LTE, majorHi, majorLo, MAX_HI, MAX_LO, MAX_HI, MAX_LO);
  else if (lo === 99_999_999) c.set(OP_LT, majorHi, majorLo, hi + 1, 0, 0, 0);
  else c.set(OP_LT, majorHi, majorLo, hi, lo + 1, 0, 0);
}

function ltNextPatch(c: Comparator, v: ParsedVersion): void {
  const hi = v.patchHi;
  const lo = v.patchLo;
  if (hi === MAX_HI && lo === MAX_LO) c.set(OP_LTE, v.majorHi, v.majorLo, v.minorHi, v.minorLo, MAX_HI, MAX_LO);
  else if (lo === 99_999_999) c.set(OP_LT, v.majorHi, v.majorLo, v.minorHi, v.minorLo, hi + 1, 0);
  else c.set(OP_LT, v.majorHi, v.majorLo, v.minorHi, v.minorLo, hi, lo + 1);
}

/** `<0.0.0-0`: the empty set (nothing sorts below it). */
function nullSet(c: Comparator): void {
  c.set(OP_LT, 0, 0, 0, 0, 0, 0);
  c.src = "0";
  c.preStart = 0;
  c.preEnd = 1;
}

/** A parsed range: lists of nodes; node k's comparators are `pool[2k]` (left) and `pool[2k+1]` (right). */
export class RangeGroup {
  pool: Comparator[] = [];
  nodeCount = 0;
  /** Index of each list's first node. */
  listStarts: number[] = [];
  listCount = 0;

  reset(): void {
    this.nodeCount = 0;
    this.listCount = 0;
    this.newList();
  }

  left(node: number): Comparator {
    return this.pool[2 * node] as Comparator;
  }

  right(node: number): Comparator {
    return this.pool[2 * node + 1] as Comparator;
  }

  private newNode(): number {
    const node = this.nodeCount++;
    if (this.pool.length < 2 * this.nodeCount) this.pool.push(new Comparator(), new Comparator());
    this.left(node).op = OP_UNSET;
    this.right(node).op = OP_UNSET;
    return node;
  }

  private newList(): number {
    this.listStarts[this.listCount++] = this.nodeCount;
    return this.newNode();
  }

  private isEmpty(node: number): boolean {
    return this.left(node).op === OP_UNSET && this.right(node).op === OP_UNSET;
  }

  /** The node an AND-ed range goes to: the last list's head while that is empty, else a new node. */
  andTarget(): number {
    const head = this.listStarts[this.listCount - 1] as number;
    if (this.isEmpty(head)) return head;
    return this.newNode();
  }

  /** The node an OR-ed range goes to: the lone head while it has no left comparator, else a new list. */
  orTarget(): number {
    if (this.listCount === 1 && this.nodeCount === 1 && this.left(0).op === OP_UNSET) return 0;
    return this.newList();
  }

  /** Bun's exact-version shortcut: one list of one `=` comparator. */
  exact(): Comparator | undefined {
    if (this.listCount !== 1 || this.nodeCount !== 1) return undefined;
    const left = this.left(0);
    return left.op === OP_EQL && this.right(0).op === OP_UNSET ? left : undefined;
  }

  /** Whether `version` (complete, not a wildcard) is in the range. */
  satisfies(version: ParsedVersion): boolean {
    // One `=` comparator alone is matched by identity: the prerelease tag byte
    // for byte (`1.2.3-01` is not `=1.2.3-1`), the build ignored.
    const exact = this.exact();
    if (exact !== undefined) return exact.sameCore(version) && samePre(exact, version);
    const hasPre = version.hasPre();
    for (let list = 0; list < this.listCount; list++) {
      const end = list + 1 < this.listCount ? (this.listStarts[list + 1] as number) : this.nodeCount;
      if (this.listSatisfies(version, hasPre, this.listStarts[list] as number, end)) return true;
    }
    return false;
  }

  // A prerelease version must also share major.minor.patch with a prerelease
  // comparator of the same list (node-semver's rule).
  private listSatisfies(version: ParsedVersion, hasPre: boolean, start: number, end: number): boolean {
    let preMatched = false;
    for (let node = start; node < end; node++) {
      const left = this.left(node);
      if (left.op === OP_UNSET) continue;
      const right = this.right(node);
      const hasRight = right.op !== OP_UNSET;
      if (hasPre && !preMatched) {
        preMatched = (left.hasPre() && left.sameCore(version)) || (hasRight && right.hasPre() && right.sameCore(version));
      }
      if (!left.satisfiedBy(version)) return false;
      if (hasRight && !right.satisfiedBy(version)) return false;
    }
    return !hasPre || preMatched;
  }

  // --- building ranges from tokens -----------------------------------------------

  /** Bun's `Token.toRange`: the comparators a token and its (partial) version mean. */
  fillToken(node: number, tag: number, v: ParsedVersion): void {
    const left = this.left(node);
    const right = this.right(node);
    switch (tag) {
      case TOKEN_CARET:
      case TOKEN_TILDE:
        this.fillCaretTilde(tag === TOKEN_CARET, left, right, v);
        return;
      case TOKEN_VERSION:
        if (v.wildcard === WILDCARD_NONE) left.setMin(OP_EQL, v);
        else this.fillWildcard(left, right, v);
        return;
    }
    const op = tag === TOKEN_GT ? OP_GT : tag === TOKEN_GTE ? OP_GTE : tag === TOKEN_LT ? OP_LT : OP_LTE;
    switch (v.wildcard) {
      case WILDCARD_MAJOR:
        // `<x` and `>x` match nothing; `<=x` and `>=x` (and an unreadable `<.`) everything.
        if ((op === OP_LT || op === OP_GT) && v.majorStar) nullSet(left);
        else {
          left.set(OP_GTE, 0, 0, 0, 0, 0, 0);
          right.set(OP_LTE, MAX_HI, MAX_LO, MAX_HI, MAX_LO, MAX_HI, MAX_LO);
        }
        return;
      case WILDCARD_MINOR:
        if (op === OP_LTE || op === OP_GT) left.set(op, v.majorHi, v.majorLo, MAX_HI, MAX_LO, MAX_HI, MAX_LO);
        else left.set(op, v.majorHi, v.majorLo, 0, 0, 0, 0);
        return;
      case WILDCARD_PATCH:
        if (op === OP_LTE || op === OP_GT) left.set(op, v.majorHi, v.majorLo, v.minorHi, v.minorLo, MAX_HI, MAX_LO);
        else left.set(op, v.majorHi, v.majorLo, v.minorHi, v.minorLo, 0, 0);
        return;
      default:
        left.setMin(op, v);
    }
  }

  private fillCaretTilde(caret: boolean, left: Comparator, right: Comparator, v: ParsedVersion): void {
    if (!v.hasMajor) {
      // `^x` is `*`; a caret with no readable version after it is no range at all.
      if (v.majorStar) left.set(OP_GTE, 0, 0, 0, 0, 0, 0);
      return;
    }
    const zeroMajor = v.majorHi === 0 && v.majorLo === 0;
    if (!v.hasMinor) {
      left.set(OP_GTE, v.majorHi, v.majorLo, 0, 0, 0, 0);
      ltNextMajor(right, v.majorHi, v.majorLo);
      return;
    }
    if (!v.hasPatch) {
      left.set(OP_GTE, v.majorHi, v.majorLo, v.minorHi, v.minorLo, 0, 0);
      if (caret && !zeroMajor) ltNextMajor(right, v.majorHi, v.majorLo);
      else ltNextMinor(right, v.majorHi, v.majorLo, v.minorHi, v.minorLo);
      return;
    }
    left.setMin(OP_GTE, v);
    if (!caret) ltNextMinor(right, v.majorHi, v.majorLo, v.minorHi, v.minorLo);
    else if (!zeroMajor) ltNextMajor(right, v.majorHi, v.majorLo);
    else if (v.minorHi === 0 && v.minorLo === 0) ltNextPatch(right, v);
    else ltNextMinor(right, v.majorHi, v.majorLo, v.minorHi, v.minorLo);
  }

  /** Bun's `Range.initWildcard`: `x` is everything, `1.x` is `>=1.0.0 <2.0.0`, `1.2.x` is `>=1.2.0 <1.3.0`. */
  private fillWildcard(left: Comparator, right: Comparator, v: ParsedVersion): void {
    if (v.wildcard === WILDCARD_MAJOR) {
      left.set(OP_GTE, 0, 0, 0, 0, 0, 0);
    } else if (v.wildcard === WILDCARD_MINOR) {
      ltNextMajor(left, v.majorHi, v.majorLo);
      right.set(OP_GTE, v.majorHi, v.majorLo, 0, 0, 0, 0);
    } else {
      ltNextMinor(left, v.majorHi, v.majorLo, v.minorHi, v.minorLo);
      right.set(OP_GTE, v.majorHi, v.majorLo, v.minorHi, v.minorLo, 0, 0);
    }
  }

  /** `a - b`: `>=a`, bounded by `b` as its wildcard allows. */
  fillHyphen(node: number, first: ParsedVersion, second: ParsedVersion): void {
    const left = this.left(node);
    const right = this.right(node);
    left.setMin(OP_GTE, first);
    switch (second.wildcard) {
      case WILDCARD_MAJOR:
        return;
      case WILDCARD_MINOR:
        ltNextMajor(right, second.majorHi, second.majorLo);
        excludeItsPrereleases(right);
        return;
      case WILDCARD_PATCH:
        ltNextMinor(right, second.majorHi, second.majorLo, second.minorHi, second.minorLo);
        excludeItsPrereleases(right);
        return;
      default:
        right.setMin(OP_LTE, second);
    }
  }
}

function samePre(a: VersionFields, b: VersionFields): boolean {
  const length = a.preEnd - a.preStart;
  if (b.preEnd - b.preStart !== length) return false;
  for (let i = 0; i < length; i++) if (a.src.charCodeAt(a.preStart + i) !== b.src.charCodeAt(b.preStart + i)) return false;
  return true;
}

/**
 * A hyphen range's bumped upper bound (`a - 1.2.x` → `<1.3.0-0`) excludes every
 * prerelease of the bumped version, whatever tag the second version was written
 * with (Bun 1.4.5: `1.3.0-a` is outside `1.3.0-0 - 1.2.x-b`).
 */
function excludeItsPrereleases(c: Comparator): void {
  if (c.op !== OP_LT) return;
  c.src = "0";
  c.preStart = 0;
  c.preEnd = 1;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) === 0x20) i++;
  return i;
}

function skipWhitespace(s: string, i: number): number {
  while (i < s.length && isAsciiWhitespace(s.charCodeAt(i))) i++;
  return i;
}

/** s[start, end) is non-empty and all spaces. */
function onlySpaces(s: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) !== 0x20) return false;
  return true;
}

function startsVersion(c: number): boolean {
  return isDigit(c) || isWildcardChar(c);
}

const first = new ParsedVersion();
const second = new ParsedVersion();

/**
 * Where a hyphen range's second version starts (`1.0.0 - 2.0.0`), or -1. `i`
 * is just past the first version.
 */
function hyphenAt(s: string, i: number): number {
  const n = s.length;
  if (!(i < n && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x2d))) return -1;
  i = skipWhitespace(s, i);
  if (!(i < n && s.charCodeAt(i) === 0x2d)) return -1;
  i = skipWhitespace(s, i + 1);
  if (i === n) return -1;
  const c = s.charCodeAt(i);
  if (c === 0x76 || c === 0x3d) i++;
  if (i === n) return -1;
  i = skipWhitespace(s, i);
  if (i === n || !startsVersion(s.charCodeAt(i))) return -1;
  return i;
}

/** Parse `s` as Bun parses a range, into `group`; false when a number overflows u64 (Bun then matches nothing). */
export function parseRange(s: string, group: RangeGroup): boolean {
  group.reset();
  const n = s.length;
  let i = 0;
  let tag = TOKEN_NONE;
  let isOr = false;
  let count = 0;
  let previousInvalid = false;
  // Where the previous comparator's text ended.
  let previousEnd = 0;
  while (i < n) {
    const tokenStart = i;
    const c = s.charCodeAt(i);
    let freshVersion = false;
    switch (c) {
      case 0x3e: // >
      case 0x3c: {
        // <
        // `> =1.0.0` is `>=1.0.0`.
        i = skipSpaces(s, i + 1);
        const orEqual = i < n && s.charCodeAt(i) === 0x3d;
        tag = c === 0x3e ? (orEqual ? TOKEN_GTE : TOKEN_GT) : orEqual ? TOKEN_LTE : TOKEN_LT;
        if (orEqual) i = skipSpaces(s, i + 1);
        break;
      }
      case 0x3d: // =
      case 0x76: // v
        tag = TOKEN_VERSION;
        freshVersion = true;
        i = skipSpaces(s, i + 1);
        break;
      case 0x7e: // ~ (and ~>)
        tag = TOKEN_TILDE;
        i++;
        if (i < n && s.charCodeAt(i) === 0x3e) i++;
        i = skipSpaces(s, i);
        break;
      case 0x5e: // ^
        tag = TOKEN_CARET;
        i = skipSpaces(s, i + 1);
        break;
      case 0x7c: // |
        i++;
        while (i < n && s.charCodeAt(i) === 0x7c) i++;
        i = skipSpaces(s, i);
        isOr = true;
        tag = TOKEN_NONE;
        continue;
      case 0x2d: // -
        i = skipSpaces(s, i + 1);
        break;
      case 0x20:
        i = skipSpaces(s, i + 1);
        continue;
      default:
        if (startsVersion(c)) {
          tag = TOKEN_VERSION;
          freshVersion = true;
          break;
        }
        // A word such as a dist-tag ("1.0.0 || boop") is skipped.
        i++;
        tag = TOKEN_NONE;
        while (i < n && s.charCodeAt(i) !== 0x20 && s.charCodeAt(i) !== 0x7c) i++;
        continue;
    }

    parseVersion(s, i, first);
    if (first.overflow) return false;
    i += first.len;
    const versionEnd = i;
    const hyphen = hyphenAt(s, i);
    // A version set off from the previous comparator by spaces alone is AND-ed
    // to it; one glued on, after junk, or next to one that did not parse
    // starts an OR branch.
    const joinsOr = isOr || (freshVersion && (!first.valid || previousInvalid || !onlySpaces(s, previousEnd, tokenStart)));
    if (first.blank) {
      // Nothing but `v`, `=` and whitespace to the end: an empty range, which matches anything.
      if (tag !== TOKEN_NONE && count > 0 && joinsOr) group.orTarget();
      break;
    }
    if (hyphen !== -1) {
      parseVersion(s, hyphen, second);
      if (second.overflow) return false;
      const node = count > 0 && joinsOr ? group.orTarget() : group.andTarget();
      group.fillHyphen(node, first, second);
      i = hyphen + second.len;
      previousEnd = i++;
    } else {
      i++;
      if (tag === TOKEN_NONE) continue;
      const node = count > 0 && joinsOr ? group.orTarget() : group.andTarget();
      group.fillToken(node, tag, first);
      previousEnd = versionEnd;
    }
    previousInvalid = !first.valid;
    isOr = false;
    count++;
  }
  return true;
}
