// How Bun's text-format parsers (TOML, YAML, JSON5, JSONC, JSONL) read their
// argument: each takes a slightly different set of kinds, and stringifies the rest.
import { readBlobSync } from "../blob-sync.ts";
import { BunFile } from "../file/bun-file.ts";
import { invalidArgType } from "../errors.ts";

const utf8 = new TextDecoder();

/** JavaScript's ToString, with JavaScriptCore's wording for symbols. */
export function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return String(value);
}

/** UTF-8 bytes (a view or a buffer) as text; undefined for anything else. */
export function bytesText(value: unknown): string | undefined {
  let bytes: Uint8Array;
  if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) bytes = new Uint8Array(value);
  else return undefined;
  // TextDecoder refuses views of shared memory: decode a copy.
  return utf8.decode(bytes.buffer instanceof SharedArrayBuffer ? bytes.slice() : bytes);
}

/**
 * TOML, YAML and JSON5 input: a string, UTF-8 bytes, or an in-memory Blob
 * (a file's Blob is refused: Bun wants `await file.text()`).
 */
export function documentText(value: unknown, nullish: "reject" | "stringify"): string {
  if (typeof value === "string") return value;
  const fromBytes = bytesText(value);
  if (fromBytes !== undefined) return fromBytes;
  if (value instanceof Blob) {
    if (value instanceof BunFile) throw invalidArgType("File blob cannot be used here");
    return utf8.decode(readBlobSync(value));
  }
  if ((value === null || value === undefined) && nullish === "reject") {
    throw invalidArgType("input must be a string, ArrayBuffer, ArrayBufferView or Blob");
  }
  return toText(value);
}
