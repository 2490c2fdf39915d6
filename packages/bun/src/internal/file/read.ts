// Reading a BunFile's bytes: whole files through @dx-compat/native (its
// native read, or Node's fs where no binary loads), ranges and descriptors
// through Node's fs.
import { readFile as readWholeFile, readSmallFileSync } from "@dx-compat/native";
import { closeSync, fstat, fstatSync, openSync, readSync, readFile as readFd, readFileSync, statSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { bunFsError } from "./fs-error.ts";
import type { FileTarget } from "./target.ts";

/**
 * Regular files below this size are read synchronously and handed back as a
 * resolved promise: for them the whole read (open, fstat, read, close) takes
 * a few microseconds, less than the thread-pool round trip an asynchronous
 * read costs. Larger files, FIFOs and devices always take the asynchronous path.
 */
const syncReadLimit: number = 64 * 1024;

/** The bytes between `start` and `end` (exclusive; undefined = end of file). */
export interface Range {
  readonly start: number;
  readonly end: number | undefined;
}

export const wholeFile: Range = { start: 0, end: undefined };

function isWhole(range: Range): boolean {
  return range.start === 0 && range.end === undefined;
}

/** A Uint8Array that owns exactly its bytes (`bytes.buffer.byteLength === bytes.length`), as Bun returns. */
export function exactBytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  if (view.byteOffset === 0 && view.buffer.byteLength === view.length && view.buffer instanceof ArrayBuffer) {
    return new Uint8Array(view.buffer);
  }
  return new Uint8Array(view);
}

/** How many of a `size`-byte file's bytes `range` covers. */
function bytesInRange(range: Range, size: number): number {
  return Math.max(0, Math.min(range.end ?? size, size) - range.start);
}

function readFdAsync(fd: number): Promise<Buffer> {
  // fstat first, as Bun does: a closed descriptor fails there (EBADF, fstat),
  // where Node's readFile would report it as an unrelated TypeError.
  return new Promise((resolve, reject) =>
    fstat(fd, (statError) => {
      if (statError) return reject(statError);
      readFd(fd, (error, data) => (error ? reject(error) : resolve(data)));
    }),
  );
}

async function readRange(path: string, range: Range): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    const length = bytesInRange(range, size);
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(bytes, filled, length - filled, range.start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === length ? bytes : bytes.slice(0, filled);
  } finally {
    await handle.close();
  }
}

async function readAsync(target: FileTarget, range: Range): Promise<Uint8Array> {
  if (target.kind === "fd") return sliceOf(await readFdAsync(target.fd), range);
  if (!isWhole(range)) return readRange(target.path, range);
  return readWholeFile(target.path);
}

/**
 * A whole small regular file's bytes right away (see `syncReadLimit`), else
 * undefined for the caller to read asynchronously. Throws Bun's error.
 */
export function readQuickly(target: FileTarget, range: Range): Uint8Array | undefined {
  if (target.kind !== "path" || !isWhole(range)) return undefined;
  try {
    return readSmallFileSync(target.path, syncReadLimit);
  } catch (error) {
    throw bunFsError(error, target.path);
  }
}

function sliceOf(bytes: Uint8Array, range: Range): Uint8Array {
  return isWhole(range) ? bytes : bytes.subarray(range.start, range.end);
}

/** The file's bytes in `range`, rejecting with Bun's error. */
export async function readBytes(target: FileTarget, range: Range = wholeFile): Promise<Uint8Array> {
  try {
    return await readAsync(target, range);
  } catch (error) {
    throw bunFsError(error, target.kind === "path" ? target.path : undefined);
  }
}

/** The synchronous read Node's own Blob consumers need (see ./node-blob.ts). */
export function readBytesSync(target: FileTarget, range: Range = wholeFile): Uint8Array {
  try {
    if (target.kind === "fd") return sliceOf(readFileSync(target.fd), range);
    if (isWhole(range)) return readFileSync(target.path);
    const fd = openSync(target.path, "r");
    try {
      const size = fstatSync(fd).size;
      const bytes = new Uint8Array(bytesInRange(range, size));
      let filled = 0;
      while (filled < bytes.length) {
        const read = readSync(fd, bytes, filled, bytes.length - filled, range.start + filled);
        if (read === 0) break;
        filled += read;
      }
      return bytes.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw bunFsError(error, target.kind === "path" ? target.path : undefined);
  }
}

/** `stat` of the target, or undefined when it cannot be had (Bun's lazy getters never throw). */
export function statQuietly(target: FileTarget): Stats | undefined {
  try {
    return target.kind === "fd" ? fstatSync(target.fd) : statSync(target.path);
  } catch {
    return undefined;
  }
}
