// BunFile.writer(): Bun's FileSink, an incremental writer. The file is opened
// at the first write; chunks are buffered and written, in order, by
// `flush()`/`end()` or once 64 KiB (or a larger high-water mark) are waiting.
// Writes are synchronous, as Bun's are for files: `flush()` returns the number
// of bytes it wrote and a failed write throws Bun's error.
import { closeSync, constants, openSync, writeSync } from "node:fs";
import type { FileSink as BunFileSink } from "bun";
import { bunFsError } from "./fs-error.ts";
import type { FileTarget } from "./target.ts";

/** Bun writes through once this much is buffered, whatever smaller high-water mark was asked for. */
const writeThrough = 64 * 1024;
const encoder = new TextEncoder();

type Chunk = string | ArrayBufferView | ArrayBuffer | SharedArrayBuffer;

function chunkBytes(chunk: Chunk): Uint8Array {
  if (typeof chunk === "string") return encoder.encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer || chunk instanceof SharedArrayBuffer) return new Uint8Array(chunk);
  return encoder.encode(String(chunk));
}

export class FileSink implements BunFileSink {
  readonly #target: FileTarget;
  #fd: number | undefined;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #highWaterMark: number;
  #ended = false;

  constructor(target: FileTarget, options?: { highWaterMark?: number }) {
    this.#target = target;
    this.#highWaterMark = validHighWaterMark(options?.highWaterMark);
  }

  /** Buffers `chunk`; returns its size in bytes. */
  write(chunk: Chunk): number {
    // Bun answers `true` once the sink has ended (and writes nothing).
    if (this.#ended) return true as unknown as number;
    this.#open();
    const bytes = chunkBytes(chunk);
    // Copied: the caller may reuse its buffer before the flush.
    this.#pending.push(typeof chunk === "string" ? bytes : bytes.slice());
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes >= Math.max(this.#highWaterMark, writeThrough)) this.#drain();
    return bytes.length;
  }

  /** Writes everything buffered; returns how many bytes that was. */
  flush(): number {
    if (this.#ended) return true as unknown as number;
    return this.#drain();
  }

  /** Flushes and closes the file (a descriptor the caller gave stays open). */
  end(error?: Error): number {
    if (this.#ended) return 0;
    const written = error ? 0 : this.#drain();
    this.#ended = true;
    if (this.#fd !== undefined && this.#target.kind === "path") closeSync(this.#fd);
    this.#fd = undefined;
    return written;
  }

  start(options?: { highWaterMark?: number }): void {
    if (options?.highWaterMark !== undefined) this.#highWaterMark = validHighWaterMark(options.highWaterMark);
  }

  // No handle keeps the event loop alive: writes are synchronous.
  ref(): void {}

  unref(): void {}

  #open(): number {
    if (this.#fd !== undefined) return this.#fd;
    if (this.#target.kind === "fd") return (this.#fd = this.#target.fd);
    try {
      // Bun's writer neither truncates nor appends: it writes from the start.
      this.#fd = openSync(this.#target.path, constants.O_WRONLY | constants.O_CREAT, 0o666);
    } catch (error) {
      throw bunFsError(error, this.#target.path);
    }
    return this.#fd;
  }

  #drain(): number {
    if (this.#pendingBytes === 0) return 0;
    const fd = this.#open();
    const chunks = this.#pending;
    const total = this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    try {
      for (const chunk of chunks) {
        for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
      }
    } catch (error) {
      throw bunFsError(error, this.#target.kind === "path" ? this.#target.path : undefined);
    }
    return total;
  }
}

function validHighWaterMark(value: unknown): number {
  return typeof value === "number" && value > 0 && Number.isFinite(value) ? value : writeThrough;
}
