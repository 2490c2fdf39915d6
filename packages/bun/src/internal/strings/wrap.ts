// Bun.wrapAnsi's algorithm, which follows the wrap-ansi npm package: lines
// are split into words on " ", words go on rows while they fit, long words
// are broken (hard) or rows are cut at the column (wordWrap: false), rows
// are trimmed, and the last SGR colour and OSC 8 link open at a line break
// are closed before it and reopened after it. Widths are Bun's: a word's
// width by grapheme cluster, a broken word's by code point.
import { consumeAnsi, isEscapeIntroducer } from "./ansi.ts";
import { parseToken } from "./tokens.ts";
import { codePointInfo } from "./width-data.ts";
import { INFO_WIDTH_SHIFT, visibleWidth } from "./width.ts";

export interface WrapOptions {
  hard: boolean;
  wordWrap: boolean;
  trim: boolean;
  wide: boolean;
}

const ESC = "\x1b";
const CSI_C1 = "\x9b";
const BEL = "\x07";

function codePointWidth(cp: number, wide: boolean): number {
  const width = (codePointInfo()[cp]! >> INFO_WIDTH_SHIFT) & 3;
  return width === 3 ? (wide ? 2 : 1) : width;
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Leading spaces and tabs removed (the only whitespace Bun trims), looking past escape sequences, which stay. */
function trimStart(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isEscapeIntroducer(code)) {
      const end = consumeAnsi(text, i, text.length);
      out += text.slice(i, end);
      i = end;
    } else if (isSpaceOrTab(code)) {
      i++;
    } else {
      break;
    }
  }
  return i === 0 ? text : out + text.slice(i);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceOrTab(text.charCodeAt(i))) return false;
  return true;
}

/** Puts the code points of `word` on rows, breaking at `columns`; escape sequences stay whole. */
function wrapWord(rows: string[], word: string, columns: number, wide: boolean, width: (text: string) => number): void {
  let visible = width(rows[rows.length - 1]!);
  for (let i = 0; i < word.length; ) {
    if (isEscapeIntroducer(word.charCodeAt(i))) {
      const end = consumeAnsi(word, i, word.length);
      rows[rows.length - 1] += word.slice(i, end);
      i = end;
      continue;
    }
    const cp = word.codePointAt(i)!;
    const next = i + (cp > 0xffff ? 2 : 1);
    const character = word.slice(i, next);
    const characterWidth = codePointWidth(cp, wide);
    if (visible + characterWidth <= columns) {
      rows[rows.length - 1] += character;
    } else {
      rows.push(character);
      visible = 0;
    }
    visible += characterWidth;
    if (visible === columns && next < word.length) {
      rows.push("");
      visible = 0;
    }
    i = next;
  }
  // A last row holding only escapes belongs to the row before.
  if (visible === 0 && rows[rows.length - 1]!.length > 0 && rows.length > 1) {
    const last = rows.pop()!;
    rows[rows.length - 1] += last;
  }
}

/** `text` split at spaces, except spaces inside escape sequences. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isEscapeIntroducer(code)) {
      i = consumeAnsi(text, i, text.length) - 1;
    } else if (code === 0x20) {
      words.push(text.slice(start, i));
      start = i + 1;
    }
  }
  words.push(text.slice(start));
  return words;
}

/** Trailing spaces removed, keeping zero-width words (escapes) after the last visible one. */
function trimSpacesRight(row: string, width: (text: string) => number): string {
  const words = splitWords(row);
  let last = words.length;
  while (last > 0 && width(words[last - 1]!) === 0) last--;
  if (last === words.length) return row;
  return words.slice(0, last).join(" ") + words.slice(last).join("");
}

function wrapLine(line: string, columns: number, options: WrapOptions): string[] {
  // Bun's measure here counts lone surrogates as zero-width code points (they break clusters).
  const width = (text: string): number => visibleWidth(text, true, options.wide, codePointInfo(), true);
  const measureRow = width;
  if (options.trim && isBlank(line)) return [];
  const words = splitWords(line);
  const lengths = words.map(width);
  let rows = [""];
  words.forEach((word, index) => {
    if (options.trim) rows[rows.length - 1] = trimStart(rows[rows.length - 1]!);
    let rowLength = measureRow(rows[rows.length - 1]!);
    if (index !== 0) {
      if (rowLength >= columns && (!options.wordWrap || !options.trim)) {
        rows.push("");
        rowLength = 0;
      }
      if (rowLength > 0 || !options.trim) {
        rows[rows.length - 1] += " ";
        rowLength++;
      }
    }
    const length = lengths[index]!;
    if (options.hard && length > columns) {
      const remaining = columns - rowLength;
      const breaksStartingThisLine = 1 + Math.floor((length - remaining - 1) / columns);
      const breaksStartingNextLine = Math.floor((length - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) rows.push("");
      wrapWord(rows, word, columns, options.wide, measureRow);
      return;
    }
    if (rowLength + length > columns && rowLength > 0 && length > 0) {
      if (!options.wordWrap && rowLength < columns) {
        wrapWord(rows, word, columns, options.wide, measureRow);
        return;
      }
      rows.push("");
    }
    // Unlike wrap-ansi, Bun measures the (possibly new) row again here.
    rowLength = measureRow(rows[rows.length - 1]!);
    if (rowLength + length > columns && !options.wordWrap) {
      wrapWord(rows, word, columns, options.wide, measureRow);
      return;
    }
    rows[rows.length - 1] += word;
  });
  if (options.trim) rows = rows.map((row) => trimSpacesRight(row, width));
  return rows;
}

/** The SGR code ("ESC[31m" → 31) at `i`, or an OSC 8 link's reopening sequence ("" for a close). */
function escapeAt(text: string, i: number): { code?: number; link?: string } | undefined {
  const c1 = text.charCodeAt(i);
  let j: number;
  if (c1 === 0x9b) j = i + 1;
  else if (c1 === 0x1b && text.charCodeAt(i + 1) === 0x5b) j = i + 2;
  else if (c1 === 0x9d ? text.startsWith("8;", i + 1) : text.startsWith("]8;", i + 1)) return linkAt(text, i + (c1 === 0x9d ? 3 : 4));
  else return undefined;
  let code = 0;
  let digits = 0;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c >= 0x30 && c <= 0x39) {
      code = code * 10 + (c - 0x30);
      digits++;
    } else {
      return c === 0x6d && digits > 0 ? { code } : undefined;
    }
  }
  return undefined;
}

/** OSC 8 from its parameters at `from`: reopened with ESC ] and BEL whatever its own form. */
function linkAt(text: string, from: number): { link: string } | undefined {
  const separator = text.indexOf(";", from);
  if (separator < 0) return undefined;
  let end = separator + 1;
  while (end < text.length && text[end] !== BEL && text[end] !== ESC && text[end] !== "\x9c") end++;
  // Terminated by BEL, ST or ESC \ — anything else is no link.
  if (end === text.length || (text[end] === ESC && text[end + 1] !== "\\")) return undefined;
  const uri = text.slice(separator + 1, end);
  return { link: uri.length === 0 ? "" : `\x1b]8;${text.slice(from, separator)};${uri}\x07` };
}

function closeCode(code: number): number | undefined {
  if (code === 1 || code === 2) return 22;
  if (code >= 3 && code <= 4) return code + 20;
  if (code === 5 || code === 6) return 25;
  if (code >= 7 && code <= 9) return code + 20;
  if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) return 39;
  if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) return 49;
  if (code === 53) return 55;
  return undefined;
}

/** Joins rows, closing the open SGR code and link before each break and reopening them after. */
function joinRows(rows: string[]): string {
  const joined = rows.join("\n");
  let out = "";
  let code: number | undefined;
  let link: string | undefined;
  let escapeEnd = 0;
  for (let i = 0; i < joined.length; i++) {
    const character = joined[i]!;
    out += character;
    if (i >= escapeEnd && (character === ESC || character === CSI_C1 || character === "\x9d")) {
      // Only a sequence's own start is read; what is inside it is not.
      escapeEnd = parseToken(joined, i)?.end ?? i + 1;
      const found = escapeAt(joined, i);
      if (found?.code !== undefined) code = found.code === 39 || found.code === 0 ? undefined : found.code;
      else if (found?.link !== undefined) link = found.link.length === 0 ? undefined : found.link;
    }
    if (character === "\n") {
      if (code !== undefined && closeCode(code) !== undefined) out += `\x1b[${code}m`;
      if (link !== undefined) out += link;
    }
    if (joined[i + 1] === "\n") {
      if (link !== undefined) out += "\x1b]8;;\x07";
      const close = code === undefined ? undefined : closeCode(code);
      if (close !== undefined) out += `\x1b[${close}m`;
    }
  }
  return out;
}

/** wrapAnsi on a non-empty string with at least one column. */
export function wrapText(text: string, columns: number, options: WrapOptions): string {
  // Each input line is wrapped, and its styles carried, on its own.
  return text
    .replaceAll("\r\n", "\n")
    .split("\n")
    .map((line) => joinRows(wrapLine(line, columns, options)))
    .join("\n");
}
