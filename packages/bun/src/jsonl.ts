// Bun.JSONL: newline-delimited JSON. Each value is found by a small scanner
// (brackets and strings, so a value may span lines) and read by JSON.parse;
// after a value only blanks may precede the next newline. An unfinished value
// at the end of the input is left for the next chunk, not an error.
import { bytesText, toText } from "./internal/parsers/input.ts";

type BunJsonl = typeof import("bun").JSONL;
type ChunkResult = import("bun").JSONL.ParseChunkResult;

const OK = 0;
const INCOMPLETE = 1;
const INVALID = 2;

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

function isSpace(c: number): boolean {
  return isBlank(c) || c === 0x0a;
}

// Where the value starting at s[start] ends, into `valueEnd`; returns OK, INCOMPLETE or INVALID.
let valueEnd = 0;

function scanString(s: string, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return -1;
}

/** Letters, digits, `+`, `-`, `.`: what a number or a literal is made of. */
function isTokenChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2b || c === 0x2d || c === 0x2e;
}

function scanValue(s: string, start: number, end: number): number {
  const first = s.charCodeAt(start);
  if (first === 0x22) {
    const after = scanString(s, start, end);
    if (after === -1) return INCOMPLETE;
    valueEnd = after;
    return OK;
  }
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        const after = scanString(s, i, end);
        if (after === -1) return INCOMPLETE;
        i = after - 1;
      } else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) {
          valueEnd = i + 1;
          return OK;
        }
      }
    }
    return INCOMPLETE;
  }
  let i = start;
  while (i < end && isTokenChar(s.charCodeAt(i))) i++;
  if (i === start) return INVALID;
  valueEnd = i;
  return OK;
}

interface Parsed {
  values: unknown[];
  /** Offset just past the last value read. */
  read: number;
  done: boolean;
  failed: boolean;
}

function parseLines(s: string, start: number, end: number): Parsed {
  const values: unknown[] = [];
  let read = start;
  let i = start;
  for (;;) {
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (i >= end) return { values, read, done: true, failed: false };
    const status = scanValue(s, i, end);
    if (status === INCOMPLETE) return { values, read, done: false, failed: false };
    if (status === INVALID) return { values, read, done: false, failed: true };
    let value: unknown;
    try {
      value = JSON.parse(s.slice(i, valueEnd));
    } catch {
      return { values, read, done: false, failed: true };
    }
    values.push(value);
    read = valueEnd;
    // Only blanks may follow a value on its line (the value itself still counts).
    let after = valueEnd;
    while (after < end && isBlank(s.charCodeAt(after))) after++;
    if (after < end && s.charCodeAt(after) !== 0x0a) return { values, read, done: false, failed: true };
    i = after;
  }
}

function failure(): SyntaxError {
  return new SyntaxError("Failed to parse JSONL");
}

function parse(input: unknown): unknown[] {
  if (input === null || input === undefined) throw new TypeError("JSONL.parse requires a string argument");
  const text = ArrayBuffer.isView(input) ? (bytesText(input) as string) : toText(input);
  const { values, failed } = parseLines(text, 0, text.length);
  if (failed && values.length === 0) throw failure();
  return values;
}

function clampOffset(value: number | undefined, fallback: number, length: number): number {
  if (value === undefined) return fallback;
  const n = Math.trunc(Number(value));
  if (Number.isNaN(n)) return fallback;
  return Math.min(Math.max(n, 0), length);
}

// `start` and `end` are optional and uncounted in `length`, as in Bun.
function parseChunk(input: unknown, ...window: (number | undefined)[]): ChunkResult {
  const [start, end] = window;
  if (input === null || input === undefined) throw new TypeError("JSONL.parseChunk requires a string argument");
  if (ArrayBuffer.isView(input)) {
    const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const from = clampOffset(start, 0, bytes.length);
    const to = Math.max(from, clampOffset(end, bytes.length, bytes.length));
    const text = bytesText(bytes.subarray(from, to)) as string;
    const result = parseLines(text, 0, text.length);
    // `read` counts bytes for byte input.
    const read = from + Buffer.byteLength(text.slice(0, result.read), "utf8");
    return { values: result.values, read, done: result.done, error: result.failed ? failure() : null };
  }
  const text = toText(input);
  const from = clampOffset(start, 0, text.length);
  const to = Math.max(from, clampOffset(end, text.length, text.length));
  const result = parseLines(text, from, to);
  return { values: result.values, read: result.read, done: result.done, error: result.failed ? failure() : null };
}

// Bun's object says `[object JSONL]`.
export const JSONL: BunJsonl = Object.defineProperty({ parse, parseChunk }, Symbol.toStringTag, { value: "JSONL" }) as BunJsonl;
