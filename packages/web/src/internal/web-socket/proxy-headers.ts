// The `headers` of WebSocket's `{ proxy: { url, headers } }`, read the way Bun
// 1.4.5 reads them (as a Headers init): every name and value converted to a
// byte string first (Bun's "Type error" for a character above U+00FF), then
// each pair checked in order (Bun's words for a bad name, a bad value, a pair
// that is not a pair). Values are trimmed of HTTP whitespace; nothing is skipped
// (`undefined` becomes "undefined", an array its comma-joined text).
import type { HandshakeHeaders } from "./options.ts";

// RFC 7230 `token`: what a header name may be made of.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function typeError(message: string, code?: string): TypeError {
  const error = new TypeError(message);
  // Bun's own, enumerable `code`, only when there is one.
  if (code !== undefined) Object.assign(error, { code });
  return error;
}

/** WebIDL ByteString conversion, with JavaScriptCore's words for what fails. */
function byteString(value: unknown): string {
  if (typeof value === "symbol") throw typeError("Cannot convert a symbol to a string");
  const text = String(value);
  if (/[^\u0000-\u00ff]/.test(text)) throw typeError("Type error");
  return text;
}

function isIterable(value: object): value is Iterable<unknown> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}

/** A sequence of sequences: each item converted, its length checked later (when it is added). */
function fromSequence(value: Iterable<unknown>): string[][] {
  return Array.from(value, (item) => {
    if (typeof item !== "object" || item === null || !isIterable(item)) throw typeError("Value is not a sequence", "ERR_INVALID_ARG_TYPE");
    return Array.from(item, byteString);
  });
}

function fromRecord(value: object): string[][] {
  return Object.keys(value).map((name) => [byteString(name), byteString((value as Record<string, unknown>)[name])]);
}

/** Leading and trailing HTTP whitespace (tab, LF, CR, space) removed, as Headers normalises a value. */
function normalise(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
}

function checkedPair(entry: string[]): [string, string] {
  if (entry.length !== 2) throw typeError("Header sub-sequence must contain exactly two items");
  const [name, raw] = entry as [string, string];
  if (!token.test(name)) throw typeError(`Invalid header name: '${name}'`);
  const value = normalise(raw);
  if (/[\0\r\n]/.test(value)) throw typeError(`Header '${name}' has invalid value`);
  return [name, value];
}

/** The proxy's extra CONNECT headers as [name, value] pairs in the order given, or Bun's error. */
export function readProxyHeaders(value: unknown): HandshakeHeaders {
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" && typeof value !== "function") throw typeError("Type error");
  // Node's Headers holds lower-case names only: the spelling a program gave is gone.
  if (value instanceof Headers) return [...value];
  const entries = isIterable(value) ? fromSequence(value) : fromRecord(value);
  return entries.map(checkedPair);
}
