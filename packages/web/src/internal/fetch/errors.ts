// Bun's fetch errors. Bun rejects a failed request with a TypeError whose own
// enumerable `code`, `path` (the URL) and `errno` (0) name what went wrong;
// Node rejects with TypeError("fetch failed") and the reason in `cause`. These
// helpers turn one into the other, message for message where Bun has its own
// words, and otherwise in Bun's generic "<code> fetching <url>" form.

import { notImplemented } from "@dx-compat/shared/errors";
import { certificateMessages } from "../certificate-messages.ts";

interface NodeCause {
  code?: unknown;
  hostname?: unknown;
  message?: unknown;
}

const seeVerbose = "For more information, pass `verbose: true` in the second argument to fetch()";

/** Bun's messages for the failures it words itself (the rest use `genericMessage`). */
const bunMessages: Readonly<Record<string, string>> = {
  ECONNREFUSED: "ECONNREFUSED: Unable to connect. Is the computer able to access the url?",
  ENOENT: "ENOENT: Was there a typo in the url or port?",
  ECONNRESET: `ECONNRESET: The socket connection was closed unexpectedly. ${seeVerbose}`,
  ...certificateMessages,
};

/** undici's codes for what Bun reports under a system code. */
const bunCodes: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: "ECONNRESET",
  UND_ERR_CLOSED: "ECONNRESET",
  EPIPE: "ECONNRESET",
  UND_ERR_CONNECT_TIMEOUT: "ETIMEDOUT",
};

/** undici's idle timers, which Bun reports as its own idle timeout: a DOMException. */
const idleTimeoutCodes = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Bun's error when a request's connection stays idle past its `timeout`. */
export function idleTimeoutError(): DOMException {
  return new DOMException("The operation timed out.", "TimeoutError");
}

/** Whether a body read failed because undici's idle timer fired (fetch reports it as `terminated`, the reason in `cause`). */
export function isIdleTimeout(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" && idleTimeoutCodes.has(cause.code);
}

export function genericMessage(code: string, url: string): string {
  return `${code} fetching "${url}". ${seeVerbose}`;
}

/** Bun's shape: a TypeError with own enumerable `code`, `path`, then any extras, then `errno`. */
export function bunFetchError(message: string, code: string, url: string, extra: Record<string, unknown> = {}, errno = 0): TypeError {
  const error = new TypeError(message);
  Object.assign(error, { code, path: url, ...extra, errno });
  return error;
}

function fromCause(cause: NodeCause, url: string): Error | undefined {
  if (typeof cause.code !== "string") return undefined;
  if (idleTimeoutCodes.has(cause.code)) return idleTimeoutError();
  // llhttp's parse errors (HPE_*): Bun gives up on the connection and says so.
  const code = cause.code.startsWith("HPE_") ? "ECONNRESET" : (bunCodes[cause.code] ?? cause.code);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    const hostname = typeof cause.hostname === "string" ? cause.hostname : new URL(url).hostname;
    // c-ares' number for "not found", which Bun reports.
    return bunFetchError(`getaddrinfo ${code} ${hostname}`, code, url, { syscall: "getaddrinfo", hostname }, 4);
  }
  return bunFetchError(bunMessages[code] ?? genericMessage(code, url), code, url);
}

/** Bun's error when a response chain redirects more than `maxRedirects` times. */
export function tooManyRedirects(url: string): TypeError {
  return bunFetchError(`TooManyRedirects: The response redirected too many times. ${seeVerbose}`, "TooManyRedirects", url);
}

/**
 * The failures fetch itself decides on while following redirects, which it
 * reports with a bare Error in `cause` (messages as undici words them).
 */
function fromRedirectFailure(cause: unknown, url: string): Error | undefined {
  if (!(cause instanceof Error) || "code" in cause) return undefined;
  switch (cause.message) {
    case "unexpected redirect":
      return bunFetchError(genericMessage("UnexpectedRedirect", url), "UnexpectedRedirect", url);
    case "redirect count exceeded":
      // Only reached when the limit is above Node's: lower limits are counted by the dispatcher.
      return notImplemented("fetch", "Node's fetch follows at most 20 redirects and this response chain has more (Bun follows up to `maxRedirects`, 126 by default)");
    case "":
      // The one unnamed failure in undici's redirect step: a streamed body cannot be sent again.
      return (cause.stack ?? "").includes("httpRedirectFetch") ? new TypeError("Request body is a ReadableStream and cannot be replayed for this redirect") : undefined;
    default:
      return undefined;
  }
}

/**
 * What Bun would have rejected with, for an error Node's fetch rejected with.
 * Errors a user's own code produced (an abort reason, an error returned by
 * `checkServerIdentity`) pass through unchanged, as in Bun.
 */
export function toBunFetchError(error: unknown, url: string, ownErrors: ReadonlySet<unknown>): unknown {
  if (!(error instanceof TypeError) || error.message !== "fetch failed") return error;
  let cause = (error as { cause?: unknown }).cause;
  if (ownErrors.has(cause)) return cause;
  // A TLS failure arrives wrapped once more on some Node versions.
  const inner = (cause as { cause?: unknown } | undefined)?.cause;
  if (ownErrors.has(inner)) return inner;
  if (typeof cause !== "object" || cause === null) return error;
  const redirectFailure = fromRedirectFailure(cause, url);
  if (redirectFailure) return redirectFailure;
  if (typeof (cause as NodeCause).code !== "string" && typeof inner === "object" && inner !== null) cause = inner;
  return fromCause(cause as NodeCause, url) ?? error;
}

/** Bun's error for a `fetch()` URL it cannot parse. */
export function invalidURL(): TypeError {
  return coded(new TypeError("fetch() URL is invalid"), "ERR_INVALID_URL");
}

/** A Bun error whose `code` is an own, non-enumerable property (as Bun's argument errors carry it). */
export function coded<T extends Error>(error: T, code: string): T {
  Object.defineProperty(error, "code", { value: code, writable: true, configurable: true, enumerable: false });
  return error;
}

/** Bun's `TypeError` with code `ERR_INVALID_ARG_TYPE` (non-enumerable, as Bun's argument errors carry it). */
export function invalidArgType(message: string): TypeError {
  return coded(new TypeError(message), "ERR_INVALID_ARG_TYPE");
}

/** An integer option property checked as Bun checks one: a number, then an integer, then within `low`..`high`. */
export function integerInRange(value: unknown, name: string, low: number, high: number): number {
  if (typeof value !== "number") throw invalidArgType(`The "${name}" property must be of type number. Received ${typeof value}`);
  if (Number.isFinite(value) && !Number.isInteger(value)) throw invalidArgType(`The "${name}" property must be of type integer. Received number`);
  if (!(value >= low && value <= high)) {
    throw coded(new RangeError(`The value of "${name}" is out of range. It must be >= ${low} and <= ${high}. Received ${value}`), "ERR_OUT_OF_RANGE");
  }
  return value;
}
