// What Bun's hashers take as data and keys, and how strings become bytes.
import { isAnyArrayBuffer, isStringObject } from "node:util/types";
import { readBlobSync } from "../blob-sync.ts";
import { BunFile } from "../file/bun-file.ts";
import { asciiLower } from "./algorithms.ts";
import type { HashData } from "./engines.ts";
import { fileBlobInput, invalidInput, oddHexLength } from "./errors.ts";

const noBytes = new Uint8Array(0);

/**
 * The bytes of any view or buffer, as a Uint8Array over the same memory. An
 * empty one (a detached buffer among them, which Bun reads as empty) gives a
 * shared empty array: nothing may be written into it.
 */
export function bytesOf(value: ArrayBufferView | ArrayBufferLike): Uint8Array {
  if (value.byteLength === 0) return noBytes;
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(value);
}

/** A string or a String object's string; undefined for anything else. */
export function stringValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return isStringObject(value) ? String.prototype.valueOf.call(value) : undefined;
}

// The encodings Bun decodes an update's string with, by lower-case name.
// Any other name (or none) means UTF-8; Bun throws for none of them. "buffer"
// takes each code unit's low byte, as latin1 does.
const stringEncodings: ReadonlyMap<string, BufferEncoding> = new Map([
  ["utf8", "utf8"],
  ["utf-8", "utf8"],
  ["buffer", "latin1"],
  ["ucs2", "utf16le"],
  ["ucs-2", "utf16le"],
  ["utf16le", "utf16le"],
  ["latin1", "latin1"],
  ["binary", "latin1"],
  ["ascii", "latin1"],
  ["base64", "base64"],
  ["base64url", "base64url"],
  ["hex", "hex"],
]);

function decodeString(text: string, encodingValue: unknown): HashData {
  const name = stringValue(encodingValue);
  if (name === undefined) return text;
  const encoding = stringEncodings.get(asciiLower(name));
  if (encoding === undefined || encoding === "utf8") return text;
  // Node's decoder drops a trailing odd hex digit; Bun's refuses the string.
  if (encoding === "hex" && text.length % 2 !== 0) throw oddHexLength(text.length, name);
  return Buffer.from(text, encoding);
}

/**
 * Bun's hasher input: a string (UTF-8, or `encoding` where the hasher honours
 * one), a String object, any ArrayBuffer, SharedArrayBuffer or view of one, or
 * a Blob (read now; a Bun.file() Blob is refused, as Bun refuses it).
 * Byte inputs come back as views of the caller's memory, not copies.
 */
export function toHashData(data: unknown, encoding?: unknown): HashData {
  if (typeof data === "string") return encoding === undefined ? data : decodeString(data, encoding);
  if (ArrayBuffer.isView(data) || isAnyArrayBuffer(data)) return bytesOf(data);
  if (data instanceof Blob) {
    if (data instanceof BunFile) throw fileBlobInput();
    return readBlobSync(data);
  }
  const text = stringValue(data);
  if (text === undefined) throw invalidInput();
  return encoding === undefined ? text : decodeString(text, encoding);
}
