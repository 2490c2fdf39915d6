// Terminal column width as Bun.stringWidth computes it: escape sequences are
// skipped (unless counted), and code points are grouped into grapheme
// clusters whose width follows Bun's rules for flags, keycaps, emoji with
// skin tones or ZWJ, and variation selectors; otherwise a cluster is the sum
// of its code points' East Asian widths.
import { consumeAnsi, isEscapeIntroducer } from "./ansi.ts";
import { breakDecision } from "./grapheme.ts";
import { codePointInfo } from "./width-data.ts";

// Layout of one code point's info (see scripts/generate-string-width-table.mjs).
export const INFO_CLASS_MASK = 0x1f;
export const INFO_WIDTH_SHIFT = 5;
export const INFO_EMOJI = 0x80;
/** Always its own cluster when ambiguous characters are narrow (Bun's bulk fast path). */
export const INFO_BULK = 0x100;
export const INFO_PER_CODE_POINT_NARROW_SHIFT = 9;
export const INFO_PER_CODE_POINT_WIDE_SHIFT = 11;

const WIDTH_AMBIGUOUS = 3;

function widthOf(info: number, wide: boolean): number {
  const width = (info >> INFO_WIDTH_SHIFT) & 3;
  return width === WIDTH_AMBIGUOUS ? (wide ? 2 : 1) : width;
}

/** Width of one code point measured on its own (the `perCodePoint` option). */
function perCodePointWidth(info: number, wide: boolean): number {
  return (info >> (wide ? INFO_PER_CODE_POINT_WIDE_SHIFT : INFO_PER_CODE_POINT_NARROW_SHIFT)) & 3;
}

/**
 * One grapheme cluster in progress. Bun decides a cluster's width from its
 * first code point and a few flags once the cluster is complete.
 */
export class Cluster {
  firstCp = 0;
  sum = 0;
  baseWidth = 0;
  count = 0;
  emojiBase = false;
  keycap = false;
  regional = false;
  skinTone = false;
  zwj = false;
  vs15 = false;
  vs16 = false;

  start(cp: number, info: number, wide: boolean): void {
    this.firstCp = cp;
    this.count = 1;
    this.vs15 = this.vs16 = false;
    if (cp < 0x80) {
      const width = cp >= 0x20 && cp < 0x7f ? 1 : 0;
      this.baseWidth = this.sum = width;
      this.emojiBase = this.keycap = this.regional = this.skinTone = this.zwj = false;
      return;
    }
    const width = widthOf(info, wide);
    this.baseWidth = this.sum = width;
    this.emojiBase = (info & INFO_EMOJI) !== 0;
    this.keycap = cp === 0x20e3;
    this.regional = cp >= 0x1f1e6 && cp <= 0x1f1ff;
    this.skinTone = cp >= 0x1f3fb && cp <= 0x1f3ff;
    this.zwj = cp === 0x200d;
  }

  add(cp: number, info: number, wide: boolean): void {
    if (this.count < 255) this.count++;
    if (cp === 0x20e3) this.keycap = true;
    else if (cp >= 0x1f1e6 && cp <= 0x1f1ff) this.regional = true;
    else if (cp >= 0x1f3fb && cp <= 0x1f3ff) this.skinTone = true;
    else if (cp === 0x200d) this.zwj = true;
    else if (cp === 0xfe0e) this.vs15 = true;
    else if (cp === 0xfe0f) this.vs16 = true;
    const sum = this.sum + widthOf(info, wide);
    this.sum = sum < 1023 ? sum : 1023;
  }

  width(): number {
    if (this.count === 0) return 0;
    if (this.regional && this.count >= 2) return 2;
    if (this.keycap) return 2;
    if (this.regional) return 1;
    if (this.emojiBase && (this.skinTone || this.zwj)) return 2;
    if (this.vs15 || this.vs16) {
      // VS16 gives emoji presentation only to a base with the Emoji property
      // (below U+203C Bun counts just © and ®).
      if (this.baseWidth === 2 || (this.vs16 && (this.emojiBase || this.firstCp === 0xa9 || this.firstCp === 0xae))) return 2;
      return this.baseWidth;
    }
    return this.sum;
  }
}

// Cluster flags for the fast measuring loop.
const F_EMOJI = 1;
const F_KEYCAP = 2;
const F_REGIONAL = 4;
const F_SKIN = 8;
const F_ZWJ = 16;
const F_VS15 = 32;
const F_VS16 = 64;

function flagsOf(cp: number): number {
  if (cp === 0x20e3) return F_KEYCAP;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return F_REGIONAL;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return F_SKIN;
  if (cp === 0x200d) return F_ZWJ;
  return 0;
}

/** Width of a finished cluster (same rules as Cluster.width). */
function clusterWidth(count: number, flags: number, baseWidth: number, sum: number, firstCp: number): number {
  if (flags === 0) return sum;
  if ((flags & F_REGIONAL) !== 0 && count >= 2) return 2;
  if ((flags & F_KEYCAP) !== 0) return 2;
  if ((flags & F_REGIONAL) !== 0) return 1;
  if ((flags & F_EMOJI) !== 0 && (flags & (F_SKIN | F_ZWJ)) !== 0) return 2;
  if ((flags & (F_VS15 | F_VS16)) !== 0) {
    if (baseWidth === 2 || ((flags & F_VS16) !== 0 && ((flags & F_EMOJI) !== 0 || firstCp === 0xa9 || firstCp === 0xae))) return 2;
    return baseWidth;
  }
  return sum;
}

/**
 * Grapheme-aware width of UTF-16 text from `from` on (text[0, from) is known
 * to be printable ASCII). One pass, state in locals: ASCII (and, when
 * ambiguous characters are narrow, Bun's bulk-counted characters) always
 * starts a new cluster; escape sequences are skipped without breaking the
 * cluster before them; lone surrogates are skipped (or, for wrapAnsi, taken
 * as zero-width code points).
 */
function utf16Width(text: string, from: number, excludeAnsi: boolean, wide: boolean, table: Uint16Array, keepLoneSurrogates: boolean): number {
  const n = text.length;
  let total = 0;
  let count = 0;
  let flags = 0;
  let baseWidth = 0;
  let sum = 0;
  let firstCp = 0;
  let prevClass = 0;
  let state = 0;
  if (from > 0) {
    total = from - 1;
    firstCp = text.charCodeAt(from - 1);
    count = 1;
    baseWidth = sum = 1;
    prevClass = table[firstCp]! & INFO_CLASS_MASK;
  }
  let i = from;
  while (i < n) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      if (cp === 0x1b && excludeAnsi) {
        i = consumeAnsi(text, i, n);
        continue;
      }
      // A run of ASCII: every character is its own cluster; the last stays
      // open in case a combining mark follows.
      if (count > 0) total += clusterWidth(count, flags, baseWidth, sum, firstCp);
      let j = i + 1;
      for (; j < n; j++) {
        const code = text.charCodeAt(j);
        if (code >= 0x80 || (code === 0x1b && excludeAnsi)) break;
        if (cp >= 0x20 && cp < 0x7f) total++;
        cp = code;
      }
      firstCp = cp;
      count = 1;
      flags = 0;
      baseWidth = sum = firstCp >= 0x20 && firstCp < 0x7f ? 1 : 0;
      prevClass = table[firstCp]! & INFO_CLASS_MASK;
      state = 0;
      i = j;
      continue;
    }
    // Past ASCII, only C1 controls (below U+00A0) can start an escape sequence.
    if (cp < 0xa0 && excludeAnsi && isEscapeIntroducer(cp)) {
      i = consumeAnsi(text, i, n);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (cp <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else if (!keepLoneSurrogates) {
        i++;
        continue;
      }
    }
    i++;
    const info = table[cp]!;
    const cls = info & INFO_CLASS_MASK;
    const width = widthOf(info, wide);
    let starts = count === 0 || (!wide && (info & INFO_BULK) !== 0);
    if (!starts) {
      const decision = breakDecision(prevClass, cls, state);
      state = decision >> 1;
      starts = (decision & 1) !== 0;
    } else {
      state = 0;
    }
    if (starts) {
      if (count > 0) total += clusterWidth(count, flags, baseWidth, sum, firstCp);
      count = 1;
      firstCp = cp;
      baseWidth = sum = width;
      flags = flagsOf(cp) | ((info & INFO_EMOJI) !== 0 ? F_EMOJI : 0);
    } else {
      if (count < 255) count++;
      flags |= cp === 0xfe0e ? F_VS15 : cp === 0xfe0f ? F_VS16 : flagsOf(cp);
      sum = sum + width < 1023 ? sum + width : 1023;
    }
    prevClass = cls;
  }
  return count > 0 ? total + clusterWidth(count, flags, baseWidth, sum, firstCp) : total;
}

/** Printable ASCII is one column, controls none. */
function asciiWidth(code: number): number {
  return code >= 0x20 && code < 0x7f ? 1 : 0;
}

/**
 * Width of a string whose code units are all below 0x100 (JSC keeps these as
 * Latin-1, and Bun measures them byte by byte, without clustering).
 */
function latin1Width(text: string, excludeAnsi: boolean, wide: boolean, table: Uint16Array, asciiPrefix: number): number {
  let width = asciiPrefix;
  for (let i = asciiPrefix; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x1b && excludeAnsi) {
        i = consumeAnsi(text, i, text.length) - 1;
        continue;
      }
      width += asciiWidth(code);
    } else if (excludeAnsi && isEscapeIntroducer(code)) {
      i = consumeAnsi(text, i, text.length) - 1;
    } else {
      width += widthOf(table[code]!, wide);
    }
  }
  return width;
}

// Global, so a search can start where the printable-ASCII prefix ends.
const BEYOND_LATIN1 = /[^\x00-\xff]/g;

/** Whether a unit from `from` on is above U+00FF (the first one there decides without a search). */
function beyondLatin1(text: string, from: number): boolean {
  if (text.charCodeAt(from) > 0xff) return true;
  BEYOND_LATIN1.lastIndex = from;
  return BEYOND_LATIN1.test(text);
}

/**
 * Bun.stringWidth without the per-code-point option. `asciiPrefix` is how
 * many leading units are known to be printable ASCII.
 */
export function visibleWidth(text: string, excludeAnsi: boolean, wide: boolean, table: Uint16Array = codePointInfo(), keepLoneSurrogates = false, asciiPrefix = 0): number {
  if (!beyondLatin1(text, asciiPrefix)) return latin1Width(text, excludeAnsi, wide, table, asciiPrefix);
  return utf16Width(text, asciiPrefix, excludeAnsi, wide, table, keepLoneSurrogates);
}

/** Bun.stringWidth with `perCodePoint`: every code point (and lone surrogate) measured alone. */
export function perCodePointVisibleWidth(text: string, excludeAnsi: boolean, wide: boolean, table: Uint16Array = codePointInfo()): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (excludeAnsi && isEscapeIntroducer(cp)) {
      i = consumeAnsi(text, i, text.length) - 1;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    width += perCodePointWidth(table[cp]!, wide);
  }
  return width;
}
