// Where a command reads and writes: the shell's captured output (echoed to the
// parent's stdout/stderr unless quiet), a file descriptor from a redirect, a
// JS buffer, the pipe to the next pipeline stage (a stream, or a socket pair
// between two commands: see pipe-link.ts), or nowhere.
import { writeSync } from "node:fs";
import type { PassThrough, Writable } from "node:stream";
import type { PipeLink } from "./pipe-link.ts";

/** One of the shell's two captured streams. */
export class Capture {
  readonly chunks: Uint8Array[] = [];
  length = 0;
  readonly echo: { write(chunk: Uint8Array): unknown } | null;

  constructor(echo: { write(chunk: Uint8Array): unknown } | null) {
    this.echo = echo;
  }

  add(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
    this.echo?.write(chunk);
  }

  /** A Buffer that owns exactly its bytes (`.buffer` is not a shared pool, as in Bun). */
  toBuffer(): Buffer {
    const out = Buffer.from(new ArrayBuffer(this.length));
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

export type Output =
  | { readonly kind: "capture"; readonly capture: Capture }
  | { readonly kind: "fd"; readonly fd: number }
  | { readonly kind: "buffer"; readonly bytes: Uint8Array; offset: number }
  | { readonly kind: "pipe"; readonly stream: Writable }
  | { readonly kind: "link"; readonly link: PipeLink }
  | { readonly kind: "ignore" };

export type Input =
  | { readonly kind: "fd"; readonly fd: number }
  | { readonly kind: "bytes"; readonly data: Uint8Array }
  | { readonly kind: "pipe"; readonly stream: PassThrough }
  | { readonly kind: "link"; readonly link: PipeLink }
  | { readonly kind: "null" };

export interface Stdio {
  readonly stdin: Input;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** Writing into a pipe whose reader has finished. */
export class BrokenPipe extends Error {}

function writeAll(fd: number, chunk: Uint8Array): void {
  for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
}

function waitDrain(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      stream.off("drain", done);
      stream.off("close", closed);
      resolve();
    };
    const closed = (): void => {
      stream.off("drain", done);
      reject(new BrokenPipe());
    };
    stream.on("drain", done);
    stream.once("close", closed);
  });
}

/** Writes one chunk; a promise only when a pipe asks the writer to wait. */
export function write(out: Output, data: Uint8Array | string): void | Promise<void> {
  const chunk = typeof data === "string" ? Buffer.from(data) : data;
  switch (out.kind) {
    case "capture":
      out.capture.add(chunk);
      return;
    case "fd":
      writeAll(out.fd, chunk);
      return;
    case "buffer": {
      const room = out.bytes.length - out.offset;
      if (room > 0) out.bytes.set(chunk.subarray(0, room), out.offset);
      out.offset += Math.min(room, chunk.length);
      return;
    }
    case "pipe":
      if (out.stream.destroyed || out.stream.writableEnded) return Promise.reject(new BrokenPipe());
      if (!out.stream.write(chunk)) return waitDrain(out.stream);
      return;
    case "link":
      // A command's stage links become streams (built-ins) or descriptors (external commands) before it runs.
      throw new Error("[dx-compat] Bun.$: internal error: a pipeline link written to directly");
    case "ignore":
      return;
  }
}
