// Bun.sliceAnsi's algorithm: slice by terminal columns, one grapheme cluster
// at a time, keeping escape sequences, reopening the SGR styles and OSC 8
// hyperlink active at the start of the slice and closing them at its end,
// with an optional ellipsis at either cut. Port of Bun's single-pass walk,
// including its quirks (which the differential tests pin down): runs of
// printable ASCII are taken in bulk, which breaks clusters a prepended mark
// would otherwise join; CR/LF always break clusters; negative indices are
// resolved by a separate width pass.
import { codePointInfo } from "./width-data.ts";
import { Cluster, INFO_CLASS_MASK } from "./width.ts";
import { breakDecision } from "./grapheme.ts";
import { SgrStyles, parseSgrParams } from "./sgr.ts";
import { mayStartToken, parseToken, TOKEN_HYPERLINK, TOKEN_SGR, type Token } from "./tokens.ts";

/** Leading printable ASCII (0x20–0x7E) in text[from, to). */
function printableAsciiRun(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) break;
    i++;
  }
  return i - from;
}

/** First possible token start in text[from, to), or `to`. */
function nextTokenStart(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (mayStartToken(text.charCodeAt(i))) return i;
  return to;
}

/** Code point at `i` (a lone surrogate as itself) and its length in units. */
function codePointAt(text: string, i: number): number {
  return text.codePointAt(i)!;
}

/** Grapheme clustering as sliceAnsi and wrapAnsi do it: CR LF stays together, CR/LF break everything else. */
class ClusterWalker {
  readonly cluster = new Cluster();
  hasPrev = false;
  private prev = 0;
  private state = 0;
  private readonly wide: boolean;
  private readonly table = codePointInfo();

  constructor(wide: boolean) {
    this.wide = wide;
  }

  /** Feeds a code point; true when it starts a new cluster (the previous one is then complete). */
  breaksBefore(cp: number): boolean {
    if (!this.hasPrev) return true;
    const prev = this.prev;
    if (prev === 0x0d && cp === 0x0a) return false;
    if (prev === 0x0d || prev === 0x0a || cp === 0x0d || cp === 0x0a) {
      this.state = 0;
      return true;
    }
    const table = this.table;
    const decision = breakDecision(table[prev]! & INFO_CLASS_MASK, table[cp]! & INFO_CLASS_MASK, this.state);
    this.state = decision >> 1;
    return (decision & 1) !== 0;
  }

  /** Records `cp` into the current cluster (a new one when `starts`). */
  take(cp: number, starts: boolean): void {
    const info = this.table[cp]!;
    if (starts) this.cluster.start(cp, info, this.wide);
    else this.cluster.add(cp, info, this.wide);
    this.prev = cp;
    this.hasPrev = true;
  }

  forget(): void {
    this.hasPrev = false;
  }
}

/** Total width with escape tokens skipped (only needed for negative indices and ellipses). */
function totalWidth(text: string, asciiPrefix: number, wide: boolean): number {
  const walker = new ClusterWalker(wide);
  let total = asciiPrefix > 0 ? asciiPrefix - 1 : 0;
  if (asciiPrefix > 0) walker.take(text.charCodeAt(asciiPrefix - 1), true);
  for (let p = asciiPrefix; p < text.length; ) {
    if (mayStartToken(text.charCodeAt(p))) {
      const tok = parseToken(text, p);
      if (tok) {
        p = tok.end;
        continue;
      }
    }
    const cp = codePointAt(text, p);
    const starts = walker.breaksBefore(cp);
    if (starts && walker.hasPrev) total += walker.cluster.width();
    walker.take(cp, starts);
    p += cp > 0xffff ? 2 : 1;
  }
  if (walker.hasPrev) total += walker.cluster.width();
  return total;
}

interface Bounds {
  start: number;
  end: number;
  cutStart: boolean;
  cutEnd: boolean;
}

/** String.prototype.slice-style resolution against a known total width. */
function resolveBounds(startD: number, endD: number, total: number): Bounds | undefined {
  let from = startD < 0 ? total + startD : startD;
  let to = endD < 0 ? total + endD : endD;
  if (from < 0) from = 0;
  if (to > total) to = total;
  if (!(to > from)) return undefined;
  return { start: from, end: to, cutStart: from > 0, cutEnd: to < total };
}

interface Pending {
  token: Token;
  start: number;
}

/** The streaming walk (every case but the pure-ASCII fast path). */
class SliceWalk {
  private readonly text: string;
  private readonly ellipsis: string;
  private readonly walker: ClusterWalker;
  private readonly styles = new SgrStyles();
  private link: Token | undefined;
  private pending: Pending[] = [];
  private result = "";
  private position = 0;
  private include = false;
  private sawEnd = false;
  private readonly start: number;
  /** Content ends here; with an end ellipsis the walk goes on to `walkEnd` (its room), discarding what it finds. */
  private readonly end: number;
  private readonly walkEnd: number;
  private readonly startEllipsis: boolean;
  private readonly endEllipsis: boolean;
  private inEllipsisRoom = false;

  constructor(text: string, start: number, end: number, ellipsis: string, startEllipsis: boolean, endEllipsis: boolean, room: number, wide: boolean) {
    this.text = text;
    this.ellipsis = ellipsis;
    this.walker = new ClusterWalker(wide);
    this.start = start;
    this.end = end;
    this.walkEnd = end + room;
    this.startEllipsis = startEllipsis;
    this.endEllipsis = endEllipsis;
  }

  private pastEnd(): boolean {
    return this.position >= this.walkEnd;
  }

  private emit(from: number, to: number): void {
    if (this.inEllipsisRoom) return;
    if (this.endEllipsis && this.position >= this.end) {
      this.inEllipsisRoom = true;
      return;
    }
    this.result += this.text.slice(from, to);
  }

  private beginInclude(): void {
    this.include = true;
    this.result += this.styles.opens();
    if (this.startEllipsis) this.result += this.ellipsis;
    if (this.link) this.result += this.link.code;
  }

  private applyBeforeInclude(token: Token, start: number): void {
    if (token.type === TOKEN_SGR) this.styles.apply(this.text, start, token.end);
    else if (token.type === TOKEN_HYPERLINK) this.link = token.open ? token : undefined;
  }

  private flushPending(closeOnly: boolean): void {
    const text = this.text;
    for (const { token, start } of this.pending) {
      if (token.type === TOKEN_SGR) {
        if (closeOnly) {
          const params = parseSgrParams(text, start + (text.charCodeAt(start) === 0x9b ? 1 : 2), token.end - 1);
          if (params.overflow || params.colon || !this.styles.closesOnly(params.values)) continue;
        }
        this.styles.apply(text, start, token.end);
      } else if (token.type === TOKEN_HYPERLINK) {
        if (closeOnly && (token.open || !this.link)) continue;
        this.link = token.open ? token : undefined;
      } else if (closeOnly) {
        continue;
      }
      this.result += text.slice(start, token.end);
    }
    this.pending = [];
  }

  /**
   * Stops at the end of the range. Pending escapes pass only if they close
   * something — unless the walk is inside an end ellipsis' room, which drops
   * them (so the ellipsis keeps the styles of the text it replaces).
   */
  private stop(): false {
    this.sawEnd = true;
    if (this.inEllipsisRoom) this.pending = [];
    else this.flushPending(true);
    return false;
  }

  /** One visible code point at `p`; false to stop the walk. */
  private visible(cp: number, p: number, length: number): boolean {
    const walker = this.walker;
    const starts = walker.breaksBefore(cp);
    if (starts) {
      if (walker.hasPrev) this.position += walker.cluster.width();
      if (this.pastEnd()) return this.stop();
      if (!this.include && this.position >= this.start) this.beginInclude();
    }
    if (this.include) {
      // Inside the end ellipsis' room only the escapes before its first cluster are kept.
      if (this.inEllipsisRoom) {
        this.pending = [];
      } else {
        this.flushPending(false);
        if (starts) this.emit(p, p + length);
        else this.result += this.text.slice(p, p + length);
      }
    } else {
      this.pending = [];
    }
    walker.take(cp, starts);
    return true;
  }

  /** Takes a run of printable ASCII (all but its last unit) in bulk; false to stop. */
  private bulk(p: number, count: number): number | false {
    const walker = this.walker;
    if (walker.hasPrev) {
      this.position += walker.cluster.width();
      walker.forget();
      if (this.pastEnd()) return this.stop();
    }
    if (!this.include && this.position < this.start) {
      const skip = Math.min(this.start - this.position, count);
      p += skip;
      this.position += skip;
      count -= skip;
    }
    if (count > 0 && !this.include && this.position >= this.start) this.beginInclude();
    if (count > 0 && this.include) {
      if (this.inEllipsisRoom) this.pending = [];
      else this.flushPending(false);
      const room = Math.min(Math.max(this.walkEnd - this.position, 0), count);
      const content = this.endEllipsis ? Math.min(Math.max(this.end - this.position, 0), room) : room;
      if (!this.inEllipsisRoom) this.result += this.text.slice(p, p + content);
      if (room > content) this.inEllipsisRoom = true;
      p += room;
      this.position += room;
      count -= room;
      if (this.pastEnd()) {
        this.sawEnd = true;
        return false;
      }
    }
    this.position += count;
    return p + count;
  }

  run(asciiPrefix: number): string {
    const text = this.text;
    const n = text.length;
    const skipTo = Math.min(this.start, asciiPrefix > 0 ? asciiPrefix - 1 : 0);
    this.position = skipTo;
    let p = skipTo;
    walk: while (p < n) {
      // Bun bounds each scan a few columns past the end; where a run ends
      // decides which ASCII is taken in bulk.
      const scanEnd = Math.min(n, p + Math.max(this.walkEnd - this.position, 0) + 4);
      const runEnd = nextTokenStart(text, p, scanEnd);
      const ascii = printableAsciiRun(text, p, runEnd);
      if (ascii > 1) {
        const next = this.bulk(p, ascii - 1);
        if (next === false) break;
        p = next;
      }
      while (p < runEnd) {
        const cp = codePointAt(text, p);
        const length = cp > 0xffff ? 2 : 1;
        if (!this.visible(cp, p, length)) break walk;
        p += length;
      }
      if (p >= n) break;
      if (mayStartToken(text.charCodeAt(p))) {
        const token = parseToken(text, p);
        if (token) {
          if (this.include) this.pending.push({ token, start: p });
          else this.applyBeforeInclude(token, p);
          p = token.end;
          continue;
        }
      }
      const cp = codePointAt(text, p);
      const length = cp > 0xffff ? 2 : 1;
      if (!this.visible(cp, p, length)) break;
      p += length;
    }
    return this.finish();
  }

  private finish(): string {
    if (!this.sawEnd) {
      if (this.walker.hasPrev) this.position += this.walker.cluster.width();
      if (this.include) this.flushPending(this.pastEnd());
    }
    // Nothing in range: just the start ellipsis, when there is one.
    if (!this.include) return this.startEllipsis ? this.ellipsis : "";
    if (this.link) this.result += this.link.closePrefix + this.link.terminator;
    if (this.endEllipsis) this.result += this.ellipsis;
    return this.result + this.styles.closes();
  }
}

/** Pure printable ASCII (or a range inside such a prefix): plain substring, ellipsis by arithmetic. */
function sliceAscii(text: string, bounds: Bounds, cutEnd: boolean, ellipsis: string, ellipsisWidth: number): string | null {
  if (!bounds.cutStart && !cutEnd) return null;
  let { start, end } = bounds;
  if (ellipsisWidth === 0) return text.slice(start, end);
  const doStart = bounds.cutStart && ellipsisWidth < end - start;
  if (doStart) start += ellipsisWidth;
  const doEnd = cutEnd && ellipsisWidth < end - start;
  if (doEnd) end -= ellipsisWidth;
  if (!doStart && !doEnd) return ellipsis;
  return (doStart ? ellipsis : "") + text.slice(start, end) + (doEnd ? ellipsis : "");
}

/**
 * sliceAnsi on a non-empty string with integer-or-infinite indices. null
 * means "the input itself". Negative indices count back from the total
 * width; non-negative ones are not clamped to it (a zero-width cluster right
 * at the total width is still inside an end beyond it).
 */
export function sliceAnsiText(text: string, startD: number, endD: number, ellipsis: string, ellipsisWidth: number, wide: boolean): string | null {
  const n = text.length;
  if (startD === 0 && endD === Infinity && ellipsisWidth === 0) return null;
  let scanLength = n;
  if (startD >= 0 && endD >= 0 && endD !== Infinity && endD + 2 < n) scanLength = endD + 2;
  const asciiPrefix = printableAsciiRun(text, 0, scanLength);
  const wholeAscii = scanLength === n && asciiPrefix === n;
  if (wholeAscii || (startD >= 0 && endD >= 0 && endD < asciiPrefix)) {
    const bounds = resolveBounds(startD, endD, wholeAscii ? n : asciiPrefix);
    if (!bounds) return "";
    return sliceAscii(text, bounds, wholeAscii ? bounds.cutEnd : true, ellipsis, ellipsisWidth);
  }
  let start: number;
  let end: number;
  let cutEnd = false;
  if (startD >= 0 && !(endD < 0) && ellipsisWidth === 0) {
    // No width pre-pass needed: any index past twice the length is past the end.
    if (startD > n * 2) return "";
    start = startD;
    end = endD > n * 2 ? Infinity : endD;
    if (end <= start) return "";
  } else {
    const total = totalWidth(text, printableAsciiRun(text, 0, n), wide);
    if (startD < 0 || endD < 0) {
      const bounds = resolveBounds(startD, endD, total);
      if (!bounds) return "";
      start = bounds.start;
      cutEnd = bounds.cutEnd;
      // A negative index that leaves the end uncut walks to the end of the string.
      end = cutEnd ? bounds.end : Infinity;
    } else {
      // Non-negative indices stay as given; the total only tells whether the end is cut.
      if (endD <= startD || startD > total) return "";
      // From the very end: only a zero-width cluster there is in range.
      if (startD > 0 && startD === total) {
        return new SliceWalk(text, startD, Infinity, "", false, false, 0, wide).run(asciiPrefix) === "" ? "" : ellipsis;
      }
      start = startD;
      end = endD > n * 2 ? Infinity : endD;
      if (end <= start) return "";
      cutEnd = end < total;
    }
  }
  let startEllipsis = false;
  let endEllipsis = 0;
  if (ellipsisWidth > 0) {
    const cutStart = start > 0;
    if (cutStart && ellipsisWidth < end - start) {
      startEllipsis = true;
      start += ellipsisWidth;
    }
    if (cutEnd && ellipsisWidth < end - start) {
      endEllipsis = ellipsisWidth;
      end -= ellipsisWidth;
    }
    // No room for content and ellipsis: the ellipsis alone.
    if ((cutStart || cutEnd) && !startEllipsis && endEllipsis === 0) return ellipsis;
  }
  if (start === Infinity) return "";
  // With non-negative indices Bun walks on through the ellipsis' columns
  // (escapes met there are kept); with negative ones it stops at the cut.
  const room = startD >= 0 && !(endD < 0) ? endEllipsis : 0;
  return new SliceWalk(text, start, end, ellipsis, startEllipsis, endEllipsis > 0, room, wide).run(asciiPrefix);
}
