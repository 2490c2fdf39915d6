import { types } from "node:util";
import { concatInto } from "./internal/belt/buffers.ts";
import { bunCoded } from "./internal/errors.ts";

/**
 * `Bun.concatArrayBuffers(buffers, maxLength?, asUint8Array?)`: the bytes of
 * an array of TypedArrays, DataViews and (Shared)ArrayBuffers, one after
 * another, in a new ArrayBuffer (or a Uint8Array when `asUint8Array` is
 * truthy), cut at `maxLength` bytes. As in Bun: a non-number `maxLength` is
 * ignored, a finite one is taken modulo 2^32, NaN or a negative one is a
 * RangeError; `null`/`undefined` gives an empty ArrayBuffer; a non-array or a
 * non-buffer element is a TypeError, a detached buffer `ERR_INVALID_STATE`.
 *
 * @example
 * ```ts
 * import { concatArrayBuffers } from "@dx-compat/bun";
 * concatArrayBuffers([new Uint8Array([1, 2]), new Uint8Array([3]).buffer]); // ArrayBuffer [1, 2, 3]
 * concatArrayBuffers([new Uint8Array([1, 2, 3])], 2, true);                 // Uint8Array [1, 2]
 * ```
 */
export const concatArrayBuffers: typeof import("bun").concatArrayBuffers = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  concatArrayBuffers(
    buffers: unknown,
    maxLength?: unknown,
    asUint8Array?: unknown,
  ): ArrayBuffer & Uint8Array<ArrayBuffer> {
    if (arguments.length < 1) throw new TypeError("Expected at least one argument");
    let limit = Infinity;
    if (typeof maxLength === "number") {
      if (Number.isNaN(maxLength) || maxLength < 0) throw new RangeError("Maximum length must be >= 0");
      if (Number.isFinite(maxLength)) limit = maxLength >>> 0;
    }
    const wantsBytes = asUint8Array !== undefined && Boolean(asUint8Array);
    if (buffers === undefined || buffers === null) return new ArrayBuffer(0) as never;
    if (!Array.isArray(buffers) || types.isProxy(buffers)) throw new TypeError("Argument must be an array");
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < buffers.length; i++) {
      const element: unknown = buffers[i];
      const isView = ArrayBuffer.isView(element);
      if (!isView && !types.isArrayBuffer(element) && !types.isSharedArrayBuffer(element)) throw new TypeError("Expected TypedArray");
      const buffer = (isView ? element.buffer : element) as ArrayBuffer;
      if (buffer.detached) throw bunCoded("Invalid state: Cannot validate on a detached buffer", "ERR_INVALID_STATE");
      parts.push(isView ? new Uint8Array(buffer, element.byteOffset, element.byteLength) : new Uint8Array(buffer));
      total += parts[parts.length - 1]!.byteLength;
    }
    const length = Math.min(total, limit);
    if (length === 0) return (wantsBytes ? new Uint8Array(0) : new ArrayBuffer(0)) as never;
    const out = concatInto(parts, length);
    return (wantsBytes ? new Uint8Array(out) : out) as never;
  },
}.concatArrayBuffers as typeof import("bun").concatArrayBuffers;
