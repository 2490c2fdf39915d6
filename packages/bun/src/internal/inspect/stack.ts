// Stack frames for Bun's error printer. Bun reads an error's `stack` string with
// its own parser (`V8StackTraceIterator`) whenever the error carries no captured
// trace, which is every error on Node: the parser is reproduced rule for rule,
// so a `stack` Bun would accept gives the same frames. V8's own traces start
// with parenthesis-less frames (`at file:///x.mjs:1:2`) on which that parser
// gives up; those get a lenient second reading instead.
import { fileURLToPath } from "node:url";

export interface StackFrame {
  functionName: string;
  sourceURL: string;
  /** One-based. */
  line: number;
  /** One-based. */
  column: number;
  isConstructor: boolean;
}

const FRAME_PREFIX = "\n    at ";
const MAX_FRAMES = 32;

/** `parseIntegerAllowingTrailingJunk`: leading decimal digits, or null. */
function leadingInteger(text: string): number | null {
  const match = /^\d+/.exec(text);
  return match === null ? null : Number(match[0]);
}

function parseLocation(inner: string): { sourceURL: string; line: number; column: number } {
  const first = inner.indexOf(":");
  if (first === -1) return { sourceURL: inner, line: 1, column: 1 };
  let marker2 = first;
  let marker3 = inner.indexOf(":", marker2 + 1);
  if (marker3 === -1) {
    const line = leadingInteger(inner.slice(marker2 + 1));
    return line === null ? { sourceURL: inner, line: 1, column: 1 } : { sourceURL: inner.slice(0, marker2), line, column: 1 };
  }
  for (let next = inner.indexOf(":", marker3 + 1); next !== -1; next = inner.indexOf(":", marker3 + 1)) {
    marker2 = marker3;
    marker3 = next;
  }
  const line = leadingInteger(inner.slice(marker2 + 1, marker3));
  const column = leadingInteger(inner.slice(marker3 + 1));
  if (line !== null) return { sourceURL: inner.slice(0, marker2), line, column: column ?? 1 };
  if (column !== null) return { sourceURL: inner.slice(0, marker3), line: column, column: 1 };
  return { sourceURL: inner, line: 1, column: 1 };
}

function frameName(text: string): { functionName: string; isConstructor: boolean } {
  let name = text.startsWith("async ") ? text.slice(6) : text;
  if (name === "<anonymous>" || name === "global code") name = "";
  const isConstructor = name.startsWith("new ");
  if (isConstructor) name = name.slice(4);
  return { functionName: name, isConstructor };
}

/**
 * Node's own frames and `file:` URLs are V8's, never a stack Bun would have
 * captured: the frames are dropped and the URLs shown as paths (as Bun shows
 * its module paths), which also lets the source preview find the file.
 */
export function asBunFrames(frames: StackFrame[]): StackFrame[] {
  return frames.filter((frame) => !frame.sourceURL.startsWith("node:internal/")).map((frame) => ({ ...frame, sourceURL: displayURL(frame.sourceURL) }));
}

/** Bun's parser: frames up to the first one without `(location)`. */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  let offset = 0;
  while (offset < stack.length && frames.length < MAX_FRAMES) {
    const found = stack.indexOf(FRAME_PREFIX, offset);
    if (found === -1) break;
    const start = found + FRAME_PREFIX.length;
    let end = stack.indexOf("\n", start);
    if (end === -1) end = stack.length;
    if (start >= end) break;
    const line = stack.slice(start, end);
    offset = end;
    const open = line.lastIndexOf("(");
    const close = line.lastIndexOf(")");
    if (close === -1 || open === -1 || open > close) break;
    const location = parseLocation(line.slice(open + 1, close));
    // Bun takes the name up to the space before "("; with "(" first on the line it takes the whole line.
    frames.push({ ...frameName(open === 0 ? line : line.slice(0, open - 1)), ...location });
  }
  return frames;
}

const V8_FRAME = /^\s*at (?:(.*?) \()?(.*?)(?::(\d+))?(?::(\d+))?\)?$/;

function displayURL(url: string): string {
  if (!url.startsWith("file://")) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/** A reading of V8's own traces: every frame, `file:` URLs as paths, Node's internals left out. */
export function parseV8Stack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of stack.split("\n").slice(1)) {
    const match = V8_FRAME.exec(text);
    if (match === null || !text.trimStart().startsWith("at ")) continue;
    const url = match[2] ?? "";
    if (url.startsWith("node:") || url === "native") continue;
    const name = frameName(match[1] ?? "");
    frames.push({ ...name, sourceURL: displayURL(url), line: Number(match[3] ?? 1), column: Number(match[4] ?? 1) });
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames;
}
