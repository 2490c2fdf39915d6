// `$.escape`: text that the shell parses back into exactly that one word.

/** Characters that make Bun quote the string (it quotes for digits too). */
const NEEDS_QUOTES = /[\b\t\n\r "#$&'()*,0-9;<=>?[\\\]`{|}~]/;

export function escape(input: string): string {
  const text = String(input);
  if (text !== "" && !NEEDS_QUOTES.test(text)) return text;
  return `"${text.replace(/["$\\`]/g, "\\$&")}"`;
}
