import { selected } from "./internal/selected.ts";

/** A socket pair's two descriptors, owned by the caller: both close-on-exec and blocking. */
export interface SocketPair {
  /** The end to give a child as its stdin. */
  read: number;
  /** The end to give a child as its stdout (or stderr). */
  write: number;
}

const opened = new Int32Array(2);

/**
 * Opens a connected pair of Unix stream sockets meant to join two child
 * processes, as Bun's shell joins the commands of a pipeline: give `write` to
 * one as its stdout and `read` to the other as its stdin (`SpawnRequest`),
 * then close both here, and the bytes between them never pass through this
 * process. A positive errno when it fails (ENOSYS, 38, without the addon or
 * off Linux: Node itself makes no bare descriptors, so callers keep their
 * streams then).
 *
 * @example
 * ```ts
 * import { closeSync } from "node:fs";
 * import { socketPair, spawn } from "@dx-compat/native";
 * const pair = socketPair();
 * if (typeof pair !== "number") {
 *   const env = ["PATH=/usr/bin:/bin"];
 *   spawn({ file: "/usr/bin/seq", argv: ["seq", "3"], env, cwd: "", stdin: -1, stdout: pair.write, stderr: 2 }, () => {});
 *   spawn({ file: "/usr/bin/wc", argv: ["wc", "-l"], env, cwd: "", stdin: pair.read, stdout: 1, stderr: 2 }, () => {});
 *   closeSync(pair.read);
 *   closeSync(pair.write);
 * }
 * ```
 */
export function socketPair(): SocketPair | number {
  const errno = selected().binding.socketPair(opened);
  if (errno !== 0) return errno;
  return { read: opened[0] ?? -1, write: opened[1] ?? -1 };
}
