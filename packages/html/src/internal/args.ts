// Argument conversion as Bun's HTMLRewriter bindings do it. Every string that
// reaches the wasm glue must really be a string: html-rewriter-wasm trusts its
// callers, and anything else corrupts its memory.
import { bunCoded } from "@dx-compat/shared/errors";
import { inspect } from "node:util";
import { htmlRewriterError } from "../errors.ts";

/** A string argument: `undefined` and `null` are refused, anything else goes through ToString (a symbol throws). */
export function stringArgument(value: unknown): string {
  if (value === undefined || value === null) throw bunCoded("Expected string", "ERR_INVALID_ARG_TYPE", TypeError);
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return typeof value === "string" ? value : `${value as string}`;
}

/** A property being set: any value, through ToString. */
export function stringValue(value: unknown): string {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return typeof value === "string" ? value : `${value as string}`;
}

/** `{ html }` of a content method: only an object's truthy `html` inserts markup; anything else is text. */
export function contentOptions(options: unknown): { html: boolean } {
  return { html: typeof options === "object" && options !== null && Boolean((options as { html?: unknown }).html) };
}

const lolHtmlPrefix = "Parser error: ";

/**
 * Runs a call into the wasm glue, turning lol-html's refusals (which the glue
 * throws as TypeErrors prefixed "Parser error: ") into Bun's HTMLRewriterError.
 */
export function lolHtml<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith(lolHtmlPrefix)) {
      throw htmlRewriterError(error.message.slice(lolHtmlPrefix.length));
    }
    throw error;
  }
}

/** Bun's ERR_INVALID_THIS for a method called on something that is not an HTMLRewriter. */
export function invalidThis(receiver: unknown): Error {
  let received = "";
  if (typeof receiver === "object" && receiver !== null) {
    const name = (receiver as { constructor?: { name?: unknown } }).constructor?.name;
    received = typeof name === "string" && name !== "" ? `an instance of ${name}` : inspect(receiver, { depth: -1 });
  } else if (receiver !== undefined && receiver !== null) {
    received = `type ${typeof receiver} (${inspect(receiver)})`;
  } else if (receiver === null) {
    received = "null";
  }
  const suffix = received === "" ? "" : `, but received ${received}`;
  return bunCoded(`Expected this to be instanceof HTMLRewriter${suffix}`, "ERR_INVALID_THIS", TypeError);
}
