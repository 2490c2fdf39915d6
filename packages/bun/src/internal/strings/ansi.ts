// Bun's recognizer for terminal escape sequences, shared by stripANSI,
// stringWidth, sliceAnsi and wrapAnsi. Worked out against Bun 1.4.5 by
// differential fuzzing: CSI (ESC [ or 0x9B, up to a final byte 0x40–0x7E or
// ST 0x9C), OSC (ESC ] or 0x9D, up to BEL, ST 0x9C or ESC \), the
// ST-terminated strings (ESC P/X/^/_ and 0x90/0x98/0x9E/0x9F), the nF
// two-character escapes (ESC ( B …) and one-character escapes (ESC 7, ESC c).
// An ESC inside a sequence abandons it and starts a new one; an unterminated
// sequence runs to the end of the string. Consecutive sequences are consumed
// as one run.

const START = 0;
const GOT_ESC = 1;
const IGNORE_NEXT = 2;
const IN_CSI = 3;
const IN_OSC = 4;
const IN_OSC_GOT_ESC = 5;
const NEED_ST = 6;
const NEED_ST_GOT_ESC = 7;

const ESC = 0x1b;
const BACKSLASH = 0x5c;
const ST = 0x9c;

/** Whether `code` (a UTF-16 code unit) starts an escape sequence. */
export function isEscapeIntroducer(code: number): boolean {
  return code === ESC || code === 0x9b || code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f;
}

export const AFTER_ESC_CSI = 1;
export const AFTER_ESC_OSC = 2;
/** DCS, SOS, PM, APC: a string ended by ST. */
export const AFTER_ESC_STRING = 3;
/** An nF intermediate: one more unit belongs to the sequence. */
export const AFTER_ESC_NF = 4;
export const AFTER_ESC_ESC = 5;
const AFTER_ESC_OTHER = 0;

/** What the unit after an ESC makes of the sequence (shared by stripping and tokenising). */
export function afterEscKind(code: number): number {
  switch (code) {
    case 0x5b:
      return AFTER_ESC_CSI;
    case 0x5d:
      return AFTER_ESC_OSC;
    case 0x50:
    case 0x58:
    case 0x5e:
    case 0x5f:
      return AFTER_ESC_STRING;
    case 0x20:
    case 0x23:
    case 0x25:
    case 0x28:
    case 0x29:
    case 0x2a:
    case 0x2b:
    case 0x2e:
    case 0x2f:
      return AFTER_ESC_NF;
    case ESC:
      return AFTER_ESC_ESC;
    default:
      return AFTER_ESC_OTHER;
  }
}

/** The scanner's state after ESC: [ ] P X ^ _ open longer sequences; nF intermediates swallow one more unit. */
function afterEsc(code: number): number {
  switch (afterEscKind(code)) {
    case AFTER_ESC_CSI:
      return IN_CSI;
    case AFTER_ESC_OSC:
      return IN_OSC;
    case AFTER_ESC_STRING:
      return NEED_ST;
    case AFTER_ESC_NF:
      return IGNORE_NEXT;
    case AFTER_ESC_ESC:
      return GOT_ESC;
    default:
      return START;
  }
}

function atStart(code: number): number {
  switch (code) {
    case ESC:
      return GOT_ESC;
    case 0x9b:
      return IN_CSI;
    case 0x9d:
      return IN_OSC;
    case 0x90:
    case 0x98:
    case 0x9e:
    case 0x9f:
      return NEED_ST;
    default:
      return -1;
  }
}

/**
 * Index just past the run of escape sequences starting at `start` (which must
 * be an introducer), never past `end`.
 */
export function consumeAnsi(text: string, start: number, end: number): number {
  let state = START;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (state === IN_OSC_GOT_ESC || state === NEED_ST_GOT_ESC) {
      if (code === BACKSLASH) {
        state = START;
        continue;
      }
      // ESC followed by anything else starts a fresh sequence.
      state = GOT_ESC;
    }
    switch (state) {
      case START: {
        const next = atStart(code);
        if (next < 0) return i;
        state = next;
        break;
      }
      case GOT_ESC:
        if (code === ST) {
          state = START;
        } else if (code < 0x20 || code >= 0x7f) {
          // Controls and non-ASCII end the escape before themselves (a C1
          // introducer among them may still open the next sequence).
          if (code !== ESC) {
            const next = atStart(code);
            if (next < 0) return i;
            state = next;
          }
        } else {
          state = afterEsc(code);
        }
        break;
      case IGNORE_NEXT:
        state = code === ESC ? GOT_ESC : START;
        break;
      case IN_CSI:
        if ((code >= 0x40 && code <= 0x7e) || code === ST) state = START;
        else if (code === ESC) state = GOT_ESC;
        break;
      case IN_OSC:
        if (code === 0x07 || code === ST) state = START;
        else if (code === ESC) state = IN_OSC_GOT_ESC;
        break;
      default: // NEED_ST
        if (code === ST) state = START;
        else if (code === ESC) state = NEED_ST_GOT_ESC;
        break;
    }
  }
  return end;
}

/** Index of the first escape introducer at or after `from`, or -1. */
export function indexOfEscape(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === ESC || (code >= 0x90 && code <= 0x9f && isEscapeIntroducer(code))) return i;
  }
  return -1;
}
