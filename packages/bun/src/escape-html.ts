import { toBunString } from "./internal/strings/coerce.ts";
import { canEscapeInBuffers, escapeInBuffers } from "./internal/strings/escape-buffer.ts";

type EscapeHTML = typeof import("bun").escapeHTML;

const SPECIAL = /["&'<>]/;

function entity(code: number): string {
  switch (code) {
    case 0x22:
      return "&quot;";
    case 0x26:
      return "&amp;";
    case 0x27:
      return "&#x27;";
    case 0x3c:
      return "&lt;";
    default:
      return "&gt;";
  }
}

/** Copies `text` from the first special character on, replacing each with its entity. */
function escapeFrom(text: string, first: number): string {
  let result = text.slice(0, first);
  let copied = first;
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x26 || code === 0x27 || code === 0x3c || code === 0x3e) {
      if (i > copied) result += text.slice(copied, i);
      result += entity(code);
      copied = i + 1;
    }
  }
  return copied < text.length ? result + text.slice(copied) : result;
}

/**
 * Bun.escapeHTML: `"`, `&`, `'`, `<`, `>` become entities; anything that is
 * not a string is converted to one first. A string with nothing to escape is
 * returned as it is.
 */
export const escapeHTML: EscapeHTML = function escapeHTML(input: string | object | number | boolean, _unused?: unknown): string {
  const text = toBunString(input);
  // test(), not exec(): no match object to allocate when there is something to escape.
  if (!SPECIAL.test(text)) return text;
  return canEscapeInBuffers ? escapeInBuffers(text) : escapeFrom(text, text.search(SPECIAL));
};
