// How Bun quotes strings and property names. JavaScriptCore keeps strings as
// Latin-1 when every unit fits in a byte and as UTF-16 otherwise, and Bun
// escapes the two differently: Latin-1 through its own JSON writer (upper-case
// `\u000B`), UTF-16 through `JSON.stringify` (lower-case `\u000b`). A string's
// storage is an engine detail V8 cannot show, so "every unit <= 0xFF" stands in
// for Latin-1, which is what JavaScriptCore picks for literals and concatenations.

const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const ABOVE_LATIN1 = /[^\u0000-\u00ff]/;
const ESCAPED_CONTROL = /\\(\\|u00[0-9a-f]{2})/g;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isLatin1(text: string): boolean {
  return !ABOVE_LATIN1.test(text);
}

function upperHexEscape(match: string, body: string): string {
  return body === "\\" ? match : `\\${body.toUpperCase().replace("U", "u")}`;
}

/** A Latin-1 string as Bun's JSON writer prints it. */
export function quoteLatin1(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  return JSON.stringify(text).replace(ESCAPED_CONTROL, upperHexEscape);
}

/** A property name Bun prints bare: an ASCII identifier (reserved words included). */
export function isPlainKey(key: string): boolean {
  return IDENTIFIER.test(key);
}
