import { selected } from "./internal/selected.ts";

/** A pseudo-terminal pair's descriptors, owned by the caller (all close-on-exec). */
export interface PtyPair {
  /** The master: non-blocking; for writes and the ioctls below. */
  master: number;
  /** A duplicate of the master (the same open file) for a reader that closes it on its own. */
  reader: number;
  /** The slave: what a child gets as fds 0, 1 and 2 (`SpawnRequest.terminal`). */
  slave: number;
}

const opened = new Int32Array(3);
const flags = new Uint32Array(4);

/** Whether pseudo-terminals are available: the addon on Linux. */
export function ptySupported(): boolean {
  const { backend } = selected();
  return backend === "native" && process.platform === "linux";
}

/**
 * Opens a pseudo-terminal of `cols` x `rows` (each 1..65535) with Bun's termios
 * defaults (node-pty's cooked mode: echo, canonical input, signals, NL to CR-NL
 * on output, UTF-8, 38400 baud); a positive errno when it fails (ENOSYS, 38,
 * without the addon or off Linux).
 *
 * @example
 * ```ts
 * import { ptyOpen, spawn } from "@dx-compat/native";
 * const pty = ptyOpen(80, 24);
 * if (typeof pty !== "number") spawn({ file: "/bin/sh", argv: ["sh"], env: [], cwd: "", stdin: -1, stdout: -1, stderr: -1, terminal: pty.slave }, () => {});
 * ```
 */
export function ptyOpen(cols: number, rows: number): PtyPair | number {
  const errno = selected().binding.ptyOpen(cols, rows, opened);
  if (errno !== 0) return errno;
  return { master: opened[0] ?? -1, reader: opened[1] ?? -1, slave: opened[2] ?? -1 };
}

/** Sets the size the child sees (TIOCSWINSZ; SIGWINCH to its foreground group); 0 or a positive errno. */
export function ptyResize(master: number, cols: number, rows: number): number {
  return selected().binding.ptyResize(master, cols, rows);
}

/** The termios flags `[c_iflag, c_oflag, c_lflag, c_cflag]`, or a positive errno. */
export function ptyGetFlags(master: number): [number, number, number, number] | number {
  const errno = selected().binding.ptyGetFlags(master, flags);
  if (errno !== 0) return errno;
  return [flags[0] ?? 0, flags[1] ?? 0, flags[2] ?? 0, flags[3] ?? 0];
}

/** Sets one termios flag word (`index` as in {@link ptyGetFlags}) to a uint32; 0 or a positive errno. */
export function ptySetFlag(master: number, index: 0 | 1 | 2 | 3, value: number): number {
  return selected().binding.ptySetFlag(master, index, value);
}

/**
 * libuv's raw mode on or off: on saves the termios into `saved` (64 bytes,
 * kept by the caller per terminal), off puts the saved one back. 0 or a positive errno.
 */
export function ptySetRawMode(master: number, enabled: boolean, saved: Uint8Array): number {
  return selected().binding.ptySetRawMode(master, enabled, saved);
}
