// The escape-sequence tokens sliceAnsi and wrapAnsi understand, as Bun 1.4.5
// splits them there (worked out by differential probing): one sequence at a
// time with stripANSI's grammar, except that an ESC inside a sequence ends
// it (the ESC starts the next token), ESC followed by a control or non-ASCII
// unit is ordinary text, and an OSC or ST-terminated string that reaches the
// end of the string unterminated is ordinary text too. An OSC 8 with a
// terminator is a hyperlink; a CSI ending in "m" with only digits, ";" and
// ":" is an SGR.

import { AFTER_ESC_CSI, AFTER_ESC_ESC, AFTER_ESC_NF, AFTER_ESC_OSC, AFTER_ESC_STRING, afterEscKind } from "./ansi.ts";

export const TOKEN_SGR = 1;
export const TOKEN_HYPERLINK = 2;
const TOKEN_CONTROL = 3;

export interface Token {
  type: number;
  end: number;
  /** Hyperlinks: true for an opening link (non-empty URI). */
  open: boolean;
  /** Hyperlinks: the whole sequence, the prefix that closes it, its terminator. */
  code: string;
  closePrefix: string;
  terminator: string;
}

const ESC = 0x1b;
const BEL = 0x07;
const ST = 0x9c;

function token(type: number, end: number): Token {
  return { type, end, open: false, code: "", closePrefix: "", terminator: "" };
}

/** OSC 8 body text[from, to) — "8;params;uri" — as a hyperlink token. */
function hyperlink(text: string, start: number, from: number, to: number, end: number): Token | undefined {
  if (to - from < 2 || text.charCodeAt(from) !== 0x38 || text.charCodeAt(from + 1) !== 0x3b) return undefined;
  const separator = text.indexOf(";", from + 2);
  if (separator < 0 || separator >= to) return undefined;
  const result = token(TOKEN_HYPERLINK, end);
  result.open = to > separator + 1;
  result.code = text.slice(start, end);
  result.closePrefix = text.charCodeAt(start) === 0x9d ? "\x9d8;;" : "\x1b]8;;";
  result.terminator = text.slice(to, end);
  return result;
}

function isCanonicalSgr(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x3b) return false;
  }
  return true;
}

/** CSI from `start` whose parameters begin at `from`. */
function csi(text: string, start: number, from: number): Token {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x40 && code <= 0x7e) return token(code === 0x6d && isCanonicalSgr(text, from, i) ? TOKEN_SGR : TOKEN_CONTROL, i + 1);
    if (code === ST) return token(TOKEN_CONTROL, i + 1);
    if (code === ESC) return token(TOKEN_CONTROL, i);
  }
  return token(TOKEN_CONTROL, text.length);
}

/** OSC (BEL allowed) or DCS/SOS/PM/APC string from `start`, body from `from`. */
function controlString(text: string, start: number, from: number, osc: boolean): Token | undefined {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let end = -1;
    if ((osc && code === BEL) || code === ST) end = i + 1;
    else if (code === ESC) end = i + 1 < text.length && text.charCodeAt(i + 1) === 0x5c ? i + 2 : i;
    if (end < 0) continue;
    if (osc && end > i) {
      const link = hyperlink(text, start, from, i, end);
      if (link) return link;
    }
    return token(TOKEN_CONTROL, end);
  }
  return undefined;
}

/** Whether the unit may start a token: an escape introducer or a lone ST. */
export function mayStartToken(code: number): boolean {
  return code === ESC || (code >= 0x90 && code <= 0x9f && (code === 0x90 || code === 0x98 || code === 0x9b || code === 0x9c || code === 0x9d || code === 0x9e || code === 0x9f));
}

/** After ESC at `start`. */
function escape(text: string, start: number): Token | undefined {
  const i = start + 1;
  if (i >= text.length) return token(TOKEN_CONTROL, i);
  const code = text.charCodeAt(i);
  switch (afterEscKind(code)) {
    case AFTER_ESC_CSI:
      return csi(text, start, i + 1);
    case AFTER_ESC_OSC:
      return controlString(text, start, i + 1, true);
    case AFTER_ESC_STRING:
      return controlString(text, start, i + 1, false);
    case AFTER_ESC_NF:
      // nF: one more unit belongs to it, unless that is an ESC.
      if (i + 1 >= text.length) return token(TOKEN_CONTROL, i + 1);
      return token(TOKEN_CONTROL, text.charCodeAt(i + 1) === ESC ? i + 1 : i + 2);
    case AFTER_ESC_ESC:
      return token(TOKEN_CONTROL, i);
    default:
      if (code < 0x20 || code >= 0x7f) return undefined;
      return token(TOKEN_CONTROL, i + 1);
  }
}

/** The token at `start`, or undefined when the units there are ordinary text. */
export function parseToken(text: string, start: number): Token | undefined {
  switch (text.charCodeAt(start)) {
    case ESC:
      return escape(text, start);
    case 0x9b:
      return csi(text, start, start + 1);
    case 0x9d:
      return controlString(text, start, start + 1, true);
    case 0x90:
    case 0x98:
    case 0x9e:
    case 0x9f:
      return controlString(text, start, start + 1, false);
    case ST:
      return token(TOKEN_CONTROL, start + 1);
    default:
      return undefined;
  }
}
