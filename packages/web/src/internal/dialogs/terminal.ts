// Synchronous terminal I/O for alert/confirm/prompt, read the way Bun reads
// it: prompt through one 4 KiB buffer kept for the process (so a piped input
// it has read ahead stays with it), confirm and alert a byte at a time straight
// from fd 0 (never from prompt's buffer). Bun blocks the thread while it
// waits for the user; so does this: the functions are synchronous by design.
import { readSync, writeSync } from "node:fs";

const STDIN = 0;
const STDOUT = 1;
const PROMPT_BUFFER_BYTES = 4096;
/** How long to sleep when fd 0 is non-blocking and has nothing yet (Node makes piped and TTY stdin non-blocking once `process.stdin` is used). */
const RETRY_MS = 10;

let sleeper: Int32Array | undefined;

function sleep(ms: number): void {
  sleeper ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Reads into `buffer` from fd 0; 0 at end of input or on any failure but "not yet". */
function readStdin(buffer: Uint8Array): number {
  for (;;) {
    try {
      return readSync(STDIN, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") return 0;
      sleep(RETRY_MS);
    }
  }
}

/** Shows `text` on stdout, synchronously; a stdout that cannot take it is ignored, as Bun ignores it. */
export function show(text: string): void {
  try {
    writeSync(STDOUT, text);
  } catch {
    // Nothing to show it on: the dialog still waits for input.
  }
}

const oneByte = new Uint8Array(1);

/** The next byte of fd 0, unbuffered; -1 at end of input. */
export function readByteUnbuffered(): number {
  return readStdin(oneByte) === 1 ? (oneByte[0] as number) : -1;
}

/** prompt's read-ahead buffer: what it holds stays for the next prompt. */
const promptBuffer = new Uint8Array(PROMPT_BUFFER_BYTES);
let promptStart = 0;
let promptEnd = 0;

/** The next byte through prompt's buffer; -1 at end of input. */
export function readBytePrompt(): number {
  if (promptStart === promptEnd) {
    promptStart = 0;
    promptEnd = readStdin(promptBuffer);
    if (promptEnd === 0) return -1;
  }
  return promptBuffer[promptStart++] as number;
}
