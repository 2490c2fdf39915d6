// Brace expansion over words whose `{`, `,` and `}` are marked as syntax (only
// unquoted literal text is syntax; quoted text and JS values never are).

export const OPEN = 0;
export const COMMA = 1;
export const CLOSE = 2;

/** Literal text, or one of the three brace symbols. */
export type BraceToken = string | typeof OPEN | typeof COMMA | typeof CLOSE;

const SYMBOL_TEXT = ["{", ",", "}"];

function literal(tokens: readonly BraceToken[]): string {
  let out = "";
  for (const token of tokens) out += typeof token === "string" ? token : SYMBOL_TEXT[token];
  return out;
}

/** The `}` closing the `{` at `open` and the commas at its depth, or null when it is not an expansion. */
function group(tokens: readonly BraceToken[], open: number): { close: number; commas: number[] } | null {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === OPEN) depth++;
    else if (token === CLOSE) {
      if (depth === 0) return commas.length > 0 ? { close: i, commas } : null;
      depth--;
    } else if (token === COMMA && depth === 0) commas.push(i);
  }
  return null;
}

/** Every expansion of `tokens`, in Bun's order (alternatives of the first group vary slowest). */
export function expandBraces(tokens: readonly BraceToken[]): string[] {
  for (let open = 0; open < tokens.length; open++) {
    if (tokens[open] !== OPEN) continue;
    const found = group(tokens, open);
    if (found === null) continue;
    const prefix = literal(tokens.slice(0, open));
    const bounds = [open, ...found.commas, found.close];
    const suffixes = expandBraces(tokens.slice(found.close + 1));
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const alternative = tokens.slice((bounds[k] as number) + 1, bounds[k + 1]);
      for (const middle of expandBraces(alternative)) for (const suffix of suffixes) out.push(prefix + middle + suffix);
    }
    return out;
  }
  return [literal(tokens)];
}

/** Splits plain text into brace tokens (every `{`, `,`, `}` is syntax): what `$.braces` expands. */
export function tokenizeBraces(text: string, into: BraceToken[] = []): BraceToken[] {
  let run = "";
  for (const c of text) {
    const symbol = c === "{" ? OPEN : c === "," ? COMMA : c === "}" ? CLOSE : -1;
    if (symbol < 0) {
      run += c;
      continue;
    }
    if (run !== "") into.push(run);
    run = "";
    into.push(symbol as BraceToken);
  }
  if (run !== "") into.push(run);
  return into;
}
