// Bun's glob matcher: one pass over pattern and path bytes that remembers where
// the last `*` (and the last whole-segment `**`) started, and goes back there
// on a mismatch. Brace groups try their branches one by one, each on a copy of
// the state. Results — quirks included — follow Bun 1.4.5, which the
// differential tests check case by case.
import { notImplemented } from "@dx-compat/shared/errors";
import { decodeAt, sequenceLength } from "./utf8.ts";

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const BANG = 0x21;
const CARET = 0x5e;
const DASH = 0x2d;

/** A pattern read once: its bytes, and where matching starts after the leading `!`s. */
export interface CompiledGlob {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly negated: boolean;
  /** For each position that starts a brace branch, where its group's `{` is; -1 elsewhere. */
  readonly branchOpen: Int32Array;
}

export function compileGlob(pattern: Uint8Array): CompiledGlob {
  const bytes = escapeUnclosed(pattern);
  let start = 0;
  while (start < bytes.length && bytes[start] === BANG) start++;
  return { bytes, start, negated: start % 2 === 1, branchOpen: branchOpenings(bytes) };
}

function branchOpenings(glob: Uint8Array): Int32Array {
  const owner = new Int32Array(glob.length + 1).fill(-1);
  const open: number[] = [];
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === OPEN_BRACKET) {
      const end = classEnd(glob, i);
      i = end < 0 ? i + 1 : end + 1;
      continue;
    }
    if (c === OPEN_BRACE) {
      open.push(i);
      owner[i + 1] = i;
    } else if (c === COMMA && open.length > 0) {
      owner[i + 1] = open[open.length - 1] as number;
    } else if (c === CLOSE_BRACE) {
      open.pop();
    }
    i++;
  }
  return owner;
}

/** Where the class that opens at `open` closes, or -1 when it never does. */
function classEnd(glob: Uint8Array, open: number): number {
  let i = open + 1;
  if (i < glob.length && (glob[i] === CARET || glob[i] === BANG)) i++;
  let first = true;
  while (i < glob.length && (first || glob[i] !== CLOSE_BRACKET)) {
    i = classMemberEnd(glob, i);
    if (i < 0) return -1;
    if (i + 1 < glob.length && glob[i] === DASH && glob[i + 1] !== CLOSE_BRACKET) {
      i = classMemberEnd(glob, i + 1);
      if (i < 0) return -1;
    }
    first = false;
  }
  return i < glob.length ? i : -1;
}

function classMemberEnd(glob: Uint8Array, at: number): number {
  if (glob[at] !== BACKSLASH) return at + sequenceLength(glob[at] as number);
  return at + 1 < glob.length ? at + 1 + sequenceLength(glob[at + 1] as number) : -1;
}

/**
 * In Bun 1.4.5 a `[` that no `]` closes, a `{` that no `}` closes and a `\` at
 * the very end stand for themselves. Escaping them up front lets the matcher
 * treat every `[`, `{` and `\` it meets as syntax.
 */
function escapeUnclosed(glob: Uint8Array): Uint8Array {
  const literal: number[] = [];
  const openBraces: number[] = [];
  let i = 0;
  while (i < glob.length) {
    const c = glob[i] as number;
    if (c === BACKSLASH) {
      if (i + 1 >= glob.length) literal.push(i);
      i += 2;
    } else if (c === OPEN_BRACKET) {
      const end = classEnd(glob, i);
      if (end < 0) {
        literal.push(i);
        i++;
      } else i = end + 1;
    } else if (c === OPEN_BRACE) {
      openBraces.push(i);
      i++;
    } else {
      if (c === CLOSE_BRACE) openBraces.pop();
      i++;
    }
  }
  literal.push(...openBraces);
  if (literal.length === 0) return glob;
  literal.sort((a, b) => a - b);
  const out = new Uint8Array(glob.length + literal.length);
  let from = 0;
  let to = 0;
  for (const at of literal) {
    out.set(glob.subarray(from, at), to);
    to += at - from;
    out[to++] = BACKSLASH;
    from = at;
  }
  out.set(glob.subarray(from), to);
  return out;
}

/** Does `path` (its first `pathLength` bytes) match? Negation included. */
export function matchGlob(glob: CompiledGlob, path: Uint8Array, pathLength: number): boolean {
  const state = newState(glob.start);
  const matcher: Matcher = { glob: glob.bytes, start: glob.start, branchOpen: glob.branchOpen, path, pathLength, openBraces: [], branchStarts: [], branchesTried: 0, failed: undefined, steps: 0 };
  return run(matcher, state, glob.start) !== glob.negated;
}

interface Matcher {
  readonly glob: Uint8Array;
  /** Where the pattern starts after its leading `!`s. */
  readonly start: number;
  readonly branchOpen: Int32Array;
  readonly path: Uint8Array;
  readonly pathLength: number;
  /** The groups whose branch is being tried, outermost first: where each `{` is, and where its branch starts. */
  readonly openBraces: number[];
  readonly branchStarts: number[];
  /** Branch attempts so far; past MEMO_AFTER, failed attempts are remembered. */
  branchesTried: number;
  failed: Set<string> | undefined;
  /** Loop steps so far, against STEP_LIMIT. */
  steps: number;
}

/**
 * Matching takes at most about (pattern bytes) × (path bytes) steps per brace
 * attempt; this bound is far above any real pattern. Past it the matcher gives
 * up loudly rather than answer what it has not decided.
 */
const STEP_LIMIT = 50_000_000;

/**
 * Sequential groups multiply: `{*,?*}{*,?*}…` tries branches exponentially
 * often. A failed attempt is fully decided by its state, so after this many
 * attempts they are remembered and never run twice.
 */
const MEMO_AFTER = 64;

/** Where matching is, and the two places to go back to: after the last `*`, and after the last whole-segment `**`. */
interface State {
  pi: number;
  gi: number;
  depth: number;
  starGi: number;
  starPi: number;
  starDepth: number;
  deepGi: number;
  deepPi: number;
  deepDepth: number;
}

function newState(gi: number): State {
  return { pi: 0, gi, depth: 0, starGi: 0, starPi: 0, starDepth: 0, deepGi: 0, deepPi: 0, deepDepth: 0 };
}

function copyState(s: State): State {
  return { ...s };
}

function backToDeep(s: State): void {
  s.starGi = s.deepGi;
  s.starPi = s.deepPi;
  s.starDepth = s.deepDepth;
}

/** What one step of the loop decided. */
const CONTINUE = 0;
const MISMATCH = 1;
const FAIL = 2;

function run(m: Matcher, s: State, globStart: number): boolean {
  const { glob, pathLength } = m;
  const globLength = glob.length;
  while (s.gi < globLength || s.pi < pathLength) {
    if (++m.steps > STEP_LIMIT) throw notImplemented("Bun.Glob", "this pattern is too complex to match (over 50 million steps)");
    if (s.gi < globLength) {
      const c = glob[s.gi] as number;
      let step: number;
      switch (c) {
        case STAR:
          step = star(m, s, globStart);
          break;
        case QUESTION:
          step = question(m, s);
          break;
        case OPEN_BRACKET:
          step = s.pi < pathLength ? bracket(m, s) : MISMATCH;
          break;
        case OPEN_BRACE:
          if (reenterBrace(m, s)) continue;
          if (matchBrace(m, s)) return true;
          // No branch fits from here: an earlier `*` may still take more.
          step = MISMATCH;
          break;
        case COMMA:
        case CLOSE_BRACE:
          if (s.depth > 0) {
            skipBranch(m, s);
            continue;
          }
          step = literal(m, s, c);
          break;
        default:
          step = literal(m, s, c);
      }
      if (step === CONTINUE) continue;
      if (step === FAIL) return false;
    }
    if (s.starPi > 0 && s.starPi <= pathLength) {
      s.pi = s.starPi;
      s.gi = s.starGi;
      s.depth = s.starDepth;
      continue;
    }
    return false;
  }
  return true;
}

function star(m: Matcher, s: State, globStart: number): number {
  const { glob, path, pathLength } = m;
  const isDeep = s.gi + 1 < glob.length && glob[s.gi + 1] === STAR;
  if (isDeep) s.gi = skipRepeatedDeep(glob, s.gi);
  s.starGi = s.gi;
  s.starPi = s.pi + (s.pi < pathLength ? sequenceLength(path[s.pi] as number) : 1);
  s.starDepth = s.depth;
  let inDeep = false;
  if (isDeep) {
    s.gi += 2;
    // `**/*` ending the pattern, at the end of the path: the `**` takes nothing.
    if (s.pi === pathLength && glob.length - s.gi === 2 && glob[s.gi] === SLASH && glob[s.gi + 1] === STAR) return CONTINUE;
    // A branch that ends right after the `**` continues after its group.
    let afterGi = s.gi;
    let afterDepth = s.depth;
    if (s.depth > 0) ({ gi: afterGi, depth: afterDepth } = skipBranchEnds(glob, s.gi, s.depth));
    const more = afterGi < glob.length;
    const endsSegment = !more || glob[afterGi] === SLASH;
    // `**/` at the start of a branch is a whole segment; a `**` that only ends
    // one with its branch needs a segment start before it, across the `{`.
    const startsBranchSegment = s.gi - globStart < 3 || glob[s.gi - 3] === SLASH;
    const wholeInBranch = s.gi >= glob.length || glob[s.gi] === SLASH;
    if (endsSegment && ((startsBranchSegment && wholeInBranch) || startsSegmentExpanded(m, s.gi - 2))) {
      s.gi = more ? afterGi + 1 : afterGi;
      s.depth = afterDepth;
      takeSegment(m, s, more);
      inDeep = true;
    }
  } else {
    s.gi += 1;
  }
  if (!inDeep && s.pi < pathLength && path[s.pi] === SLASH) backToDeep(s);
  return CONTINUE;
}

/**
 * Is `at` the start of a path segment once braces are expanded: after a `/`,
 * at the pattern's start, or at the start of a branch whose group starts one?
 * Decided by the pattern alone, so every visit of a `**` decides alike.
 */
function startsSegmentExpanded(m: Matcher, at: number): boolean {
  const { glob, branchOpen } = m;
  let position = at;
  for (;;) {
    if (position <= m.start || glob[position - 1] === SLASH) return true;
    const open = branchOpen[position] as number;
    if (open < 0) return false;
    position = open;
  }
}

/** `**` followed by `/**` repeats: only the last one counts. */
function skipRepeatedDeep(glob: Uint8Array, gi: number): number {
  let i = gi + 2;
  while (i + 4 <= glob.length && glob[i] === SLASH && glob[i + 1] === STAR && glob[i + 2] === STAR && glob[i + 3] === SLASH) i += 3;
  if (i + 3 === glob.length && glob[i] === SLASH && glob[i + 1] === STAR && glob[i + 2] === STAR) i += 3;
  return i - 2;
}

/** After a whole-segment `**`: the next try starts after the current path segment. */
function takeSegment(m: Matcher, s: State, more: boolean): void {
  const { path, pathLength } = m;
  if (s.pi === pathLength) {
    s.starPi += 1;
    return;
  }
  let pi = s.pi;
  while (pi < pathLength && path[pi] !== SLASH) pi++;
  if (more || pi !== pathLength) pi++;
  s.starPi = pi;
  s.deepGi = s.starGi;
  s.deepPi = s.starPi;
  s.deepDepth = s.starDepth;
}

function question(m: Matcher, s: State): number {
  if (s.pi >= m.pathLength) return MISMATCH;
  const byte = m.path[s.pi] as number;
  if (byte === SLASH) return MISMATCH;
  s.gi += 1;
  s.pi += sequenceLength(byte);
  return CONTINUE;
}

/** `[...]`: one character (a code point) in, or with `!`/`^` not in, the listed ones and ranges. */
function bracket(m: Matcher, s: State): number {
  const { glob, path } = m;
  s.gi += 1;
  let negated = false;
  if (s.gi < glob.length && (glob[s.gi] === CARET || glob[s.gi] === BANG)) {
    negated = true;
    s.gi += 1;
  }
  const length = sequenceLength(path[s.pi] as number);
  const point = decodeAt(path, s.pi, length);
  let first = true;
  let found = false;
  while (s.gi < glob.length && (first || glob[s.gi] !== CLOSE_BRACKET)) {
    const low = classMember(glob, s);
    if (low < 0) return FAIL;
    let high = low;
    if (s.gi + 1 < glob.length && glob[s.gi] === DASH && glob[s.gi + 1] !== CLOSE_BRACKET) {
      s.gi += 1;
      high = classMember(glob, s);
      if (high < 0) return FAIL;
    }
    if (low <= point && point <= high) found = true;
    first = false;
  }
  if (s.gi >= glob.length) return FAIL;
  s.gi += 1;
  if (found === negated) return MISMATCH;
  s.pi += length;
  return CONTINUE;
}

/** The (unescaped) code point at `s.gi` inside a class, moving past it; -1 for a `\` at the very end. */
function classMember(glob: Uint8Array, s: State): number {
  const c = glob[s.gi] as number;
  if (c < 0x80 && c !== BACKSLASH) {
    s.gi += 1;
    return c;
  }
  if (c === BACKSLASH) {
    s.gi += 1;
    if (s.gi >= glob.length) return -1;
    const escaped = glob[s.gi] as number;
    const control = controlEscape(escaped);
    if (control >= 0) {
      s.gi += 1;
      return control;
    }
  }
  const length = sequenceLength(glob[s.gi] as number);
  const point = decodeAt(glob, s.gi, length);
  s.gi += length;
  return point;
}

/** `\b`, `\n`, `\r`, `\t` stand for control characters (and `\a` for `a`); -1 for any other character. */
function controlEscape(byte: number): number {
  switch (byte) {
    case 0x61:
      return 0x61;
    case 0x62:
      return 0x08;
    case 0x6e:
      return 0x0a;
    case 0x72:
      return 0x0d;
    case 0x74:
      return 0x09;
    default:
      return -1;
  }
}

/** A character that must appear as it is (after a `\`, the escaped one). */
function literal(m: Matcher, s: State, c: number): number {
  const { glob, path, pathLength } = m;
  if (s.pi >= pathLength) return MISMATCH;
  let wanted = c;
  if (c === BACKSLASH) {
    s.gi += 1;
    if (s.gi >= glob.length) return FAIL;
    const escaped = glob[s.gi] as number;
    const control = controlEscape(escaped);
    wanted = control >= 0 ? control : escaped;
  }
  const length = sequenceLength(wanted);
  let same: boolean;
  if (wanted === SLASH) same = path[s.pi] === SLASH;
  else if (length > 1) same = s.pi + length <= pathLength && s.gi + length <= glob.length && sameBytes(path, s.pi, glob, s.gi, length);
  else same = path[s.pi] === wanted;
  if (!same) return MISMATCH;
  s.gi += length;
  s.pi += length;
  if (wanted === SLASH) backToDeep(s);
  return CONTINUE;
}

function sameBytes(a: Uint8Array, at: number, b: Uint8Array, bt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[at + i] !== b[bt + i]) return false;
  return true;
}

/** Back at a `{` whose branch is being tried (a `*` went back before it): continue in that branch. */
function reenterBrace(m: Matcher, s: State): boolean {
  const index = m.openBraces.indexOf(s.gi);
  if (index < 0) return false;
  s.gi = m.branchStarts[index] as number;
  s.depth += 1;
  return true;
}

/** A new `{`: try each branch with the rest of the pattern; the group decides the whole match. */
function matchBrace(m: Matcher, s: State): boolean {
  const { glob } = m;
  const open = s.gi;
  let depth = 0;
  let branch = 0;
  while (s.gi < glob.length) {
    switch (glob[s.gi]) {
      case OPEN_BRACE:
        depth++;
        if (depth === 1) branch = s.gi + 1;
        break;
      case CLOSE_BRACE:
        depth--;
        if (depth === 0) return tryBranch(m, s, open, branch);
        break;
      case COMMA:
        if (depth === 1) {
          if (tryBranch(m, s, open, branch)) return true;
          branch = s.gi + 1;
        }
        break;
      case OPEN_BRACKET:
        // Every class left in the pattern is closed (see escapeUnclosed).
        s.gi = classEnd(glob, s.gi);
        break;
      case BACKSLASH:
        s.gi += 1;
        break;
    }
    s.gi += 1;
  }
  return false;
}

function tryBranch(m: Matcher, s: State, open: number, branch: number): boolean {
  m.openBraces.push(open);
  m.branchStarts.push(branch);
  const branchState = copyState(s);
  branchState.gi = branch;
  // Sequential groups share the stack: nesting is the parent's depth plus one.
  branchState.depth = s.depth + 1;
  m.branchesTried++;
  const key = m.branchesTried > MEMO_AFTER ? attemptKey(m, branchState) : undefined;
  let matched = false;
  if (key === undefined || !m.failed?.has(key)) {
    matched = run(m, branchState, branch);
    if (!matched && key !== undefined) (m.failed ??= new Set()).add(key);
  }
  m.openBraces.pop();
  m.branchStarts.pop();
  return matched;
}

/**
 * What decides a branch attempt: its state, and the groups on the stack that a
 * backtrack could reach again (those opening at or after the earliest place a
 * `*` or `**` can send matching back to).
 */
function attemptKey(m: Matcher, s: State): string {
  let reach = Number.POSITIVE_INFINITY;
  if (s.starPi > 0) reach = s.starGi;
  if (s.deepPi > 0) reach = Math.min(reach, s.deepGi);
  let key = `${s.gi},${s.pi},${s.depth},${s.starGi},${s.starPi},${s.starDepth},${s.deepGi},${s.deepPi},${s.deepDepth}`;
  const { openBraces, branchStarts } = m;
  // The attempt's own group is the last entry, and it is in the key as `gi`.
  for (let i = 0; i < openBraces.length - 1; i++) {
    if ((openBraces[i] as number) >= reach) key += `|${openBraces[i]}:${branchStarts[i]}`;
  }
  return key;
}

/** At a `,` or `}` that ends the branch being tried: continue after the group's `}`. */
function skipBranch(m: Matcher, s: State): void {
  const next = skipOneBranch(m.glob, s.gi, s.depth);
  s.gi = next.gi;
  s.depth = next.depth;
}

function skipOneBranch(glob: Uint8Array, from: number, fromDepth: number): { gi: number; depth: number } {
  let gi = from;
  let depth = fromDepth;
  const outer = depth - 1;
  while (gi < glob.length) {
    switch (glob[gi]) {
      case OPEN_BRACE:
        depth++;
        break;
      case CLOSE_BRACE:
        depth--;
        if (depth === outer) return { gi: gi + 1, depth };
        break;
      case OPEN_BRACKET:
        gi = classEnd(glob, gi);
        break;
      case BACKSLASH:
        gi += 1;
        break;
    }
    gi += 1;
  }
  return { gi, depth };
}

/** Past every `,` or `}` that closes a branch at `gi`. */
function skipBranchEnds(glob: Uint8Array, from: number, fromDepth: number): { gi: number; depth: number } {
  let at = { gi: from, depth: fromDepth };
  while (at.depth > 0 && (glob[at.gi] === COMMA || glob[at.gi] === CLOSE_BRACE)) at = skipOneBranch(glob, at.gi, at.depth);
  return at;
}
