// Grapheme cluster breaks as Bun computes them for stringWidth, sliceAnsi and
// wrapAnsi: UAX #29 over 17 break classes (controls folded into Other),
// including GB9c (Indic conjunct break) and GB11 (emoji ZWJ / modifier
// sequences), with a small state carried from one decision to the next.
// Every (state, left class, right class) answer is precomputed into one table.

export const CLASS_OTHER = 0;
export const CLASS_PREPEND = 1;
export const CLASS_REGIONAL_INDICATOR = 2;
export const CLASS_SPACING_MARK = 3;
export const CLASS_L = 4;
export const CLASS_V = 5;
export const CLASS_T = 6;
export const CLASS_LV = 7;
export const CLASS_LVT = 8;
export const CLASS_ZWJ = 9;
/** Extend that takes no part in Indic conjuncts. */
const CLASS_EXTEND = 10;
export const CLASS_EXTENDED_PICTOGRAPHIC = 11;
export const CLASS_EMOJI_MODIFIER_BASE = 12;
export const CLASS_EMOJI_MODIFIER = 13;
export const CLASS_INCB_EXTEND = 14;
export const CLASS_INCB_LINKER = 15;
export const CLASS_INCB_CONSONANT = 16;
export const CLASS_COUNT = 17;

const STATE_DEFAULT = 0;
const STATE_REGIONAL = 1;
const STATE_PICTOGRAPHIC = 2;
const STATE_CONSONANT = 3;
const STATE_LINKER = 4;
const STATE_COUNT = 5;

function isExtend(c: number): boolean {
  return c === CLASS_EXTEND || c === CLASS_INCB_EXTEND || c === CLASS_INCB_LINKER;
}

function isConjunctExtend(c: number): boolean {
  return c === CLASS_INCB_EXTEND || c === CLASS_ZWJ;
}

function isPictographic(c: number): boolean {
  return c === CLASS_EXTENDED_PICTOGRAPHIC || c === CLASS_EMOJI_MODIFIER_BASE;
}

function continuesPictographic(c: number): boolean {
  return isExtend(c) || c === CLASS_ZWJ || isPictographic(c) || c === CLASS_EMOJI_MODIFIER;
}

function continuesConjunct(c: number): boolean {
  return c === CLASS_INCB_CONSONANT || c === CLASS_INCB_LINKER || c === CLASS_INCB_EXTEND || c === CLASS_ZWJ;
}

/** The state that survives the pair (a, b) before any rule is applied. */
function carriedState(state: number, a: number, b: number): number {
  switch (state) {
    case STATE_REGIONAL:
      return a === CLASS_REGIONAL_INDICATOR && b === CLASS_REGIONAL_INDICATOR ? state : STATE_DEFAULT;
    case STATE_PICTOGRAPHIC:
      return continuesPictographic(a) && continuesPictographic(b) ? state : STATE_DEFAULT;
    case STATE_CONSONANT:
    case STATE_LINKER:
      return continuesConjunct(a) && continuesConjunct(b) ? state : STATE_DEFAULT;
    default:
      return state;
  }
}

/** Hangul syllable rules GB6–GB8: true when they forbid a break. */
function hangulJoins(a: number, b: number): boolean {
  if (a === CLASS_L) return b === CLASS_L || b === CLASS_V || b === CLASS_LV || b === CLASS_LVT;
  if (a === CLASS_LV || a === CLASS_V) return b === CLASS_V || b === CLASS_T;
  if (a === CLASS_LVT || a === CLASS_T) return b === CLASS_T;
  return false;
}

interface Decision {
  join: boolean;
  state: number;
}

/** GB9c: Indic conjunct sequences (consonant [extend linker]* linker [extend linker]* consonant). */
function conjunctRule(a: number, b: number, state: number): Decision | number {
  if (a === CLASS_INCB_CONSONANT) {
    if (isConjunctExtend(b)) return { join: true, state: STATE_CONSONANT };
    if (b === CLASS_INCB_LINKER) return { join: true, state: STATE_LINKER };
    return state;
  }
  if (state === STATE_CONSONANT) {
    if (b === CLASS_INCB_LINKER) return { join: true, state: STATE_LINKER };
    if (isConjunctExtend(b)) return { join: true, state };
    return STATE_DEFAULT;
  }
  if (state === STATE_LINKER) {
    if (b === CLASS_INCB_LINKER || isConjunctExtend(b)) return { join: true, state };
    if (b === CLASS_INCB_CONSONANT) return { join: true, state: STATE_DEFAULT };
    return STATE_DEFAULT;
  }
  return state;
}

/** GB11: emoji ZWJ sequences and emoji modifier sequences. */
function pictographicRule(a: number, b: number, state: number): Decision | number {
  if (isPictographic(a)) {
    if (isExtend(b) || b === CLASS_ZWJ) return { join: true, state: STATE_PICTOGRAPHIC };
    if (a === CLASS_EMOJI_MODIFIER_BASE && b === CLASS_EMOJI_MODIFIER) return { join: true, state: STATE_PICTOGRAPHIC };
    return state;
  }
  if (state === STATE_PICTOGRAPHIC) {
    if ((isExtend(a) || a === CLASS_EMOJI_MODIFIER) && (isExtend(b) || b === CLASS_ZWJ)) return { join: true, state };
    if (a === CLASS_ZWJ && isPictographic(b)) return { join: true, state: STATE_DEFAULT };
    return STATE_DEFAULT;
  }
  return state;
}

function decide(a: number, b: number, initial: number): Decision {
  let state = carriedState(initial, a, b);
  if (hangulJoins(a, b) || b === CLASS_SPACING_MARK || a === CLASS_PREPEND) return { join: true, state };
  const conjunct = conjunctRule(a, b, state);
  if (typeof conjunct !== "number") return conjunct;
  state = conjunct;
  const pictographic = pictographicRule(a, b, state);
  if (typeof pictographic !== "number") return pictographic;
  state = pictographic;
  if (a === CLASS_REGIONAL_INDICATOR && b === CLASS_REGIONAL_INDICATOR) {
    return state === STATE_DEFAULT ? { join: true, state: STATE_REGIONAL } : { join: false, state: STATE_DEFAULT };
  }
  return { join: isExtend(b) || b === CLASS_ZWJ, state };
}

let decisions: Uint8Array | undefined;

/** Decision table indexed by state | a << 3 | b << 8: bit 0 = break, bits 1–3 = next state. */
function decisionTable(): Uint8Array {
  if (decisions) return decisions;
  const table = new Uint8Array(1 << 13);
  for (let state = 0; state < STATE_COUNT; state++) {
    for (let a = 0; a < CLASS_COUNT; a++) {
      for (let b = 0; b < CLASS_COUNT; b++) {
        const { join, state: next } = decide(a, b, state);
        table[state | (a << 3) | (b << 8)] = (join ? 0 : 1) | (next << 1);
      }
    }
  }
  decisions = table;
  return table;
}

/** Packed (break | nextState << 1) for the pair of classes under `state`. */
export function breakDecision(a: number, b: number, state: number): number {
  return (decisions ?? decisionTable())[state | (a << 3) | (b << 8)]!;
}
