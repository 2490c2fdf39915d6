// The link between two commands of a pipeline: a Unix socket pair from
// @dx-compat/native, as Bun's shell joins its stages (so a writer whose reader
// left unread data gets ECONNRESET, as under Bun). An external command gets
// its end as a plain descriptor, so the bytes between two external commands
// never pass through JavaScript (each hop through this thread's event loop
// costs a wake-up per chunk, and two streams per command); a built-in writes
// into its end through a socket, asynchronously, since its reader may be
// slower than it.
import { socketPair } from "@dx-compat/native";
import { closeSync } from "node:fs";
import { Socket } from "node:net";
import type { Output, Stdio } from "./io.ts";

export class PipeLink {
  #read: number;
  #write: number;
  #writer: Socket | null = null;

  private constructor(read: number, write: number) {
    this.#read = read;
    this.#write = write;
  }

  /** A new link, or null where none can be made (no addon, or out of descriptors). */
  static open(): PipeLink | null {
    const pair = socketPair();
    return typeof pair === "number" ? null : new PipeLink(pair.read, pair.write);
  }

  /** The read end for a child's stdin; -1 once closed. */
  get readFd(): number {
    return this.#read;
  }

  /** The write end for a child's stdout or stderr; -1 once closed or taken by a stream. */
  get writeFd(): number {
    return this.#writer === null ? this.#write : -1;
  }

  /**
   * The write end as a stream, for a built-in (made once; it owns the
   * descriptor). When the reader is gone it is destroyed, and writes see a
   * broken pipe.
   */
  writer(): Socket {
    if (this.#writer === null) {
      const socket = new Socket({ fd: this.#write, readable: false, writable: true });
      // EPIPE once the reader is gone: the writer's next write sees the socket destroyed.
      socket.on("error", () => {});
      this.#writer = socket;
    }
    return this.#writer;
  }

  /** Done writing: the reader sees the end of its input once every child holding the end has exited. */
  closeWrite(): void {
    if (this.#writer !== null) {
      if (!this.#writer.destroyed) this.#writer.end();
    } else if (this.#write >= 0) {
      closeSync(this.#write);
    }
    this.#write = -1;
  }

  /** Done reading: writers still running get EPIPE or ECONNRESET (a child, SIGPIPE for EPIPE). */
  closeRead(): void {
    if (this.#read >= 0) closeSync(this.#read);
    this.#read = -1;
  }
}

/**
 * A command's own (last) use of its stage's links is over once it has been
 * spawned: the child holds its copies, and the shell's must go at once, so
 * that the reader sees the end of its input when the writer exits.
 */
export function releaseLinks(io: Stdio): void {
  if (io.stdin.kind === "link") io.stdin.link.closeRead();
  if (io.stdout.kind === "link") io.stdout.link.closeWrite();
  if (io.stderr.kind === "link") io.stderr.link.closeWrite();
}

/** A built-in's view of its stdio: a link to write into becomes its stream; it never reads stdin. */
export function builtinStdio(io: Stdio): Stdio {
  if (io.stdout.kind !== "link" && io.stderr.kind !== "link") return io;
  const asStream = (output: Output): Output => (output.kind === "link" ? { kind: "pipe", stream: output.link.writer() } : output);
  return { stdin: io.stdin, stdout: asStream(io.stdout), stderr: asStream(io.stderr) };
}
