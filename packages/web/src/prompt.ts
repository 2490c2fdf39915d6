import { readBytePrompt, show } from "./internal/dialogs/terminal.ts";

const LF = 0x0a;
const CR = 0x0d;

/** The rest of the line after `first` (a trailing `\r` dropped), or null when input ends before its `\n`. */
function readLine(first: number): string | null {
  const bytes = [first];
  for (let byte = readBytePrompt(); byte !== LF; byte = readBytePrompt()) {
    if (byte === -1) return null;
    bytes.push(byte);
  }
  if (bytes[bytes.length - 1] === CR) bytes.pop();
  return Buffer.from(bytes).toString("utf8");
}

/**
 * Bun's `prompt(message?, default?)`: shows the message and `[default] `
 * (`Prompt ` without a message), blocks until a line is entered and returns
 * it; an empty line gives `default` as it was passed (not converted), or
 * null without one; end of input gives null.
 *
 * @example
 * ```ts
 * import { prompt } from "@dx-compat/web";
 * const name = prompt("Name?", "anonymous"); // prints "Name? [anonymous] "
 * ```
 */
export const prompt: (message?: unknown, defaultValue?: unknown) => unknown = function prompt(...args: unknown[]): unknown {
  const hasDefault = args.length >= 2;
  let text = args.length === 0 ? "Prompt " : `${args[0] as string} `;
  if (hasDefault) text += `[${args[1] as string}] `;
  show(text);
  const fallback = hasDefault ? args[1] : null;
  const first = readBytePrompt();
  if (first === -1) return null;
  if (first === LF) return fallback;
  if (first === CR) {
    const second = readBytePrompt();
    if (second === -1) return null;
    if (second === LF) return fallback;
    const rest = readLine(second);
    return rest === null ? null : `\r${rest}`;
  }
  return readLine(first);
};
Object.defineProperty(prompt, "length", { value: 1 });
