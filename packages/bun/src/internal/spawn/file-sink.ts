// Bun's FileSink over a child's stdin pipe: `write` buffers and returns the
// bytes taken (or a Promise of them when the pipe pushes back), `flush` returns
// what it flushed, `end` flushes and closes. After `end`, `write`/`flush` give
// `true` as Bun's do.
import type { Writable } from "node:stream";
import { bunCoded, invalidArgType } from "../errors.ts";

function toBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer || chunk instanceof SharedArrayBuffer) return new Uint8Array(chunk);
  const message = "write() expects a string, ArrayBufferView, or ArrayBuffer";
  if (chunk === null) throw bunCoded(message, "ERR_STREAM_NULL_VALUES", TypeError);
  throw invalidArgType(message);
}

const streams = new WeakMap<FileSink, Writable>();

export class FileSink {
  #pending = 0;
  #ended = false;
  #refs = 1;

  constructor(stream: Writable) {
    streams.set(this, stream);
    // A child that exits before reading makes writes fail with EPIPE: Bun drops them quietly.
    stream.on("error", () => {});
  }

  #stream(): Writable {
    return streams.get(this) as Writable;
  }

  #drained(result: number): number | Promise<number> {
    const stream = this.#stream();
    if (!stream.writableNeedDrain) return result;
    return new Promise((resolve) => {
      const done = (): void => {
        stream.off("drain", done);
        stream.off("close", done);
        resolve(result);
      };
      stream.on("drain", done);
      stream.on("close", done);
    });
  }

  write(chunk: string | ArrayBufferView | ArrayBuffer | SharedArrayBuffer): number | Promise<number> {
    const bytes = toBytes(chunk);
    if (this.#ended) return true as never;
    if (bytes.byteLength === 0) return 0;
    const stream = this.#stream();
    if (stream.destroyed) return true as never;
    stream.write(bytes);
    this.#pending += bytes.byteLength;
    return this.#drained(bytes.byteLength);
  }

  flush(): number | Promise<number> {
    if (this.#ended) return true as never;
    const flushed = this.#pending;
    this.#pending = 0;
    return this.#drained(flushed);
  }

  end(_error?: Error): number | Promise<number> {
    if (this.#ended) return 0;
    this.#ended = true;
    const flushed = this.#pending;
    this.#pending = 0;
    const stream = this.#stream();
    const pending = stream.writableNeedDrain;
    stream.end();
    if (!pending) return flushed;
    return new Promise((resolve) => stream.once("close", () => resolve(flushed)));
  }

  start(_options?: { highWaterMark?: number }): void {}

  ref(): void {
    this.#refs++;
    if (this.#refs === 1) (this.#stream() as Writable & { ref?: () => void }).ref?.();
  }

  unref(): void {
    if (this.#refs === 0) return;
    this.#refs--;
    if (this.#refs === 0) (this.#stream() as Writable & { unref?: () => void }).unref?.();
  }
}
