// The errors @dx-compat/html throws, shaped as Bun's.

/**
 * Bun's error for what lol-html refuses (a selector it cannot parse, a tag or
 * attribute name it will not write, a comment that would end early): a plain
 * `Error` whose own, enumerable `name` is "HTMLRewriterError" and which has no `code`.
 */
export function htmlRewriterError(message: string): Error {
  const error = new Error(message);
  error.name = "HTMLRewriterError";
  return error;
}
