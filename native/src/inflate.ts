import type { InflateOutcome } from "./internal/binding.ts";
import { selected } from "./internal/selected.ts";

export type { InflateOutcome } from "./internal/binding.ts";

/**
 * zlib's `inflate()` of one whole stream, exactly as `node:zlib`'s
 * `inflateSync`/`inflateRawSync` with `{ windowBits, chunkSize }` runs it (same
 * calls into the same zlib, so the same outcome on every stream):
 * `windowBits` as `inflateInit2` takes it (-8..-15 raw, 0 or 8..15 zlib, 16+
 * gzip); decoding stops at the stream's end, whatever follows. Gives the
 * output (a Buffer), zlib's message for corrupt data (a string, as node:zlib
 * reports it) or zlib's return code for any other failure (-5 Z_BUF_ERROR:
 * the input stops before the stream does; 2 Z_NEED_DICT; ...). `info[0]`
 * receives how many input bytes the stream took and, when `info` has two
 * slots, `info[1]` the CRC-32 of the output.
 */
export type HostInflate = (input: Uint8Array, windowBits: number, chunkSize: number, info: Float64Array) => Exclude<InflateOutcome, null>;

/**
 * Inflate by the zlib the running Node links, or `undefined` where there is
 * none: on the TypeScript twin, or under a Node that does not export zlib's
 * functions (the caller then uses `node:zlib`, with the same outcome). Two
 * savings over `node:zlib`: the page faults of a large fresh output (a 64 MiB
 * one costs two thirds as long as decoding it) are taken by a helper thread
 * ahead of the decoder, where a second core exists; and the CRC-32 of the
 * output is taken as it is written, not in a second pass.
 *
 * @example
 * ```ts
 * import { deflateRawSync } from "node:zlib";
 * import { hostInflate } from "@dx-compat/native";
 * const inflate = hostInflate();
 * const info = new Float64Array(2);
 * inflate?.(deflateRawSync("hello"), -15, 64, info); // <Buffer 68 65 6c 6c 6f>; info: [7, 907060870]
 * ```
 */
export function hostInflate(): HostInflate | undefined {
  const { binding } = selected();
  // An empty input is a stream cut short: Z_BUF_ERROR where zlib is there.
  if (binding.inflate(new Uint8Array(0), -15, 0, new Float64Array(1)) === null) return undefined;
  return binding.inflate as HostInflate;
}
