// Turns `$`'s template call into a parsed script plus the values its `js` parts
// point at. Values are classified here, synchronously, as Bun does (its errors
// throw from the `$` call itself).
import { parse, ShellSyntaxError, type Parsed } from "./parser.ts";

export type JsValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  /** A Buffer, TypedArray, Blob / BunFile, Response or ReadableStream: only valid as a redirect target. */
  | { readonly kind: "object"; readonly value: object };

export interface Template {
  readonly parsed: Parsed;
  readonly values: readonly JsValue[];
}

/** Where each interpolated value sits in the source: a placeholder character. */
const PLACEHOLDER = "\u0000";

/** Parses keyed by the template strings (only for templates without `{ raw }` values). */
const cache = new WeakMap<TemplateStringsArray, Parsed>();

function nullByteError(value: string): TypeError {
  const error = new TypeError(`The shell argument must be a string without null bytes. Received "${value}"`);
  Object.defineProperty(error, "code", { value: "ERR_INVALID_ARG_VALUE", enumerable: false, configurable: true, writable: true });
  return error;
}

function checkedText(text: string): string {
  if (text.includes("\0")) throw nullByteError(text);
  return text;
}

function isRedirectObject(value: object): boolean {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Blob ||
    value instanceof Response ||
    value instanceof ReadableStream
  );
}

function hasOwnToString(value: object): boolean {
  return (value as { toString?: unknown }).toString !== Object.prototype.toString && !(value instanceof Promise);
}

function invalidObject(value: object): Error {
  return new Error(`Invalid JS object used in shell: ${Object.prototype.toString.call(value)}, you might need to call \`.toString()\` on it`);
}

function scalarText(value: unknown): string | null {
  if (typeof value === "string") return checkedText(value);
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "object" && hasOwnToString(value) && !isRedirectObject(value) && !Array.isArray(value)) return checkedText(String(value));
  return null;
}

function flatten(items: readonly unknown[], into: string[]): void {
  for (const item of items) {
    if (Array.isArray(item)) {
      flatten(item, into);
      continue;
    }
    const text = scalarText(item);
    if (text === null) throw invalidObject(item as object);
    into.push(text);
  }
}

function rawOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const raw = (value as { raw?: unknown }).raw;
  return raw === undefined ? undefined : String(raw);
}

function classify(value: unknown): JsValue {
  const text = scalarText(value);
  if (text !== null) return { kind: "text", text };
  if (Array.isArray(value)) {
    const items: string[] = [];
    flatten(value, items);
    return { kind: "list", items };
  }
  if (typeof value === "object" && value !== null && isRedirectObject(value)) return { kind: "object", value };
  throw invalidObject(value as object);
}

function toError(error: unknown): never {
  // Bun's parse errors are plain Errors.
  if (error instanceof ShellSyntaxError) throw new Error(error.message);
  throw error;
}

/** Classifies the values and parses the template (cached when no `{ raw }` value splices code in). */
export function compile(strings: TemplateStringsArray, rawValues: readonly unknown[]): Template {
  const values: JsValue[] = [];
  const raws = rawValues.map(rawOf);
  let parsed = raws.every((raw) => raw === undefined) ? cache.get(strings) : undefined;
  if (parsed === undefined) {
    let src = strings.raw[0] ?? "";
    const markers = new Map<number, number>();
    for (let i = 0; i < rawValues.length; i++) {
      const raw = raws[i];
      if (raw === undefined) {
        markers.set(src.length, i);
        src += PLACEHOLDER;
      } else src += raw;
      src += strings.raw[i + 1] ?? "";
    }
    try {
      parsed = parse(src, markers);
    } catch (error) {
      toError(error);
    }
    if (raws.every((raw) => raw === undefined)) cache.set(strings, parsed);
  }
  for (let i = 0; i < rawValues.length; i++) {
    if (raws[i] !== undefined) {
      values.push({ kind: "text", text: "" });
      continue;
    }
    const value = classify(rawValues[i]);
    if (value.kind === "object" && !parsed.redirectTargets.has(i)) throw new Error('expected a command or assignment but got: "JSObjRef"');
    values.push(value);
  }
  return { parsed, values };
}
