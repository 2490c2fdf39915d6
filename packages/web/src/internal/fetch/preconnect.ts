// fetch.preconnect(url): Bun validates the URL, then resolves DNS and opens a
// connection ahead of a request. On Node it validates as Bun does and starts a
// DNS lookup; undici offers no way to park an open connection in fetch's pool.
import { lookup } from "node:dns";
import { coded } from "./errors.ts";

function preconnectError(message: string, code: string): TypeError {
  return coded(new TypeError(message), code);
}

export function preconnect(this: unknown, url: string | URL, ..._options: unknown[]): void {
  if (arguments.length === 0) throw preconnectError("Not enough arguments to 'fetch.preconnect'. Expected 1, got 0.", "ERR_MISSING_ARGS");
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw preconnectError("Invalid URL", "ERR_INVALID_ARG_TYPE");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw preconnectError("URL must be HTTP or HTTPS", "ERR_INVALID_ARG_TYPE");
  // A warm-up only: its outcome is nobody's business (Bun's returns nothing either).
  lookup(parsed.hostname.replace(/^\[|\]$/g, ""), () => {});
}
