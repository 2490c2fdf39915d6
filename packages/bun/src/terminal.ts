import { Terminal as TerminalImpl } from "./internal/terminal.ts";

type BunTerminal = typeof import("bun").Terminal;

/**
 * `Bun.Terminal`: a pseudo-terminal (PTY) for interactive programs, opened by
 * `@dx-compat/native`'s addon (Linux). `new Terminal({ cols, rows, data,
 * exit, drain })` gives `write()` (bytes accepted, queued while the child is
 * not reading, `drain` once flushed), `resize()`, `setRawMode()`, the termios
 * flag words (`inputFlags`, `outputFlags`, `localFlags`, `controlFlags`),
 * `ref`/`unref`, `close()` and `[Symbol.asyncDispose]`. Pass it (or the
 * options) as `Bun.spawn(cmd, { terminal })` to run a child on it. Without the
 * addon it throws ERR_DX_COMPAT_NOT_IMPLEMENTED.
 *
 * @example
 * ```ts
 * import { Terminal, spawn } from "@dx-compat/bun";
 * await using terminal = new Terminal({ data: (_term, bytes) => process.stdout.write(bytes) });
 * const proc = spawn(["sh", "-c", "read x; echo got $x"], { terminal });
 * terminal.write("hello\n");
 * await proc.exited;
 * ```
 */
export const Terminal: BunTerminal = TerminalImpl as unknown as BunTerminal;
