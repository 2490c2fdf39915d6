// Bun's version scanner, over char codes, into a reusable record: no regexes,
// no substrings, no allocation. Numbers are u64 in Bun; a JS number is exact
// only to 2^53, so each component is kept as two exact halves: `hi` (all but
// the last 8 decimal digits) and `lo` (the last 8 digits).

export const WILDCARD_NONE = 0;
export const WILDCARD_MAJOR = 1;
export const WILDCARD_MINOR = 2;
export const WILDCARD_PATCH = 3;


/** 2^64 - 1 = 18446744073709551615 split as hi/lo. */
export const MAX_HI = 184_467_440_737;
export const MAX_LO = 9_551_615;

const SPACE = 0x20;
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

export function isWildcardChar(c: number): boolean {
  return c === 0x78 /* x */ || c === 0x58 /* X */ || c === 0x2a /* * */;
}

/** Space, \t, \n, \v, \f, \r: what Bun skips around versions. */
export function isAsciiWhitespace(c: number): boolean {
  return c === SPACE || (c >= 0x09 && c <= 0x0d);
}

/** The characters that end a version early (Bun stops one before them). */
function isRangeStop(c: number): boolean {
  // | ^ # & % !
  return c === 0x7c || c === 0x5e || c === 0x23 || c === 0x26 || c === 0x25 || c === 0x21;
}

/**
 * One version as Bun's parser sees it. Components may be absent (`x`, or not
 * written): `min()` reads them as 0, `max()` as 2^64-1. The prerelease and
 * build tags are spans of `src`; an empty span is no tag.
 */
export class ParsedVersion {
  src = "";
  majorHi = 0;
  majorLo = 0;
  minorHi = 0;
  minorLo = 0;
  patchHi = 0;
  patchLo = 0;
  hasMajor = false;
  hasMinor = false;
  hasPatch = false;
  preStart = 0;
  preEnd = 0;
  buildStart = 0;
  buildEnd = 0;
  wildcard: number = WILDCARD_NONE;
  /** The major number was written as `x`/`X`/`*` (rather than missing or unreadable). */
  majorStar = false;
  valid = true;
  /** A number did not fit in u64 (Bun rejects the whole range then). */
  overflow = false;
  /** Only whitespace, `v` and `=` were there (a range skips such a chunk). */
  blank = false;
  /** How many chars of the input the version took, from where parsing started. */
  len = 0;

  reset(src: string): void {
    this.src = src;
    this.majorHi = 0;
    this.majorLo = 0;
    this.minorHi = 0;
    this.minorLo = 0;
    this.patchHi = 0;
    this.patchLo = 0;
    this.hasMajor = false;
    this.hasMinor = false;
    this.hasPatch = false;
    this.preStart = 0;
    this.preEnd = 0;
    this.buildStart = 0;
    this.buildEnd = 0;
    this.wildcard = WILDCARD_NONE;
    this.majorStar = false;
    this.valid = true;
    this.overflow = false;
    this.blank = false;
    this.len = 0;
  }

  hasPre(): boolean {
    return this.preEnd > this.preStart;
  }

  /** Fill absent components with 2^64-1 (how `order` reads `1.x`). */
  fillMax(): void {
    if (!this.hasMajor) {
      this.majorHi = MAX_HI;
      this.majorLo = MAX_LO;
    }
    if (!this.hasMinor) {
      this.minorHi = MAX_HI;
      this.minorLo = MAX_LO;
    }
    if (!this.hasPatch) {
      this.patchHi = MAX_HI;
      this.patchLo = MAX_LO;
    }
  }
}

// The value of the digit run s[start, end) as hi/lo, into these two slots; false on u64 overflow.
let numberHi = 0;
let numberLo = 0;

function digitsValue(s: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (s.charCodeAt(i) - 0x30);
  return value;
}

function scanNumber(s: string, start: number, end: number): boolean {
  while (start < end - 1 && s.charCodeAt(start) === 0x30) start++;
  const length = end - start;
  if (length > 20) return false;
  const split = length > 8 ? end - 8 : start;
  numberHi = digitsValue(s, start, split);
  numberLo = digitsValue(s, split, end);
  return numberHi < MAX_HI || (numberHi === MAX_HI && numberLo <= MAX_LO);
}

function setComponent(out: ParsedVersion, part: number): void {
  if (part === 0) {
    out.majorHi = numberHi;
    out.majorLo = numberLo;
    out.hasMajor = true;
  } else if (part === 1) {
    out.minorHi = numberHi;
    out.minorLo = numberLo;
    out.hasMinor = true;
  } else if (part === 2) {
    out.patchHi = numberHi;
    out.patchLo = numberLo;
    out.hasPatch = true;
  }
}

const STATE_NONE = 0;
const STATE_PRE = 1;
const STATE_BUILD = 2;

/**
 * The `-pre+build` qualifier at s[from]. `impliedPre` is set for a tag with no
 * leading `-` (`1.0.0rc.1`, which npm accepts). Returns the chars consumed.
 */
function scanTag(s: string, from: number, out: ParsedVersion, impliedPre: boolean): number {
  const n = s.length;
  let state = STATE_NONE;
  let start = from;
  let i = from;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === PLUS) {
      if (state === STATE_PRE || (state === STATE_NONE && impliedPre)) {
        out.preStart = start;
        out.preEnd = i;
      }
      if (state !== STATE_BUILD) {
        state = STATE_BUILD;
        start = i + 1;
      }
    } else if (c === MINUS) {
      if (state === STATE_NONE) {
        state = STATE_PRE;
        start = i + 1;
      }
    } else if (!(isLetter(c) || isDigit(c) || c === DOT)) {
      break;
    }
  }
  if (state === STATE_NONE && impliedPre) {
    state = STATE_PRE;
    start = from;
  }
  if (state === STATE_PRE) {
    out.preStart = start;
    out.preEnd = i;
  } else if (state === STATE_BUILD) {
    out.buildStart = start;
    out.buildEnd = i;
  }
  return i - from;
}

/** Parse a version starting at s[from] (to the end of s, or where it stops). */
export function parseVersion(s: string, from: number, out: ParsedVersion): void {
  out.reset(s);
  const n = s.length;
  if (from >= n) {
    out.valid = false;
    return;
  }
  // Leading whitespace, `v` and `=` are skipped; nothing else is no version.
  let i = from;
  while (i < n) {
    const code = s.charCodeAt(i);
    if (!(isAsciiWhitespace(code) || code === 0x76 || code === 0x3d)) break;
    i++;
  }
  if (i === n) {
    out.valid = false;
    out.blank = true;
    out.len = n - from;
    return;
  }
  const prefixEnd = i;
  let part = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === SPACE) break;
    if (isRangeStop(c)) {
      if (i > from) i--;
      break;
    }
    if (isDigit(c)) {
      const start = i;
      let value = c - 0x30;
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d < 0x30 || d > 0x39) break;
        value = value * 10 + (d - 0x30);
        i++;
      }
      if (part >= 3) {
        // Past the patch number (after a wildcard): read over, not kept.
      } else if (i - start <= 8) {
        numberHi = 0;
        numberLo = value;
        setComponent(out, part++);
      } else if (!scanNumber(s, start, i)) {
        out.valid = false;
        // Before any wildcard this fails a whole range; past one, scanning goes on.
        if (out.wildcard === WILDCARD_NONE) {
          out.overflow = true;
          break;
        }
        part++;
      } else setComponent(out, part++);
      // A dot is taken only while core numbers remain.
      if (i < n && s.charCodeAt(i) === DOT && part !== 3) i++;
      continue;
    }
    if (c === DOT) {
      out.valid = false;
      break;
    }
    if (c === MINUS || c === PLUS) {
      // A prerelease needs at least major.minor; a build tag at least a major.
      if (out.wildcard === WILDCARD_NONE && (c === MINUS ? part < 2 : part < 1)) {
        out.valid = false;
        break;
      }
      i += scanTag(s, i, out, false);
      break;
    }
    if (isWildcardChar(c)) {
      const star = i;
      i++;
      while (i < n && isWildcardChar(s.charCodeAt(i))) i++;
      if (i < n && s.charCodeAt(i) === DOT) i++;
      // No wildcard after a full version ("1.2.3x") or glued to a number ("1x");
      // the scan goes on past it all the same.
      if ((part === 3 && out.wildcard === WILDCARD_NONE) || (star > from && isDigit(s.charCodeAt(star - 1)))) {
        out.valid = false;
      }
      if (out.wildcard === WILDCARD_NONE && part < 3) {
        // `<x`/`>x` (nothing) and `^x` (everything) need the star up front.
        if (part === 0 && star === prefixEnd) out.majorStar = true;
        out.wildcard = part + 1;
        part++;
      }
      continue;
    }
    if (out.wildcard === WILDCARD_NONE && part >= 2 && isLetter(c)) {
      i += scanTag(s, i, out, true);
      break;
    }
    out.valid = false;
    break;
  }
  // Nothing read at all ("", " ", "|") is no version.
  if (part === 0 && out.wildcard === WILDCARD_NONE) out.valid = false;
  if (out.wildcard === WILDCARD_NONE && part < 3) out.wildcard = part + 1;
  if (!out.valid) out.majorStar = false;
  out.len = i - from;
}

// --- ordering ----------------------------------------------------------------

function compareNumber(aHi: number, aLo: number, bHi: number, bLo: number): number {
  if (aHi !== bHi) return aHi < bHi ? -1 : 1;
  if (aLo !== bLo) return aLo < bLo ? -1 : 1;
  return 0;
}

/** A prerelease identifier's u64 value exists (digits only, no overflow); its significant digits are [numStart, end). */
let numStart = 0;

function numericIdentifier(s: string, start: number, end: number): boolean {
  if (start === end) return false;
  for (let i = start; i < end; i++) if (!isDigit(s.charCodeAt(i))) return false;
  while (start < end - 1 && s.charCodeAt(start) === 0x30) start++;
  numStart = start;
  const length = end - start;
  if (length < 20) return true;
  if (length > 20) return false;
  const max = "18446744073709551615";
  for (let i = 0; i < 20; i++) {
    const d = s.charCodeAt(start + i) - max.charCodeAt(i);
    if (d !== 0) return d < 0;
  }
  return true;
}

function compareNumericIdentifiers(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  if (aLength !== bLength) return aLength < bLength ? -1 : 1;
  for (let i = 0; i < aLength; i++) {
    const d = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function compareBytes(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const common = aLength < bLength ? aLength : bLength;
  for (let i = 0; i < common; i++) {
    const d = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return aLength === bLength ? 0 : aLength < bLength ? -1 : 1;
}

/** Compare two prerelease tags identifier by identifier (numbers below words, as node-semver). */
function comparePre(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
  let i = aStart;
  let j = bStart;
  for (;;) {
    const aDone = i > aEnd;
    const bDone = j > bEnd;
    if (aDone && bDone) return 0;
    if (bDone) return 1;
    if (aDone) return -1;
    let iEnd = a.indexOf(".", i);
    if (iEnd === -1 || iEnd > aEnd) iEnd = aEnd;
    let jEnd = b.indexOf(".", j);
    if (jEnd === -1 || jEnd > bEnd) jEnd = bEnd;
    const aNumeric = numericIdentifier(a, i, iEnd);
    const aNumStart = numStart;
    const bNumeric = numericIdentifier(b, j, jEnd);
    let order: number;
    if (aNumeric && bNumeric) order = compareNumericIdentifiers(a, aNumStart, iEnd, b, numStart, jEnd);
    else if (aNumeric) return -1;
    else if (bNumeric) return 1;
    else order = compareBytes(a, i, iEnd, b, j, jEnd);
    if (order !== 0) return order;
    i = iEnd + 1;
    j = jEnd + 1;
  }
}

/** The fields a comparator's version and a parsed version share. */
export interface VersionFields {
  src: string;
  majorHi: number;
  majorLo: number;
  minorHi: number;
  minorLo: number;
  patchHi: number;
  patchLo: number;
  preStart: number;
  preEnd: number;
}

/** Bun's `orderWithoutBuild`: core numbers, then a prerelease sorts below none, then the tags. */
export function compareVersions(a: VersionFields, b: VersionFields): number {
  let order = compareNumber(a.majorHi, a.majorLo, b.majorHi, b.majorLo);
  if (order !== 0) return order;
  order = compareNumber(a.minorHi, a.minorLo, b.minorHi, b.minorLo);
  if (order !== 0) return order;
  order = compareNumber(a.patchHi, a.patchLo, b.patchHi, b.patchLo);
  if (order !== 0) return order;
  const aPre = a.preEnd > a.preStart;
  const bPre = b.preEnd > b.preStart;
  if (aPre !== bPre) return aPre ? -1 : 1;
  if (!aPre) return 0;
  return comparePre(a.src, a.preStart, a.preEnd, b.src, b.preStart, b.preEnd);
}


