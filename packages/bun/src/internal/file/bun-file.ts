// BunFile: Bun's lazy file-backed Blob. Nothing is opened or read until a
// method asks; reads go through ./read.ts (the native read where it loads).
import { fstat as fstatCallback, Stats } from "node:fs";
import { stat, unlink } from "node:fs/promises";
import { inspect } from "node:util";
import type { BunFile as BunFileType } from "bun";
import { notImplemented } from "@dx-compat/shared/errors";
import { parseJSON } from "@dx-compat/shared/json";
import { FileSink } from "./file-sink.ts";
import { bunFsError } from "./fs-error.ts";
import { explicitType, octetStream, typeForPath } from "./mime.ts";
import { lazyNodeInternals } from "./node-blob.ts";
import { exactBytes, readBytes, readBytesSync, readQuickly, statQuietly, wholeFile, type Range } from "./read.ts";
import { fileStream } from "./stream.ts";
import { provideFileTargets, type FileTarget } from "./target.ts";
import { writeTo } from "./write.ts";

/**
 * Bun's stand-in for a number it does not know yet: `lastModified` of a file
 * it cannot stat, and the size of a file whose `size` was never read — which
 * is what slices count negative indices from (so `slice(-5)` of such a file is
 * five bytes near 2^52, and reads nothing).
 */
const notKnown = 2 ** 52 - 1;

/** Bun's Stats: Node's class, with the own keys in Bun's order. */
const bunStatsKeys = ["dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "blksize", "blocks", "atimeMs", "mtimeMs", "ctimeMs", "birthtimeMs"] as const;

function bunStats(stats: Stats): Stats {
  const ordered = Object.create(Stats.prototype) as Record<string, unknown>;
  for (const key of bunStatsKeys) ordered[key] = stats[key];
  return ordered as unknown as Stats;
}

function fstat(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => fstatCallback(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
}

function decodeText(bytes: Uint8Array): string {
  const text = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString("utf8");
  // Bun drops a UTF-8 byte order mark, as TextDecoder does.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Blob.slice's index rule: negative counts from the end, then clamped to 0..size. */
function sliceIndex(index: number | undefined, size: number, otherwise: number): number {
  if (index === undefined) return otherwise;
  const whole = Math.trunc(index) || 0;
  return whole < 0 ? Math.max(size + whole, 0) : Math.min(whole, size);
}

/** Set by BunFile's static block: the sync read of a BunFile's own range. */
let readOwnBytes: (value: object) => Uint8Array | undefined;

export class BunFile extends Blob implements BunFileType {
  readonly #target: FileTarget;
  /** Explicit, or worked out from the path on first use (most reads never ask). */
  #type: string | undefined;
  readonly #range: Range;
  /** Node's view of this file, kept for the rest of the tick so its several internal reads agree. */
  #nodeBlob: Blob | undefined;
  /** The size last read through `size`: what slices count from (Bun's rule; see `notKnown`). */
  #sizeSeen: number | undefined;

  constructor(target: FileTarget, type: string | undefined, range: Range = wholeFile) {
    super();
    this.#target = target;
    this.#type = type;
    this.#range = range;
  }

  static {
    readOwnBytes = (value) => (#target in value ? readBytesSync(value.#target, value.#range) : undefined);
    provideFileTargets(
      (value) => (#target in value ? value.#target : undefined),
      (value) => (#target in value ? value.#range : undefined),
    );
    lazyNodeInternals(this.prototype, (instance) => (instance as BunFile).#asNodeBlob());
    Object.defineProperty(this.prototype, inspect.custom, {
      value(this: BunFile) {
        return this.#inspect();
      },
    });
  }

  // Bun declares `name?: string`; a getter cannot be optional, so the type says string.
  get name(): string {
    return (this.#target.kind === "path" ? this.#target.path : undefined) as string;
  }

  override get type(): string {
    return (this.#type ??= defaultType(this.#target));
  }

  override get size(): number {
    if (this.#nodeBlob) return this.#nodeBlob.size;
    const { start, end } = this.#range;
    // A slice's size is fixed when it is made, as in Bun, whatever the file holds.
    if (end !== undefined) return end - start;
    const stats = statQuietly(this.#target);
    if (!stats) return 0;
    // Pipes, terminals and devices have no size to give.
    const size = stats.isFile() || stats.isDirectory() ? stats.size : Infinity;
    this.#sizeSeen = size;
    return size;
  }

  get lastModified(): number {
    const stats = statQuietly(this.#target);
    return stats ? Math.trunc(stats.mtimeMs) : notKnown;
  }

  override text(): Promise<string> {
    return this.#read(decodeText);
  }

  override json(): Promise<unknown> {
    return this.#read((bytes) => {
      const text = decodeText(bytes);
      // Bun checks for an empty body before parsing, with its own words.
      if (text.length === 0) throw new SyntaxError("Unexpected end of JSON input");
      return parseJSON(text);
    });
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#read(exactBytes);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read((bytes) => exactBytes(bytes).buffer);
  }

  /** Reads, then converts; a small regular file is read at once (see `readQuickly`). */
  #read<T>(convert: (bytes: Uint8Array) => T): Promise<T> {
    try {
      const quick = readQuickly(this.#target, this.#range);
      if (quick) return Promise.resolve(convert(quick));
    } catch (error) {
      return Promise.reject(error);
    }
    return readBytes(this.#target, this.#range).then(convert);
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return fileStream(this.#target, this.#range) as ReadableStream<Uint8Array<ArrayBuffer>>;
  }

  override async formData(): Promise<FormData> {
    const type = this.type.toLowerCase();
    if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) {
      // Bun's words for a body that is not form data.
      throw new Error("Invalid encoding");
    }
    const body = new Response(await this.bytes(), { headers: { "content-type": this.type } });
    return (await body.formData()) as unknown as FormData;
  }

  override image(): never {
    throw notImplemented("Bun.file().image", "Bun.Image (image decoding and transforms) is not available on Node");
  }

  override slice(begin?: number | string, end?: number | string, contentType?: string): BunFile {
    if (typeof begin === "string") return this.#sliced(undefined, undefined, begin);
    if (typeof end === "string") return this.#sliced(begin, undefined, end);
    return this.#sliced(begin, end, contentType);
  }

  #sliced(begin: number | undefined, end: number | undefined, contentType: string | undefined): BunFile {
    const { start, end: limit } = this.#range;
    const size = limit === undefined ? (this.#sizeSeen ?? notKnown) : limit - start;
    // Bun slices a file it knows to be empty into a plain empty Blob, without a type.
    if (limit === undefined && size === 0) return new Blob([]) as BunFile;
    const from = sliceIndex(begin, size, 0);
    const to = sliceIndex(end, size, size);
    const range: Range = { start: start + from, end: start + Math.max(from, to) };
    const type = contentType === undefined ? this.type : (explicitType(contentType) ?? "");
    return new BunFile(this.#target, type, range);
  }

  async exists(): Promise<boolean> {
    if (this.#target.kind === "fd") return statQuietly(this.#target) !== undefined;
    try {
      return !(await stat(this.#target.path)).isDirectory();
    } catch {
      return false;
    }
  }

  async stat(): Promise<Stats> {
    try {
      const stats = this.#target.kind === "path" ? await stat(this.#target.path) : await fstat(this.#target.fd);
      return bunStats(stats);
    } catch (error) {
      throw bunFsError(error);
    }
  }

  async delete(): Promise<void> {
    if (this.#target.kind === "fd") throw notImplemented("Bun.file(fd).delete", "a file descriptor has no path to unlink");
    try {
      await unlink(this.#target.path);
    } catch (error) {
      throw bunFsError(error);
    }
  }

  unlink(): Promise<void> {
    return this.delete();
  }

  /** `Bun.write(this, data)`: replaces the file (creating missing folders); `highWaterMark` only matters to a streamed write, which this is not. */
  write(data: Parameters<BunFileType["write"]>[0], _options?: { highWaterMark?: number }): Promise<number> {
    return writeTo(this, data);
  }

  writer(options?: { highWaterMark?: number }): FileSink {
    return new FileSink(this.#target, options);
  }

  #asNodeBlob(): Blob {
    if (!this.#nodeBlob) {
      this.#nodeBlob = new Blob([readBytesSync(this.#target, this.#range) as Uint8Array<ArrayBuffer>], { type: this.type });
      queueMicrotask(() => (this.#nodeBlob = undefined));
    }
    return this.#nodeBlob;
  }

  /** Bun's inspect form: `FileRef ("path") { type: … }` (installed as `util.inspect.custom`). */
  #inspect(): string {
    const head = this.#target.kind === "path" ? `FileRef (${JSON.stringify(this.#target.path)})` : `FileRef (fd: ${this.#target.fd})`;
    const type = `  type: ${JSON.stringify(this.type)}`;
    if (this.#range.start === 0) return `${head} {\n${type}\n}`;
    return `${head} {\n${type},\n  offset: ${this.#range.start}\n\n}`;
  }
}

/** A BunFile's bytes (its slice, if a slice), read now; undefined for anything else. */
export function fileBytesSync(value: Blob): Uint8Array | undefined {
  return readOwnBytes(value);
}

function defaultType(target: FileTarget): string {
  return target.kind === "path" ? typeForPath(target.path) : octetStream;
}

