// Bun's zstd functions on node:zlib's zstd (Node >= 22.15 / 23.8).
//
// Compression: one frame, written in one step into a buffer of
// ZSTD_compressBound bytes with the input size pledged, which is what Bun's
// ZSTD_compress produces, byte for byte.
//
// Decompression follows Bun's decompressAlloc: the frames are first walked
// (ZSTD_findDecompressedSize) — a malformed layout is "InvalidZstdData";
// frames whose sizes are all declared and total at most 16 MiB are decoded in
// one step ("DecompressionFailed" on error), anything else by streaming
// ("ZstdDecompressionError"). Every frame is decoded, concatenated.
import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { notImplemented } from "@dx-compat/shared/errors";
import { ownedBuffer } from "./input.ts";
import { zstdError } from "./options.ts";

const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_START = 0x184d2a50;
const FRAME_HEADER_PREFIX = 5;
const BLOCK_HEADER = 3;
const CHECKSUM = 4;
const WINDOWLOG_MIN = 10;
const WINDOWLOG_MAX = 31;
const RLE_BLOCK = 1;
const RESERVED_BLOCK = 3;
const MAX_ONE_STEP = 16 * 1024 * 1024;
const MIN_CHUNK = 64;

/** What ZSTD_findDecompressedSize reports: the total, "unknown" (a frame without a size) or "error". */
type FrameSizes = number | "unknown" | "error";

interface ZstdBinding {
  zstdCompressSync: (typeof zlib)["zstdCompressSync"];
  zstdDecompressSync: (typeof zlib)["zstdDecompressSync"];
}

/** node:zlib's zstd, or the clear error for a Node without it. */
function binding(api: string): ZstdBinding {
  const candidate = zlib as Partial<ZstdBinding>;
  if (typeof candidate.zstdCompressSync !== "function" || typeof candidate.zstdDecompressSync !== "function") {
    throw notImplemented(api, `needs node:zlib's zstd (Node >= 22.15 or >= 23.8); this is Node ${process.versions.node}`);
  }
  return candidate as ZstdBinding;
}

function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function readUintLE(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = length - 1; i >= 0; i--) value = value * 256 + bytes[at + i]!;
  return value;
}

/** ZSTD_compressBound. */
function compressBound(size: number): number {
  const small = size < 128 * 1024 ? (128 * 1024 - size) >> 11 : 0;
  return size + Math.floor(size / 256) + small;
}

interface FrameHeader {
  length: number;
  contentSize: number | "unknown";
  hasChecksum: boolean;
}

/** A zstd frame header (ZSTD_getFrameHeader), or undefined where zstd reports an error or wants more input. */
function frameHeader(src: Uint8Array, at: number): FrameHeader | undefined {
  const available = src.byteLength - at;
  if (available < FRAME_HEADER_PREFIX || readUint32LE(src, at) !== ZSTD_MAGIC) return undefined;
  const descriptor = src[at + 4]!;
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3]!;
  const singleSegment = (descriptor >> 5) & 1;
  const sizeFlag = descriptor >> 6;
  const sizeBytes = [singleSegment, 2, 4, 8][sizeFlag]!;
  const length = FRAME_HEADER_PREFIX + (singleSegment ? 0 : 1) + dictionaryIdBytes + sizeBytes;
  if (available < length || descriptor & 0x08) return undefined;
  let cursor = at + FRAME_HEADER_PREFIX;
  if (!singleSegment) {
    if ((src[cursor]! >> 3) + WINDOWLOG_MIN > WINDOWLOG_MAX) return undefined;
    cursor += 1;
  }
  cursor += dictionaryIdBytes;
  let contentSize: number | "unknown" = "unknown";
  if (sizeBytes > 0) contentSize = readUintLE(src, cursor, sizeBytes) + (sizeBytes === 2 ? 256 : 0);
  return { length, contentSize, hasChecksum: ((descriptor >> 2) & 1) === 1 };
}

/** ZSTD_findFrameCompressedSize for a zstd frame: the header, every block, the checksum. */
function frameLength(src: Uint8Array, at: number, header: FrameHeader): number | undefined {
  let cursor = at + header.length;
  for (;;) {
    if (src.byteLength - cursor < BLOCK_HEADER) return undefined;
    const blockHeader = src[cursor]! | (src[cursor + 1]! << 8) | (src[cursor + 2]! << 16);
    const type = (blockHeader >> 1) & 3;
    if (type === RESERVED_BLOCK) return undefined;
    const size = type === RLE_BLOCK ? 1 : blockHeader >>> 3;
    if (BLOCK_HEADER + size > src.byteLength - cursor) return undefined;
    cursor += BLOCK_HEADER + size;
    if (blockHeader & 1) break;
  }
  if (header.hasChecksum) {
    if (src.byteLength - cursor < CHECKSUM) return undefined;
    cursor += CHECKSUM;
  }
  return cursor - at;
}

/** ZSTD_findDecompressedSize: it stops at the first frame without a declared size. */
function findDecompressedSize(src: Uint8Array): FrameSizes {
  let total = 0;
  let at = 0;
  while (src.byteLength - at >= FRAME_HEADER_PREFIX) {
    if ((readUint32LE(src, at) & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_START) {
      if (src.byteLength - at < 8) return "error";
      const skippable = 8 + readUint32LE(src, at + 4);
      if (skippable > src.byteLength - at) return "error";
      at += skippable;
      continue;
    }
    const header = frameHeader(src, at);
    if (header === undefined) return "error";
    if (header.contentSize === "unknown") return "unknown";
    total += header.contentSize;
    const length = frameLength(src, at, header);
    if (length === undefined) return "error";
    at += length;
  }
  return at === src.byteLength ? total : "error";
}

/** Bun's failure name for the decoding path the frame sizes choose. */
function decodeFailureName(sizes: number | "unknown"): string {
  return sizes === "unknown" || sizes > MAX_ONE_STEP ? "ZstdDecompressionError" : "DecompressionFailed";
}

function chunkSizeFor(sizes: number | "unknown", input: Uint8Array): number {
  if (sizes === "unknown" || sizes > MAX_ONE_STEP) return Math.min(Math.max(input.byteLength * 4, 64 * 1024), MAX_ONE_STEP);
  return Math.max(sizes, MIN_CHUNK);
}

function concatFrames(frames: Uint8Array[]): Buffer<ArrayBuffer> {
  if (frames.length === 1) return ownedBuffer(frames[0]!);
  const total = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
  const output = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const frame of frames) {
    output.set(frame, at);
    at += frame.byteLength;
  }
  return output;
}

/** The frames' layout checked first, as Bun does: the error name for a malformed layout is its own. */
function plannedSizes(input: Uint8Array): number | "unknown" {
  const sizes = findDecompressedSize(input);
  if (sizes === "error") throw zstdError("Decompression failed: InvalidZstdData");
  return sizes;
}

/** Bun.zstdCompressSync's work. */
export function compressZstd(input: Uint8Array, level: number): Buffer<ArrayBuffer> {
  const zstd = binding("Bun.zstdCompressSync");
  const output = zstd.zstdCompressSync(input, {
    params: { [zlib.constants.ZSTD_c_compressionLevel]: level },
    pledgedSrcSize: input.byteLength,
    chunkSize: Math.max(compressBound(input.byteLength), MIN_CHUNK),
  });
  return ownedBuffer(output);
}

/** Bun.zstdDecompressSync's work: every frame, in order. */
export function decompressZstd(input: Uint8Array): Buffer<ArrayBuffer> {
  const zstd = binding("Bun.zstdDecompressSync");
  const sizes = plannedSizes(input);
  const chunkSize = chunkSizeFor(sizes, input);
  const frames: Uint8Array[] = [];
  let at = 0;
  try {
    while (at < input.byteLength) {
      const { buffer, engine } = zstd.zstdDecompressSync(input.subarray(at), { chunkSize, info: true }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      if (engine.bytesWritten === 0) throw new Error("no progress");
      frames.push(buffer);
      at += engine.bytesWritten;
    }
  } catch {
    throw zstdError(`Decompression failed: ${decodeFailureName(sizes)}`);
  }
  return frames.length === 0 ? Buffer.from(new ArrayBuffer(0)) : concatFrames(frames);
}

type AsyncZstd = (input: Uint8Array, options: zlib.ZstdOptions & { info?: boolean }, callback: (error: Error | null, result: unknown) => void) => void;

function callAsync(run: AsyncZstd, input: Uint8Array, options: zlib.ZstdOptions & { info?: boolean }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    run(input, options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Bun.zstdCompress's work, on libuv's thread pool. */
export async function compressZstdAsync(input: Uint8Array, level: number): Promise<Buffer<ArrayBuffer>> {
  binding("Bun.zstdCompress");
  const options = {
    params: { [zlib.constants.ZSTD_c_compressionLevel]: level },
    pledgedSrcSize: input.byteLength,
    chunkSize: Math.max(compressBound(input.byteLength), MIN_CHUNK),
  };
  try {
    return ownedBuffer((await callAsync(zlib.zstdCompress as unknown as AsyncZstd, input, options)) as Buffer);
  } catch (error) {
    throw zstdError(error instanceof Error ? error.message : String(error));
  }
}

/** Bun.zstdDecompress's work, frame by frame on libuv's thread pool. */
export async function decompressZstdAsync(input: Uint8Array): Promise<Buffer<ArrayBuffer>> {
  binding("Bun.zstdDecompress");
  const sizes = plannedSizes(input);
  const chunkSize = chunkSizeFor(sizes, input);
  const frames: Uint8Array[] = [];
  let at = 0;
  try {
    while (at < input.byteLength) {
      const result = (await callAsync(zlib.zstdDecompress as unknown as AsyncZstd, input.subarray(at), { chunkSize, info: true })) as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      if (result.engine.bytesWritten === 0) throw new Error("no progress");
      frames.push(result.buffer);
      at += result.engine.bytesWritten;
    }
  } catch {
    throw zstdError(`Decompression failed: ${decodeFailureName(sizes)}`);
  }
  return frames.length === 0 ? Buffer.from(new ArrayBuffer(0)) : concatFrames(frames);
}
