import { describeReceived, invalidArgType, outOfRange } from "./internal/errors.ts";
import { uninitializedArrayBuffer } from "./internal/belt/buffers.ts";

const maxSize = 4294967295;

/** Node's way of printing a number in ERR_OUT_OF_RANGE: integers beyond 2^32 get "_" separators. */
function formatReceived(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) <= 2 ** 32) return String(value);
  const digits = String(Math.abs(value));
  let out = "";
  for (let i = digits.length; i > 0; i -= 3) out = `_${digits.slice(Math.max(0, i - 3), i)}${out}`;
  return `${value < 0 ? "-" : ""}${out.slice(1)}`;
}

/**
 * `Bun.allocUnsafe(size)`: a `Uint8Array` of `size` bytes whose memory is not
 * zeroed (it may hold old data). A plain Uint8Array over its own ArrayBuffer,
 * as in Bun; `size` must be an integer from 0 to 2^32 − 1 (Bun's errors).
 *
 * @example
 * ```ts
 * import { allocUnsafe } from "@dx-compat/bun";
 * const bytes = allocUnsafe(1024);
 * bytes.fill(0); // before reading it
 * ```
 */
export const allocUnsafe: typeof import("bun").allocUnsafe = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  allocUnsafe(size: unknown): Uint8Array<ArrayBuffer> {
    if (typeof size !== "number") throw invalidArgType(`The "size" argument must be of type number. ${describeReceived(size)}`);
    if (!Number.isInteger(size)) throw outOfRange(`The value of "size" is out of range. It must be an integer. Received ${formatReceived(size)}`);
    if (size < 0 || size > maxSize) throw outOfRange(`The value of "size" is out of range. It must be >= 0 && <= ${maxSize}. Received ${formatReceived(size)}`);
    return new Uint8Array(uninitializedArrayBuffer(size));
  },
}.allocUnsafe;
