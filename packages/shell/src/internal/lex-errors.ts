// The errors Bun's shell lexer reports. Bun lexes the whole script before it
// parses, and when the lexer found anything the parser never runs: these
// messages, joined by newlines in the order found, are the whole error.
//
// Only what decides those errors is tracked here: quotes and escapes (inside
// them nothing counts), the nesting of `(`, `$(` and backticks, a `|` that
// ends the input and `|&`. A placeholder for an interpolated value is never syntax.

type Level = "top" | "subshell" | "dollar" | "backtick";

/** Bun's message for each kind of level left open. */
export const UNCLOSED: Record<Exclude<Level, "top">, string> = {
  subshell: "Unclosed subshell",
  dollar: "Unclosed command substitution",
  backtick: "Unclosed command substitution",
};

/** Where a `#` starts a comment: at the start of a word. */
function atWordStart(src: string, at: number): boolean {
  const before = src[at - 1];
  return before === undefined || before === " " || before === "\t" || before === "\n" || before === ";" || before === "(" || before === "|" || before === "&";
}

interface Scan {
  errors: string[];
  /** Where the scan stopped: the end, or (see `closingBacktick`) the backtick that closes its first level. */
  end: number;
}

/** Bun's lexer over `src` from `start`, the levels already open given; stops when the first of them closes. */
function scan(src: string, markers: ReadonlyMap<number, number>, start: number, first: Level): Scan {
  const errors: string[] = [];
  // Each level's quote state is its own: a substitution inside double quotes starts unquoted.
  const levels: { kind: Level; quote: "" | "'" | '"' }[] = [{ kind: first, quote: "" }];
  let at = start;
  while (at < src.length) {
    const level = levels[levels.length - 1] as (typeof levels)[number];
    const c = src[at] as string;
    if (markers.has(at)) {
      at++;
      continue;
    }
    if (level.quote === "'") {
      if (c === "'") level.quote = "";
      at++;
      continue;
    }
    if (c === "\\") {
      at += 2;
      continue;
    }
    if (c === "`") {
      if (level.kind !== "backtick") levels.push({ kind: "backtick", quote: "" });
      else if (levels.length === 1) return { errors, end: at };
      else levels.pop();
      at++;
      continue;
    }
    if (c === "$" && src[at + 1] === "(" && !markers.has(at + 1)) {
      levels.push({ kind: "dollar", quote: "" });
      at += 2;
      continue;
    }
    if (level.quote === '"') {
      if (c === '"') level.quote = "";
      at++;
      continue;
    }
    if (c === "'" || c === '"') {
      level.quote = c;
    } else if (c === "#" && atWordStart(src, at)) {
      while (at < src.length && (src[at] !== "\n" || markers.has(at))) at++;
      continue;
    } else if (c === "(") {
      levels.push({ kind: "subshell", quote: "" });
    } else if (c === ")") {
      if (levels.length > 1 && (level.kind === "subshell" || level.kind === "dollar")) levels.pop();
      else errors.push("Unexpected ')'");
    } else if (c === "|") {
      const next = markers.has(at + 1) ? "x" : src[at + 1];
      if (next === "|") {
        at += 2;
        continue;
      }
      // Both stop the level Bun's lexer is in: that level reports nothing more.
      if (next === "&") {
        errors.push("Piping stdout and stderr (`|&`) is not supported yet. Please file an issue on GitHub.");
        levels.pop();
        break;
      }
      if (next === undefined) {
        errors.push("Unexpected EOF");
        levels.pop();
        break;
      }
    }
    at++;
  }
  for (let index = levels.length - 1; index >= 0; index--) {
    const kind = (levels[index] as (typeof levels)[number]).kind;
    if (kind !== "top") errors.push(UNCLOSED[kind]);
  }
  return { errors, end: src.length };
}

/** The errors of Bun's lexer over a whole script, in the order it finds them. */
export function lexErrors(src: string, markers: ReadonlyMap<number, number>): string[] {
  return scan(src, markers, 0, "top").errors;
}

/**
 * The backtick that closes the one at `open`, as Bun's lexer pairs them (a
 * backtick inside a `(` or `$(` within opens another); the end if none.
 */
export function closingBacktick(src: string, markers: ReadonlyMap<number, number>, open: number): number {
  return scan(src, markers, open + 1, "backtick").end;
}
