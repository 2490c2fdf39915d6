// Bun.write(destination, input): the destination resolved to a path or a
// descriptor, the input turned into bytes (or, for a whole file into a path,
// copied by the kernel), then written completely or rejected with the reason.
import { write as writeFd } from "node:fs";
import { copyFile, mkdir, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describeReceived, invalidArgType } from "../errors.ts";
import { bunFsError, isSystemError } from "./fs-error.ts";
import { openTarget } from "./open-target.ts";
import { fileTarget, type FileTarget } from "./target.ts";

const encoder = new TextEncoder();

export interface WriteOptions {
  /** Create missing parent folders (default true, as in Bun). */
  createPath?: boolean;
  /** Accepted for Bun's signature; Bun 1.4.5 creates files with the default mode whatever it says. */
  mode?: number;
}

export function urlPath(url: URL): string {
  if (url.protocol !== "file:") {
    const error = new TypeError('URL must be a non-empty "file:" path');
    // Bun's code here is not an own enumerable key.
    Object.defineProperty(error, "code", { value: "ERR_INVALID_URL_SCHEME", enumerable: false, configurable: true, writable: true });
    throw error;
  }
  return fileURLToPath(url);
}

/** Where Bun.write puts the bytes. */
function destinationTarget(destination: unknown): FileTarget {
  const target = fileTarget(destination);
  if (target) return target;
  const isPathLike =
    typeof destination === "string" ||
    typeof destination === "number" ||
    destination instanceof URL ||
    ArrayBuffer.isView(destination) ||
    destination instanceof ArrayBuffer;
  if (isPathLike) return openTarget(destination, urlPath);
  throw invalidArgType(`The "destination" argument must be of type path, file descriptor, or Blob. ${describeReceived(destination)}`);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

async function streamBytes(stream: ReadableStream<unknown>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as AsyncIterable<unknown>) parts.push(await inputBytes(chunk));
  return concat(parts);
}

/** Any input Bun.write accepts, as bytes. */
async function inputBytes(input: unknown): Promise<Uint8Array> {
  if (typeof input === "string") return encoder.encode(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer || input instanceof SharedArrayBuffer) return new Uint8Array(input);
  if (input === null || input === undefined) {
    throw invalidArgType("Bun.write(pathOrFdOrBlob, blob) expects a Blob-y thing to write");
  }
  if (input instanceof Blob) return new Uint8Array(await input.arrayBuffer());
  if (input instanceof Response || input instanceof Request) return new Uint8Array(await input.arrayBuffer());
  if (input instanceof ReadableStream) return streamBytes(input);
  if (Array.isArray(input)) return concat(await Promise.all(input.map(inputBytes)));
  // Bun, unlike String(), refuses to stringify a symbol.
  if (typeof input === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return encoder.encode(String(input));
}

function writeAllToFd(fd: number, bytes: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    let done = 0;
    const next = (): void => {
      if (done === bytes.length) return resolve(done);
      // position null: a caller's descriptor is written where it stands.
      writeFd(fd, bytes, done, bytes.length - done, null, (error, written) => {
        if (error) return reject(error);
        done += written;
        next();
      });
    };
    next();
  });
}

async function openForWrite(path: string, createPath: boolean) {
  try {
    return await open(path, "w");
  } catch (error) {
    if (!createPath || !isSystemError(error) || error.code !== "ENOENT") throw error;
    await mkdir(dirname(path), { recursive: true });
    return open(path, "w");
  }
}

async function writeToPath(path: string, bytes: Uint8Array, createPath: boolean): Promise<number> {
  const handle = await openForWrite(path, createPath);
  try {
    for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
  } finally {
    await handle.close();
  }
  return bytes.length;
}

/** A whole file into a path: the kernel copies (copy_file_range/sendfile), nothing passes through JavaScript. */
async function copyWholeFile(from: string, to: string, createPath: boolean): Promise<number> {
  try {
    await copyFile(from, to);
  } catch (error) {
    // ENOENT names either end; only a missing destination folder is ours to create.
    if (!createPath || !isSystemError(error) || error.code !== "ENOENT" || !(await exists(from))) throw error;
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
  }
  return (await stat(to)).size;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function writeTo(destination: unknown, input: unknown, options?: WriteOptions): Promise<number> {
  const target = destinationTarget(destination);
  const createPath = options?.createPath !== false;
  const source = fileTarget(input);
  const where = target.kind === "path" ? target.path : undefined;
  try {
    if (source?.kind === "path" && target.kind === "path") return await copyWholeFile(source.path, target.path, createPath);
    const bytes = await inputBytes(input);
    return target.kind === "fd" ? await writeAllToFd(target.fd, bytes) : await writeToPath(target.path, bytes, createPath);
  } catch (error) {
    throw bunFsError(error, where);
  }
}
