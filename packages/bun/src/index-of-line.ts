import { isAnyArrayBuffer } from "node:util/types";
import { invalidArgType } from "./internal/errors.ts";

type IndexOfLine = typeof import("bun").indexOfLine;

function bytesOf(buffer: unknown): Uint8Array {
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (isAnyArrayBuffer(buffer)) return new Uint8Array(buffer);
  throw invalidArgType("buffer must be an ArrayBuffer or ArrayBufferView");
}

/** Bun's offset coercion: a number (bigints allowed), truncated; negatives and NaN mean 0. */
function startOf(offset: unknown): number {
  if (offset === undefined) return 0;
  if (typeof offset === "symbol") throw new TypeError("Cannot convert a symbol to a number");
  const number = typeof offset === "bigint" ? Number(offset) : Number(offset);
  return number > 0 ? Math.trunc(number) : 0;
}

/** Bun.indexOfLine: byte index of the next "\n" at or after `offset`, or -1. */
// `offset` has a default so that the function's length is 1, as Bun's is.
export const indexOfLine: IndexOfLine = function indexOfLine(buffer: ArrayBufferView | ArrayBufferLike, offset: number | bigint | undefined = undefined): number {
  const bytes = bytesOf(buffer);
  const start = startOf(offset);
  if (start >= bytes.length) return -1;
  return bytes.indexOf(0x0a, start);
};
