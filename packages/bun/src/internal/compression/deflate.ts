// gzipSync/deflateSync's engine: node:zlib (Chromium's zlib) in one pass over
// the whole input. Bun links Cloudflare's zlib fork, so the compressed bytes
// can differ from Bun's at the same settings; both are valid streams that
// either runtime decompresses.
//
// Large inputs, at the settings where one zlib stream's bytes differ from
// Bun's anyway, go to @dx-compat/native's parallel deflate instead: 1 MiB
// blocks compressed on every core and joined into one stream (about as long).
// Where the two zlib forks agree byte for byte at any size (Huffman-only,
// RLE), the single stream is kept, so those outputs stay Bun's bytes.
import { DEFLATE_BLOCK, hostDeflate, type HostDeflate } from "@dx-compat/native";
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

/** From two blocks up the parallel path pays for its threads. */
const PARALLEL_FROM = 2 * DEFLATE_BLOCK;
const DEFAULT_MEM_LEVEL = 8;
const Z_DEFAULT_STRATEGY = 0;
const Z_FILTERED = 1;
const Z_FIXED = 4;

let host: HostDeflate | null | undefined;

/**
 * Where one zlib stream's bytes differ from Bun's anyway on large inputs: at
 * every level from 1 to 9 with the default, filtered or fixed strategy, the
 * two forks find different matches (they agree on short inputs at some
 * levels, never reliably on megabytes). Huffman-only and RLE do no match
 * finding and agree at every size, so they keep one stream and Bun's bytes.
 */
function differsFromBunAnyway(level: number, strategy: number): boolean {
  if (level < 1 || level > 9) return false;
  return strategy === Z_DEFAULT_STRATEGY || strategy === Z_FILTERED || strategy === Z_FIXED;
}

/** zlib's gzip header for these settings (XFL depends on them), as node:zlib writes it. */
const headers = new Map<string, Uint8Array>();

function gzipHeader(options: zlib.ZlibOptions): Uint8Array {
  const key = `${options.level}:${options.strategy}`;
  let header = headers.get(key);
  if (header === undefined) {
    header = zlib.gzipSync(new Uint8Array(0), options).subarray(0, 10);
    headers.set(key, header);
  }
  return header;
}

/** The parallel path's output, or undefined to use one zlib stream. */
function compressInParallel(input: Uint8Array, container: Container, options: zlib.ZlibOptions): Uint8Array<ArrayBuffer> | undefined {
  const level = options.level === -1 ? DEFAULT_LEVEL : (options.level as number);
  const strategy = options.strategy ?? Z_DEFAULT_STRATEGY;
  if (input.byteLength < PARALLEL_FROM || !differsFromBunAnyway(level, strategy)) return undefined;
  host ??= hostDeflate() ?? null;
  if (host === null) return undefined;
  const settings = { level, memLevel: options.memLevel ?? DEFAULT_MEM_LEVEL, strategy };
  const output = host(input, settings, container === "gzip" ? gzipHeader(options) : null);
  // zlib refused the settings (or the memory): node:zlib reports it in its own words.
  return typeof output === "number" ? undefined : ownedUint8Array(output);
}

function compressWithZlib(input: Uint8Array, container: Container, options: CompressOptions): Uint8Array<ArrayBuffer> {
  const level = options.level ?? DEFAULT_LEVEL;
  // Bun lets zlib's deflateInit2 judge the level: anything outside -1..9 is its Z_STREAM_ERROR.
  if (level < -1 || level > MAX_ZLIB_LEVEL) throw zlibError("Zlib error: Invalid argument");
  const settings = { level, memLevel: options.memLevel, strategy: options.strategy };
  return compressInParallel(input, container, settings) ?? runZlib(input, container, settings);
}

/**
 * `library: "libdeflate"`: Node has no libdeflate, so zlib produces the same
 * format instead — zlib's level for 0–9 and its best (9) for libdeflate's
 * 10–12 — and the gzip header is written the way libdeflate writes it.
 */
function compressLikeLibdeflate(input: Uint8Array, container: Container, options: CompressOptions): Uint8Array<ArrayBuffer> {
  const level = options.level ?? DEFAULT_LEVEL;
  if (level < 0 || level > MAX_LIBDEFLATE_LEVEL) throw invalidArgType("Compression level must be between 0 and 12 for libdeflate");
  const settings = { level: Math.min(level, MAX_ZLIB_LEVEL) };
  // Never libdeflate's bytes anyway: large inputs go to the parallel path.
  const output = compressInParallel(input, container, settings) ?? runZlib(input, container, settings);
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
