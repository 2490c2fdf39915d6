// Bun's error printer (`printErrorlikeObject`): an optional source preview with
// a caret, `name: message`, the error's own enumerable properties padded to a
// column, `code`, the stack frames, then each appended error (`cause`, errors in
// properties). An AggregateError prints its `errors` one after another.
//
// Frames come from the `stack` string (see stack.ts). Bun takes frames from the
// trace JavaScriptCore captured, so for errors created in code the frames (and
// the preview's caret column) follow V8's positions, not JavaScriptCore's.
import { readFileSync, statSync } from "node:fs";
import { types } from "node:util";
import type { Formatter } from "./formatter.ts";
import { quoteLatin1 } from "./quote.ts";
import { asBunFrames, parseStack, parseV8Stack } from "./stack.ts";
import type { StackFrame } from "./stack.ts";
import { getTag } from "./tag.ts";

const PREVIEW_LINES = 6;
const MAX_LINE = 1024;
const MAX_LINE_WITH_CARET = 512;
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const V8_TRACE = /\n {4}at .*(?:file:\/\/|node:internal\/)/;

interface ErrorInfo {
  name: string;
  message: string;
  frames: StackFrame[];
}

function readProperty(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** JavaScriptCore's `sanitizedNameString`: a primitive `name` on the error or its prototype, else "Error". */
function errorName(error: object): string {
  let current: object | null = error;
  for (let level = 0; level < 2 && current !== null; level++) {
    const descriptor = Reflect.getOwnPropertyDescriptor(current, "name");
    if (descriptor !== undefined && "value" in descriptor) {
      const value: unknown = descriptor.value;
      return value !== null && (typeof value === "object" || typeof value === "function") ? "Error" : String(value);
    }
    current = Reflect.getPrototypeOf(current);
  }
  return "Error";
}

function textOf(value: unknown): string {
  try {
    return typeof value === "symbol" ? (value.description ?? "") : String(value);
  } catch {
    return "";
  }
}

function stackFrames(error: object): StackFrame[] {
  const stack = readProperty(error, "stack");
  if (typeof stack !== "string" || stack === "") return [];
  // `file:` URLs and Node's internal modules only appear in traces V8 captured, which
  // Bun's parser would cut at the first frame without parentheses.
  if (V8_TRACE.test(stack)) return asBunFrames(parseV8Stack(stack));
  const frames = parseStack(stack);
  return asBunFrames(frames.length > 0 ? frames : parseV8Stack(stack));
}

function errorInfo(value: unknown): ErrorInfo {
  if (types.isNativeError(value)) {
    const message = readProperty(value, "message");
    return { name: errorName(value), message: message === undefined ? "" : textOf(message), frames: stackFrames(value) };
  }
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    const name = readProperty(value, "name");
    const message = readProperty(value, "message");
    return { name: typeof name === "string" ? name : "", message: typeof message === "string" ? message : "", frames: [] };
  }
  return { name: "", message: textOf(value), frames: [] };
}

/** The own `code` Bun lifts out of the property list: a Latin-1 string. */
function errorCode(error: object): string | null {
  let current: object | null = error;
  while (current !== null) {
    const descriptor = Reflect.getOwnPropertyDescriptor(current, "code");
    if (descriptor !== undefined) {
      const value: unknown = "value" in descriptor ? descriptor.value : undefined;
      return typeof value === "string" && !/[^\u0000-\u00ff]/.test(value) ? value : null;
    }
    current = Reflect.getPrototypeOf(current);
  }
  return null;
}

export function printError(f: Formatter, error: Error): void {
  if (error instanceof AggregateError) return printAggregate(f, error);
  printErrorInstance(f, error);
}

function printAggregate(f: Formatter, error: AggregateError): void {
  let errors: unknown;
  try {
    errors = error.errors;
  } catch {
    return;
  }
  if (errors === null || typeof errors !== "object" || !(Symbol.iterator in errors)) return;
  for (const item of errors as Iterable<unknown>) {
    if (item instanceof AggregateError) printAggregate(f, item);
    else printErrorInstance(f, item);
  }
}

function printErrorInstance(f: Formatter, value: unknown): void {
  const info = errorInfo(value);
  const outer = f.printingError;
  f.printingError = true;
  try {
    printPreview(f, info.frames);
    printNameAndMessage(f, info, value);
    const appended = types.isNativeError(value) ? printErrorProperties(f, value, outer) : printNonError(f, value);
    printFrames(f, info.frames);
    printAppended(f, appended);
  } finally {
    f.printingError = outer;
  }
}

/** `reportError([1, 2, 3])` and AggregateError members that are not errors: the value itself, then a newline. */
function printNonError(f: Formatter, value: unknown): unknown[] {
  const previousCustom = f.disableInspectCustom;
  f.disableInspectCustom = true;
  try {
    f.format(getTag(value, { hideGlobal: true, disableCustom: true }), value);
  } finally {
    f.disableInspectCustom = previousCustom;
  }
  f.write("\n");
  return [];
}

function printNameAndMessage(f: Formatter, info: ErrorInfo, value: unknown): void {
  const s = f.style;
  const code = typeof value === "object" && value !== null && types.isNativeError(value) ? errorCode(value) : null;
  let { name, message } = info;
  if (name !== "" && message !== "") {
    if (name === "Error") {
      name = "";
      if (code !== null && /^[\x00-\x7f]*$/.test(code) && message.length > code.length + 3 && message.startsWith(`${code}: `)) {
        name = code;
        message = message.slice(code.length + 2);
      }
    }
    return f.write(`${levelName(f, name, true)}${s.b}${message}${s.r}\n`);
  }
  if (name !== "") return f.write(`${levelName(f, name, true)}\n`);
  if (message !== "") return f.write(`${levelName(f, "", true)}${s.b}${message}${s.r}\n`);
  f.write(`${levelName(f, "", false)}\n`);
}

/** Bun's error display level for `Bun.inspect` ("full"): red name, lower-case "error" when unnamed. */
function levelName(f: Formatter, name: string, colon: boolean): string {
  const s = f.style;
  const shown = `${s.r}${s.red}${name === "" ? "error" : name}`;
  if (!colon) return `${shown}${s.r}`;
  return f.colors ? `${shown}${s.r}${s.d}:${s.r} ` : `${shown}: `;
}

interface ErrorProperty {
  key: string | symbol;
  name: string;
  value: unknown;
}

/** The own enumerable data properties Bun lists (index keys left out; symbols by description). */
function errorProperties(error: Error): ErrorProperty[] {
  const properties: ErrorProperty[] = [];
  for (const key of Reflect.ownKeys(error)) {
    if (typeof key === "string" && (key === "" || /^(?:0|[1-9]\d*)$/.test(key))) continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(error, key);
    if (descriptor === undefined || descriptor.enumerable !== true) continue;
    const name = typeof key === "symbol" ? (key.description ?? "") : key;
    properties.push({ key, name, value: "value" in descriptor ? descriptor.value : undefined });
  }
  return properties;
}

function printErrorProperty(f: Formatter, name: string, longest: number, value: unknown): void {
  const s = f.style;
  f.write(" ".repeat(Math.max(0, longest - name.length)));
  f.write(` ${name}${s.r}${s.d}:${s.r} `);
  printErrorPropertyValue(f, value);
  f.write(`${s.r}${s.d},${s.r}\n`);
}

/** The own enumerable properties; returns the errors to print after the frames. */
function printErrorProperties(f: Formatter, error: Error, insideError: boolean): unknown[] {
  const s = f.style;
  const appended: unknown[] = [];
  const code = errorCode(error);
  const properties = errorProperties(error);
  const longest = Math.min(10, properties.reduce((max, property) => Math.max(max, property.name.length), 0));
  let sawCause = false;
  let printedAny = false;
  for (const { key, name, value } of properties) {
    if (key === "message" || key === "name" || key === "stack" || (key === "code" && code !== null)) continue;
    const isError = types.isNativeError(value);
    if (key === "cause" && isError) sawCause = true;
    if (isError && !insideError && !f.visited.has(value)) {
      appended.push(value);
      continue;
    }
    printErrorProperty(f, name, longest, value);
    printedAny = true;
  }
  if (!sawCause) {
    const cause = Reflect.getOwnPropertyDescriptor(error, "cause");
    if (cause !== undefined && "value" in cause && types.isNativeError(cause.value)) {
      if (!f.visited.has(cause.value)) appended.push(cause.value);
      else {
        printErrorProperty(f, "cause", longest, cause.value);
        printedAny = true;
      }
    }
  }
  if (code !== null) {
    f.write(" ".repeat(Math.max(0, longest - 4)));
    f.write(` code${s.r}${s.d}:${s.r} ${s.green}${quoteLatin1(code)}${s.r}\n`);
    printedAny = true;
  }
  if (printedAny) f.write("\n");
  return appended;
}

/** A property value: one level deep, strings quoted, no `inspect.custom`, bytes as text. */
function printErrorPropertyValue(f: Formatter, value: unknown): void {
  const saved = { maxDepth: f.maxDepth, quote: f.quoteStrings, custom: f.disableInspectCustom, text: f.formatBufferAsText };
  f.depth += 1;
  f.formatBufferAsText = true;
  f.maxDepth = 1;
  f.quoteStrings = true;
  f.disableInspectCustom = true;
  try {
    f.format(getTag(value, { hideGlobal: true, disableCustom: true }), value);
  } finally {
    f.depth -= 1;
    f.maxDepth = saved.maxDepth;
    f.quoteStrings = saved.quote;
    f.disableInspectCustom = saved.custom;
    f.formatBufferAsText = saved.text;
  }
}

function frameLocation(f: Formatter, frame: StackFrame): string {
  const s = f.style;
  return `${s.r}${s.cyan}${frame.sourceURL}${s.r}${s.d}:${s.r}${s.yellow}${frame.line}${s.r}${s.d}:${s.yellow}${frame.column}${s.r}`;
}

function printFrames(f: Formatter, frames: StackFrame[]): void {
  const s = f.style;
  for (const frame of frames) {
    if (frame.sourceURL === "" && frame.functionName === "") continue;
    const name = frame.isConstructor ? `new ${frame.functionName}` : frame.functionName;
    if (name !== "") f.write(`${s.r}      ${s.d}at ${s.r}${name}${s.d} (${s.r}${frameLocation(f, frame)}${s.d})${s.r}\n`);
    else f.write(`${s.r}      ${s.d}at ${s.r}${frameLocation(f, frame)}\n`);
  }
}

function printAppended(f: Formatter, errors: unknown[]): void {
  const s = f.style;
  for (const error of errors) {
    const object = error as object;
    if (f.visited.has(object)) {
      f.write(`\n${s.r}${s.cyan}[Circular]${s.r}`);
      continue;
    }
    f.visited.add(object);
    f.write("\n");
    try {
      printErrorInstance(f, error);
    } finally {
      f.visited.delete(object);
    }
  }
}

// --- source preview --------------------------------------------------------

interface Preview {
  /** Zero-based line number of the error line. */
  line: number;
  /** Zero-based column of the caret. */
  column: number;
  /** Up to six lines ending with the error line, first line first. */
  lines: string[];
}

function readSource(path: string): string | null {
  try {
    return path.startsWith("/") && statSync(path).size <= MAX_SOURCE_BYTES ? readFileSync(path, "utf8") : null;
  } catch {
    return null;
  }
}

/** The frame Bun previews: the first one outside `node:`/`bun:` modules and native code. */
function previewFrame(frames: StackFrame[]): StackFrame | undefined {
  return frames.find((frame) => frame.sourceURL !== "" && frame.sourceURL !== "native" && !/^(?:node|bun):/.test(frame.sourceURL));
}

function sourcePreview(frames: StackFrame[]): Preview | undefined {
  const frame = previewFrame(frames);
  if (frame === undefined) return undefined;
  const source = readSource(frame.sourceURL);
  if (source === null) return undefined;
  const all = source.split("\n");
  const line = frame.line - 1;
  if (line < 0 || line >= all.length) return undefined;
  let column = Math.max(0, frame.column - 1);
  // V8 places a `new X()` frame at `new`, JavaScriptCore at `X`.
  const constructed = /^new\s+/.exec(all[line]!.slice(column));
  if (constructed !== null) {
    column += constructed[0].length;
    frame.column = column + 1;
  }
  return { line, column, lines: all.slice(Math.max(0, line - (PREVIEW_LINES - 1)), line + 1) };
}

function trimLine(text: string): string {
  return text.replace(/^\n+|\n+$/g, "").replace(/[\t ]+$/, "");
}

function printSourceLine(f: Formatter, display: number, width: number, text: string): boolean {
  const s = f.style;
  const trimmed = trimLine(text);
  const clamped = trimmed.slice(0, MAX_LINE);
  f.write(" ".repeat(width - String(display).length));
  f.write(`${s.r}${s.b}${display} |${s.r} ${clamped}`);
  if (clamped.length !== trimmed.length && f.colors) f.write(`${s.r}${s.d} | ... truncated ${s.r}`);
  return clamped.length === trimmed.length;
}

/** The lines above the error, the error line and a caret under the column (when the file can be read). */
function printPreview(f: Formatter, frames: StackFrame[]): void {
  const preview = sourcePreview(frames);
  if (preview === undefined) return;
  const width = String(preview.line + 1).length;
  const first = preview.line - preview.lines.length + 2;
  for (const [index, text] of preview.lines.slice(0, -1).entries()) {
    printSourceLine(f, first + index, width, text);
    f.write("\n");
  }
  const errorLine = preview.lines[preview.lines.length - 1]!;
  if (errorLine === "") return;
  if (!printSourceLine(f, preview.line + 1, width, errorLine)) return f.write("\n\n");
  f.write("\n");
  const trimmed = trimLine(errorLine).slice(0, MAX_LINE);
  if (trimmed.length < MAX_LINE_WITH_CARET || preview.column > MAX_LINE_WITH_CARET) {
    f.write(`${" ".repeat(width + 3 + preview.column)}${f.style.red}${f.style.b}^${f.style.r}\n`);
  } else f.write("\n");
}
