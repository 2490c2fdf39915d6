// gzipSync/deflateSync's engine: node:zlib (Chromium's zlib) in one pass over
// the whole input. Bun links Cloudflare's zlib fork, so the compressed bytes
// can differ from Bun's at the same settings; both are valid streams that
// either runtime decompresses.
import zlib from "node:zlib";
import { invalidArgType } from "../errors.ts";
import { ownedUint8Array } from "./input.ts";
import { zlibError, type CompressOptions } from "./options.ts";

export type Container = "gzip" | "raw";

const DEFAULT_LEVEL = 6;
const MAX_ZLIB_LEVEL = 9;
const MAX_LIBDEFLATE_LEVEL = 12;
// libdeflate's gzip header: no OS ("unknown") and XFL from the level.
const GZIP_XFL_OFFSET = 8;
const GZIP_OS_OFFSET = 9;
const GZIP_OS_UNKNOWN = 255;
const GZIP_XFL_SLOWEST = 2;
const GZIP_XFL_FASTEST = 4;

/**
 * Output chunks of up to 1 MiB: large enough that the number of engine calls
 * does not matter, small enough not to reserve much more than the output needs.
 */
function chunkSizeFor(input: Uint8Array): number {
  return Math.min(Math.max(input.byteLength + 1024, 4096), 1 << 20);
}

function runZlib(input: Uint8Array, container: Container, options: zlib.ZlibOptions): Uint8Array<ArrayBuffer> {
  const settings = { ...options, chunkSize: chunkSizeFor(input) };
  const output = container === "gzip" ? zlib.gzipSync(input, settings) : zlib.deflateRawSync(input, settings);
  return ownedUint8Array(output);
}

function compressWithZlib(input: Uint8Array, container: Container, options: CompressOptions): Uint8Array<ArrayBuffer> {
  const level = options.level ?? DEFAULT_LEVEL;
  // Bun lets zlib's deflateInit2 judge the level: anything outside -1..9 is its Z_STREAM_ERROR.
  if (level < -1 || level > MAX_ZLIB_LEVEL) throw zlibError("Zlib error: Invalid argument");
  return runZlib(input, container, { level, memLevel: options.memLevel, strategy: options.strategy });
}

/**
 * `library: "libdeflate"`: Node has no libdeflate, so zlib produces the same
 * format instead — zlib's level for 0–9 and its best (9) for libdeflate's
 * 10–12 — and the gzip header is written the way libdeflate writes it.
 */
function compressLikeLibdeflate(input: Uint8Array, container: Container, options: CompressOptions): Uint8Array<ArrayBuffer> {
  const level = options.level ?? DEFAULT_LEVEL;
  if (level < 0 || level > MAX_LIBDEFLATE_LEVEL) throw invalidArgType("Compression level must be between 0 and 12 for libdeflate");
  const output = runZlib(input, container, { level: Math.min(level, MAX_ZLIB_LEVEL) });
  if (container === "gzip") {
    output[GZIP_XFL_OFFSET] = level < 2 ? GZIP_XFL_FASTEST : level >= 8 ? GZIP_XFL_SLOWEST : 0;
    output[GZIP_OS_OFFSET] = GZIP_OS_UNKNOWN;
  }
  return output;
}

/** Compress `input` into a gzip member or a raw DEFLATE stream, as Bun.gzipSync/deflateSync. */
export function compress(input: Uint8Array, container: Container, options: CompressOptions): Uint8Array<ArrayBuffer> {
  return options.library === "libdeflate" ? compressLikeLibdeflate(input, container, options) : compressWithZlib(input, container, options);
}
