// gunzipSync/inflateSync's engine. zlib inflates: the one Node links, called
// by @dx-compat/native's addon where it loads (exactly as node:zlib calls it,
// but with the output's pages faulted in on another core and its CRC taken on
// the way), else through node:zlib. The gzip wrapper is
// read here, because Bun's zlib stops after the first gzip member (Node's
// gunzip goes on into any further members and chokes on trailing bytes) and
// because its errors must read as zlib's own messages, as Bun reports them.
import { hostInflate, type HostInflate } from "@dx-compat/native";
import type { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { ownedUint8Array } from "./input.ts";
import { zlibError, type DecompressOptions } from "./options.ts";
import type { Container } from "./deflate.ts";

/** A stream zlib rejects: `message` is zlib's `strm->msg`, null where zlib gives none (truncated input). */
class InflateFailure extends Error {
  readonly zlibMessage: string | null;

  constructor(zlibMessage: string | null) {
    super(zlibMessage ?? "truncated");
    this.zlibMessage = zlibMessage;
  }
}

const GZIP_ID1 = 0x1f;
const GZIP_ID2 = 0x8b;
const DEFLATED = 8;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED_FLAGS = 0xe0;
const GZIP_FIXED_HEADER = 10;
const MAX_SIZE_HINT = 256 * 1024 * 1024;
const MIN_CHUNK = 64 * 1024;
const MAX_GUESS = 8 * 1024 * 1024;
// zlib's return codes for a stream cut short and for a missing dictionary.
const Z_BUF_ERROR = -5;
const Z_NEED_DICT = 2;

/** Node's zlib errors back to zlib's: a message for corrupt data, none for truncation or a missing dictionary. */
function asFailure(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "Z_DATA_ERROR") throw new InflateFailure((error as Error).message);
  if (code === "Z_BUF_ERROR" || code === "Z_NEED_DICT") throw new InflateFailure(null);
  throw error;
}

/** One output chunk as large as the expected output (so a good guess means one exact buffer and no copy). */
function chunkSizeFor(input: Uint8Array, sizeHint: number | undefined): number {
  if (sizeHint !== undefined && sizeHint > 0 && sizeHint < MAX_SIZE_HINT) return Math.max(sizeHint, 64);
  return Math.min(Math.max(input.byteLength * 4, MIN_CHUNK), MAX_GUESS);
}

/** A decoded stream: its bytes, how much of the input it took, and (when asked for and known) its CRC-32. */
interface Inflated {
  output: Uint8Array<ArrayBuffer>;
  consumed: number;
  /** The output's CRC-32, when the addon took it on the way. */
  crc32: number | undefined;
}

let host: HostInflate | null | undefined;
/** Where the addon reports the input taken and the CRC-32. */
let hostInfo: { withCrc: Float64Array; withoutCrc: Float64Array } | undefined;

/**
 * zlib's inflate of one stream by the addon, called as node:zlib calls it
 * (`windowBits` as node:zlib passes it to zlib, the same `chunkSize`), so the
 * outcome is node:zlib's. Undefined where there is no addon, and for the
 * outcomes node:zlib would report in some other way than below (an out of
 * memory, say): the caller then asks node:zlib, for its very behaviour.
 */
function inflateOnHost(input: Uint8Array, windowBits: number, chunkSize: number, withCrc: boolean): Inflated | undefined {
  host ??= hostInflate() ?? null;
  if (host === null) return undefined;
  hostInfo ??= { withCrc: new Float64Array(2), withoutCrc: new Float64Array(1) };
  const info = withCrc ? hostInfo.withCrc : hostInfo.withoutCrc;
  const outcome = host(input, windowBits, chunkSize, info);
  if (typeof outcome === "object") {
    return { output: ownedUint8Array(outcome), consumed: info[0]!, crc32: withCrc ? info[1]! : undefined };
  }
  // As node:zlib's errors are read in asFailure: a message for corrupt data, none for truncation or a missing dictionary.
  if (typeof outcome === "string" && outcome !== "") throw new InflateFailure(outcome);
  if (outcome === Z_BUF_ERROR || outcome === Z_NEED_DICT) throw new InflateFailure(null);
  return undefined;
}

/** A raw DEFLATE stream: its bytes and how much of `input` it took (the rest is trailer or ignored). */
function inflateRaw(input: Uint8Array, window: number, sizeHint?: number, withCrc = false): Inflated {
  const onHost = inflateOnHost(input, -window, chunkSizeFor(input, sizeHint), withCrc);
  if (onHost !== undefined) return onHost;
  try {
    const settings = { windowBits: window, chunkSize: chunkSizeFor(input, sizeHint), info: true };
    // With `info`, node:zlib returns the engine too: bytesWritten is how much input the stream used.
    const { buffer, engine } = zlib.inflateRawSync(input, settings) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return { output: ownedUint8Array(buffer), consumed: engine.bytesWritten, crc32: undefined };
  } catch (error) {
    return asFailure(error);
  }
}

function inflateZlibFormat(input: Uint8Array, window: number): Uint8Array<ArrayBuffer> {
  const onHost = inflateOnHost(input, window, chunkSizeFor(input, undefined), false);
  if (onHost !== undefined) return onHost.output;
  try {
    return ownedUint8Array(zlib.inflateSync(input, { windowBits: window, chunkSize: chunkSizeFor(input, undefined) }));
  } catch (error) {
    return asFailure(error);
  }
}

function readUint16LE(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function requireBytes(input: Uint8Array, at: number, count: number): void {
  if (at + count > input.byteLength) throw new InflateFailure(null);
}

/** The end of a zero-terminated header field (FNAME, FCOMMENT). */
function skipZeroTerminated(input: Uint8Array, at: number): number {
  const end = input.indexOf(0, at);
  if (end === -1) throw new InflateFailure(null);
  return end + 1;
}

/** Where the DEFLATE data starts, checking the header field by field in zlib's order with zlib's messages. */
function gzipHeaderLength(input: Uint8Array, verifyHeaderCrc: boolean): number {
  requireBytes(input, 0, 2);
  if (input[0] !== GZIP_ID1 || input[1] !== GZIP_ID2) throw new InflateFailure("incorrect header check");
  requireBytes(input, 2, 2);
  if (input[2] !== DEFLATED) throw new InflateFailure("unknown compression method");
  const flags = input[3]!;
  if (flags & RESERVED_FLAGS) throw new InflateFailure("unknown header flags set");
  requireBytes(input, 4, GZIP_FIXED_HEADER - 4);
  let at = GZIP_FIXED_HEADER;
  if (flags & FEXTRA) {
    requireBytes(input, at, 2);
    const extraLength = readUint16LE(input, at);
    requireBytes(input, at + 2, extraLength);
    at += 2 + extraLength;
  }
  if (flags & FNAME) at = skipZeroTerminated(input, at);
  if (flags & FCOMMENT) at = skipZeroTerminated(input, at);
  if (flags & FHCRC) {
    requireBytes(input, at, 2);
    if (verifyHeaderCrc && readUint16LE(input, at) !== (zlib.crc32(input.subarray(0, at)) & 0xffff)) {
      throw new InflateFailure("header crc mismatch");
    }
    at += 2;
  }
  return at;
}

/** The first gzip member of `input`; whatever follows it is ignored, as zlib's inflate does. */
function gunzipFirstMember(input: Uint8Array, window: number, verifyHeaderCrc: boolean): Uint8Array<ArrayBuffer> {
  const headerLength = gzipHeaderLength(input, verifyHeaderCrc);
  // ISIZE of a single-member file: the exact output size, so one buffer fits it.
  const sizeHint = input.byteLength > 64 ? readUint32LE(input, input.byteLength - 4) : undefined;
  const { output, consumed, crc32 } = inflateRaw(input.subarray(headerLength), window, sizeHint, true);
  const trailer = headerLength + consumed;
  requireBytes(input, trailer, 4);
  if (readUint32LE(input, trailer) !== (crc32 ?? zlib.crc32(output))) throw new InflateFailure("incorrect data check");
  requireBytes(input, trailer + 4, 4);
  if (readUint32LE(input, trailer + 4) !== output.byteLength % 2 ** 32) throw new InflateFailure("incorrect length check");
  return output;
}

/** What zlib's inflateInit2 accepts: -8..-15 (raw), 0 or 8..15 (zlib), 16+ (gzip), 32+ (either). */
function validWindowBits(windowBits: number): boolean {
  if (windowBits < 0) return windowBits >= -15 && windowBits <= -8;
  const window = windowBits < 48 ? windowBits & 15 : windowBits;
  return window === 0 || (window >= 8 && window <= 15);
}

/** zlib's inflate with Bun's windowBits: the sign and the 16/32 bits pick the wrapper. */
function inflateWithWindowBits(input: Uint8Array, windowBits: number): Uint8Array<ArrayBuffer> {
  if (!validWindowBits(windowBits)) throw zlibError("Zlib error: Invalid argument");
  if (windowBits < 0) return inflateRaw(input, -windowBits).output;
  const window = windowBits & 15;
  const gzipAllowed = windowBits >= 16;
  const zlibAllowed = windowBits < 16 || windowBits >= 32;
  if (gzipAllowed && input[0] === GZIP_ID1 && input[1] === GZIP_ID2) return gunzipFirstMember(input, window || 15, true);
  if (zlibAllowed) return inflateZlibFormat(input, window);
  requireBytes(input, 0, 2);
  throw new InflateFailure("incorrect header check");
}

/**
 * `library: "libdeflate"`: libdeflate's whole-buffer decoders, reproduced with
 * zlib (the decoded bytes of a valid stream are the same; windowBits is ignored
 * and the gzip header CRC is not checked, as libdeflate does), every failure
 * being libdeflate's one "bad data".
 */
function decompressLikeLibdeflate(input: Uint8Array, container: Container): Uint8Array<ArrayBuffer> {
  try {
    return container === "gzip" ? gunzipFirstMember(input, 15, false) : inflateRaw(input, 15).output;
  } catch (error) {
    if (error instanceof InflateFailure) throw zlibError("libdeflate returned an error: bad data");
    throw error;
  }
}

/** Decompress as Bun.gunzipSync (default windowBits 31) or Bun.inflateSync (default -15, raw). */
export function decompress(input: Uint8Array, container: Container, options: DecompressOptions): Uint8Array<ArrayBuffer> {
  if (options.library === "libdeflate") return decompressLikeLibdeflate(input, container);
  try {
    return inflateWithWindowBits(input, options.windowBits ?? (container === "gzip" ? 31 : -15));
  } catch (error) {
    if (error instanceof InflateFailure) throw zlibError(error.zlibMessage ?? "Zlib returned an error");
    throw error;
  }
}
