// A small SQLite lexer for what better-sqlite3 does not expose: where the
// parameters are and which index SQLite gives each one (for paramsCount, Bun's
// binding rules and toString()'s expanded SQL). It follows SQLite's tokenizer:
// strings, quoted identifiers and comments are skipped; `?`, `?NNN`, `:name`,
// `@name`, `$name` (with Tcl's `::` and `(...)` suffixes) are parameters.

/** One parameter occurrence in the SQL text. */
interface ParameterToken {
  /** Offset of the token in the SQL string. */
  start: number;
  end: number;
  /** SQLite's 1-based parameter index for this occurrence. */
  index: number;
}

export interface SqlAnalysis {
  /** Every parameter occurrence, in order. */
  tokens: ParameterToken[];
  /** `sqlite3_bind_parameter_count`: the largest index. */
  count: number;
  /** `sqlite3_bind_parameter_name` by index (1-based; `null` for a bare `?`). */
  names: (string | null)[];
  /** Whether every parameter is a bare `?` numbered in order (better-sqlite3 can bind these directly). */
  simple: boolean;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Characters SQLite allows in identifiers: ASCII letters, digits, `_`, `$`, and anything non-ASCII. */
export const isIdChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36 || c >= 0x80;

/** End offset of a token that starts at `i` and is not a parameter (string, identifier, comment), or `i` itself. */
function skipNonParameter(sql: string, i: number): number {
  const c = sql.charCodeAt(i);
  if (c === 39 || c === 34 || c === 96) {
    // '…', "…", `…`: a doubled quote is an escaped quote
    for (let j = i + 1; j < sql.length; j++) {
      if (sql.charCodeAt(j) === c) {
        if (sql.charCodeAt(j + 1) === c) j++;
        else return j + 1;
      }
    }
    return sql.length;
  }
  if (c === 91) {
    const close = sql.indexOf("]", i + 1);
    return close === -1 ? sql.length : close + 1;
  }
  if (c === 45 && sql.charCodeAt(i + 1) === 45) {
    const eol = sql.indexOf("\n", i + 2);
    return eol === -1 ? sql.length : eol + 1;
  }
  if (c === 47 && sql.charCodeAt(i + 1) === 42) {
    const close = sql.indexOf("*/", i + 2);
    return close === -1 ? sql.length : close + 2;
  }
  return i;
}

/** End offset of the parameter token starting at `i`, or -1 if none starts there. */
function parameterEnd(sql: string, i: number): number {
  const c = sql.charCodeAt(i);
  if (c === 63) {
    let j = i + 1;
    while (j < sql.length && isDigit(sql.charCodeAt(j))) j++;
    return j;
  }
  if (c !== 58 && c !== 64 && c !== 36) return -1;
  let j = i + 1;
  while (j < sql.length) {
    const d = sql.charCodeAt(j);
    if (isIdChar(d)) j++;
    else if (c === 36 && d === 58 && sql.charCodeAt(j + 1) === 58) j += 2;
    else if (c === 36 && d === 40) {
      const close = sql.indexOf(")", j);
      if (close === -1) break;
      j = close + 1;
      break;
    } else break;
  }
  return j > i + 1 ? j : -1;
}

/** Where the parameters are, and the index SQLite assigns each (named ones reuse their first index). */
export function analyzeSql(sql: string): SqlAnalysis {
  const tokens: ParameterToken[] = [];
  const names: (string | null)[] = [null];
  const byName = new Map<string, number>();
  let count = 0;
  let simple = true;
  for (let i = 0; i < sql.length; ) {
    const skipped = skipNonParameter(sql, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const end = parameterEnd(sql, i);
    if (end === -1) {
      // Skip a whole identifier/keyword so `a$b` or `x:y` inside one is not misread.
      if (isIdChar(sql.charCodeAt(i))) while (i < sql.length && isIdChar(sql.charCodeAt(i))) i++;
      else i++;
      continue;
    }
    const text = sql.slice(i, end);
    let index: number;
    if (text === "?") {
      index = ++count;
      names[index] = null;
    } else if (text.charCodeAt(0) === 63) {
      index = Number(text.slice(1));
      simple = false;
      if (index > count) count = index;
      names[index] ??= text;
      byName.set(text, index);
    } else {
      simple = false;
      const known = byName.get(text);
      if (known === undefined) {
        index = ++count;
        byName.set(text, index);
        names[index] = text;
      } else index = known;
    }
    tokens.push({ start: i, end, index });
    i = end;
  }
  for (let k = 1; k <= count; k++) names[k] ??= null;
  return { tokens, count, names, simple };
}

/** The SQL with every parameter as a bare `?`, in occurrence order (each occurrence is bound separately). */
export function positionalSql(sql: string, analysis: SqlAnalysis): string {
  let out = "";
  let last = 0;
  for (const token of analysis.tokens) {
    out += sql.slice(last, token.start) + "?";
    last = token.end;
  }
  return out + sql.slice(last);
}

/** How SQLite prints a REAL in expanded SQL (`%!.15g`, its own digit generation): see Database. */
export type RealFormatter = (value: number) => string;

/** A bound value as `sqlite3_expanded_sql` prints it (bound integers are bigints here, see bind.ts). */
function literal(value: unknown, formatReal: RealFormatter): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return formatReal(value);
  if (typeof value === "string") {
    // SQLite prints the UTF-8 it holds: C-string semantics end it at a NUL, lone surrogates are U+FFFD.
    const nul = value.indexOf("\u0000");
    const text = (nul === -1 ? value : value.slice(0, nul)).toWellFormed();
    return `'${text.replaceAll("'", "''")}'`;
  }
  if (value instanceof Uint8Array) return `x'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}'`;
  return "NULL";
}

/** `sqlite3_expanded_sql`: the SQL with each parameter replaced by its bound value (slot `index - 1`). */
export function expandSql(sql: string, analysis: SqlAnalysis, valuesByIndex: readonly unknown[] | undefined, formatReal: RealFormatter): string {
  if (analysis.tokens.length === 0) return sql;
  let out = "";
  let last = 0;
  for (const token of analysis.tokens) {
    out += sql.slice(last, token.start) + literal(valuesByIndex?.[token.index - 1], formatReal);
    last = token.end;
  }
  return out + sql.slice(last);
}

/** Offsets of the `;` that end statements (outside strings, identifiers and comments). */
export function statementEnds(sql: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < sql.length; ) {
    const skipped = skipNonParameter(sql, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (sql.charCodeAt(i) === 59) ends.push(i);
    i++;
  }
  return ends;
}
