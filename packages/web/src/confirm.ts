import { readByteUnbuffered, show } from "./internal/dialogs/terminal.ts";

const LF = 0x0a;
const CR = 0x0d;
const LOWER_Y = 0x79;
const UPPER_Y = 0x59;

/** After a `y`: true only when the line ends there (`\n` or `\r\n`). */
function lineEndsAfterYes(): boolean {
  const next = readByteUnbuffered();
  if (next === LF) return true;
  return next === CR && readByteUnbuffered() === LF;
}

/** Bun reads the answer a byte at a time and decides as soon as it can. */
function readAnswer(): boolean {
  const first = readByteUnbuffered();
  if (first === -1 || first === LF) return false;
  if (first === CR) {
    if (readByteUnbuffered() === LF) return false;
  } else if (first === LOWER_Y || first === UPPER_Y) {
    if (lineEndsAfterYes()) return true;
  }
  // Anything else: the rest of the line is read and the answer is no.
  for (let byte = readByteUnbuffered(); byte !== -1 && byte !== LF && byte !== CR; byte = readByteUnbuffered());
  return false;
}

/**
 * Bun's `confirm(message?)`: shows the message followed by ` [y/N] `
 * (`Confirm [y/N] ` without an argument), blocks until a line is entered, and
 * returns true only for `y` or `Y` alone on it; false at end of input.
 *
 * @example
 * ```ts
 * import { confirm } from "@dx-compat/web";
 * if (confirm("Delete the cache?")) console.log("deleting");
 * ```
 */
export const confirm: (message?: unknown) => boolean = function confirm(...args: unknown[]): boolean {
  const message = args.length === 0 ? "Confirm" : `${args[0] as string}`;
  show(`${message} [y/N] `);
  return readAnswer();
};
Object.defineProperty(confirm, "length", { value: 1 });
