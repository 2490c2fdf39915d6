// What a digest is asked to come back as: Bun's default, an encoded string, a
// Buffer ("buffer"), or bytes written into memory the caller gives.
import { isAnyArrayBuffer } from "node:util/types";
import { asciiLower } from "./algorithms.ts";
import { invalidOutput, outputTooSmall, unknownEncoding } from "./errors.ts";
import { bytesOf, stringValue } from "./input.ts";

/** Memory a digest can be written into; the call returns it. */
export type OutputTarget = ArrayBufferView | ArrayBufferLike;

/** An output argument, checked: undefined (the default), an encoding name as given, or a target. */
export type OutputRequest = undefined | string | OutputTarget;

/**
 * Bun's first check of an output argument: only its type. `nullIsDefault`: the
 * instance `digest()` methods take null for "none"; the static `hash()` ones do not.
 */
export function outputRequest(value: unknown, nullIsDefault: boolean): OutputRequest {
  if (value === undefined || (value === null && nullIsDefault)) return undefined;
  if (ArrayBuffer.isView(value) || isAnyArrayBuffer(value)) return value;
  const name = stringValue(value);
  if (name === undefined) throw invalidOutput();
  return name;
}

// Bun's digest encodings, by lower-case name (Node's "utf-16le" is not one of them).
export type DigestEncoding = BufferEncoding | "buffer";

const digestEncodings: ReadonlyMap<string, DigestEncoding> = new Map([
  ["utf8", "utf8"],
  ["utf-8", "utf8"],
  ["ucs2", "utf16le"],
  ["ucs-2", "utf16le"],
  ["utf16le", "utf16le"],
  ["latin1", "latin1"],
  ["binary", "latin1"],
  ["ascii", "ascii"],
  ["base64", "base64"],
  ["base64url", "base64url"],
  ["hex", "hex"],
  ["buffer", "buffer"],
]);

export function digestEncoding(name: string): DigestEncoding {
  const encoding = digestEncodings.get(asciiLower(name));
  if (encoding === undefined) throw unknownEncoding(name);
  return encoding;
}

/** Throws Bun's error unless `target` has room for `room` bytes. */
export function checkRoom(target: OutputTarget, room: number): void {
  if (target.byteLength < room) throw outputTooSmall(room);
}

/** Writes `digest` at the start of `target` (the rest is left alone) and returns `target`. */
export function writeDigest(target: OutputTarget, digest: Uint8Array): OutputTarget {
  bytesOf(target).set(digest);
  return target;
}

/** `digest` as a string in `encoding`, or as itself for "buffer". */
export function encodeDigest(digest: Buffer, encoding: DigestEncoding): string | Buffer {
  return encoding === "buffer" ? digest : digest.toString(encoding);
}

/** A digest Buffer as the plain Uint8Array the static hashers return (same memory). */
export function asUint8Array(digest: Buffer): Uint8Array {
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}
