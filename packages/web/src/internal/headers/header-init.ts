// A Headers init (a record, a function's own properties, a sequence of pairs,
// a Map or a Headers) read the way Bun 1.4.5's WebSocket reads its `headers`
// and its proxy's `headers`, in Bun's two steps: first every name and value is
// converted to a byte string (Bun's "Type error" for a character above U+00FF,
// "Value is not a sequence" for an item that is not a pair); only later is
// each pair checked in order (Bun's words for a pair that is not two items, a
// bad name, a bad value). Values are trimmed of HTTP whitespace; nothing is
// skipped (`undefined` becomes "undefined", an array its comma-joined text).
import { bunCoded } from "@dx-compat/shared/errors";

/** Header [name, value] pairs, in the order given. */
export type HeaderPairs = Array<[string, string]>;

// RFC 7230 `token`: what a header name may be made of.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** WebIDL ByteString conversion, with JavaScriptCore's words for what fails. */
function byteString(value: unknown): string {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  const text = String(value);
  if (/[^\u0000-\u00ff]/.test(text)) throw new TypeError("Type error");
  return text;
}

function isIterable(value: object): value is Iterable<unknown> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}

/** A sequence of sequences: each item converted, its length checked later (in `checkHeaderInit`). */
function fromSequence(value: Iterable<unknown>): string[][] {
  return Array.from(value, (item) => {
    if (typeof item !== "object" || item === null || !isIterable(item)) throw bunCoded("Value is not a sequence", "ERR_INVALID_ARG_TYPE", TypeError);
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
  if (entry.length !== 2) throw new TypeError("Header sub-sequence must contain exactly two items");
  const [name, raw] = entry as [string, string];
  if (!token.test(name)) throw new TypeError(`Invalid header name: '${name}'`);
  const value = normalise(raw);
  if (/[\0\r\n]/.test(value)) throw new TypeError(`Header '${name}' has invalid value`);
  return [name, value];
}

/** Step one: the init's entries as byte strings (not yet checked), or Bun's error. */
export function readHeaderInit(value: unknown): string[][] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Type error");
  // Node's Headers holds lower-case names only (Bun's iterates them in lower case too).
  if (value instanceof Headers) return [...value];
  return isIterable(value) ? fromSequence(value) : fromRecord(value);
}

/** Step two: each entry checked in order, values trimmed, or Bun's error for the first bad one. */
export function checkHeaderInit(entries: readonly string[][]): HeaderPairs {
  return entries.map(checkedPair);
}
