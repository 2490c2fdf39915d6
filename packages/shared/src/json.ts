// JSON.parse with Bun's error messages. The value always comes from V8's
// JSON.parse (the fast path costs nothing); only when it rejects the text is the
// text scanned again, to throw the SyntaxError JavaScriptCore would have thrown
// ("JSON Parse error: Expected '}'" rather than V8's wording).
import { jscJSONParseErrorMessage } from "./internal/jsc-json-error.ts";

/**
 * Parse `text` exactly like `JSON.parse(text)`; on malformed text, throw a
 * `SyntaxError` with Bun's (JavaScriptCore's) message.
 *
 * @example
 * ```ts
 * parseJSON('{"a":1}'); // { a: 1 }
 * parseJSON("{bad"); // throws SyntaxError: JSON Parse error: Expected '}'
 * ```
 */
export function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const message = jscJSONParseErrorMessage(String(text));
    // V8 and JSC accept the same texts; should they ever disagree, keep V8's error.
    if (message === undefined) throw error;
    throw new SyntaxError(message);
  }
}

/**
 * The message Bun's `JSON.parse` throws for `text` (prefix included), or
 * `undefined` when the text is valid JSON.
 *
 * @example
 * ```ts
 * jsonParseErrorMessage("[1,]"); // "JSON Parse error: Unexpected comma at the end of array expression"
 * ```
 */
export function jsonParseErrorMessage(text: string): string | undefined {
  return jscJSONParseErrorMessage(text);
}
