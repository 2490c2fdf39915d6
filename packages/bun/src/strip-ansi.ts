import { consumeAnsi, indexOfEscape } from "./internal/strings/ansi.ts";
import { toBunString } from "./internal/strings/coerce.ts";

type StripANSI = typeof import("bun").stripANSI;

/** Bun.stripANSI: removes escape sequences; the input itself comes back when it has none. */
export const stripANSI: StripANSI = function stripANSI(input: string): string {
  const text = toBunString(input);
  let at = indexOfEscape(text, 0);
  if (at < 0) return text;
  let result = "";
  let copied = 0;
  while (at >= 0) {
    const end = consumeAnsi(text, at, text.length);
    result += text.slice(copied, at);
    copied = end;
    at = indexOfEscape(text, end);
  }
  return result + text.slice(copied);
};
