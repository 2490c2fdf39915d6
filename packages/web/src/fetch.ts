// Bun's fetch on Node: Node's own fetch (undici inside Node), given Bun's
// extensions — `unix`, `tls`, `proxy` (and the proxy environment variables),
// `verbose`, `decompress: false`, `keepalive: false`, `timeout`,
// `maxRedirects`, `protocol: "http2"` — through an undici dispatcher, a
// `compress`ed request body, `file:` URLs answered from disk, and failures
// rejected with Bun's error shapes. `fetch.preconnect` validates as Bun does.
import { notImplemented } from "@dx-compat/shared/errors";
import type { Dispatcher } from "undici";
import { chooseDispatcher, hiddenEncodingHeader, proxyFromEnvironment } from "./internal/fetch/dispatcher.ts";
import { compressedRequest } from "./internal/fetch/compress.ts";
import { bunFetchError, coded, genericMessage, idleTimeoutError, invalidURL, isIdleTimeout, toBunFetchError } from "./internal/fetch/errors.ts";
import { fetchFileURL } from "./internal/fetch/file-url.ts";
import { proxyFor, readExtensions, type BunFetchExtensions } from "./internal/fetch/options.ts";
import { preconnect } from "./internal/fetch/preconnect.ts";
import { bunResponseURL, redirectWatcher, type RedirectTrail } from "./internal/fetch/redirect-trail.ts";
import { applySession, sessionSettings } from "./internal/fetch/session.ts";
import { asPlatformRequest } from "./internal/fetch/request.ts";

// Captured when this module loads, before any installer puts Bun's fetch in its
// place; read on the first call, so importing this module loads nothing.
const nodeFetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, "fetch");
let nodeFetchFunction: typeof globalThis.fetch | undefined;
function nodeFetch(input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> {
  nodeFetchFunction ??= (nodeFetchDescriptor?.get?.call(globalThis) ?? nodeFetchDescriptor?.value) as typeof globalThis.fetch;
  return nodeFetchFunction(input, init);
}

type FetchInput = string | URL | Request;

function targetURL(input: FetchInput): URL {
  const href = input instanceof Request ? input.url : String(input);
  try {
    return new URL(href);
  } catch {
    throw invalidURL();
  }
}

function namesAcceptEncoding(input: FetchInput, init: RequestInit | undefined): boolean {
  if (init?.headers !== undefined) return new Headers(init.headers).has("accept-encoding");
  return input instanceof Request && input.headers.has("accept-encoding");
}

/** A Response like `response` with other headers and body, keeping its url, redirected and type. */
function rebuilt(response: Response, headers: Headers, body: ReadableStream<Uint8Array> | null): Response {
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers });
  for (const key of ["url", "redirected", "type"] as const) {
    Object.defineProperty(copy, key, { value: response[key], enumerable: false, configurable: true });
  }
  return copy;
}

/** With `decompress: false`, the body arrived undecoded under a hidden header name; give Content-Encoding back. */
function restoreEncoding(response: Response): Response {
  if (!response.headers.has(hiddenEncodingHeader)) return response;
  const headers = new Headers();
  for (const [name, value] of response.headers) headers.append(name === hiddenEncodingHeader ? "content-encoding" : name, value);
  return rebuilt(response, headers, response.body);
}

/** With a `timeout`, a body that goes idle fails with Bun's TimeoutError rather than fetch's "terminated". */
function idleBodyErrors(response: Response): Response {
  const source = response.body;
  if (source === null) return response;
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(isIdleTimeout(error) ? idleTimeoutError() : error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return rebuilt(response, response.headers, body);
}

/** Bun's failure for an HTTP version the URL cannot have, or that Node cannot speak. */
function unsupportedProtocol({ protocol }: BunFetchExtensions, url: URL): Error | undefined {
  if (protocol === undefined) return undefined;
  // Both need TLS (ALPN for HTTP/2, QUIC for HTTP/3): Bun refuses them for http: URLs.
  const code = protocol === "http2" ? "HTTP2Unsupported" : "HTTP3Unsupported";
  if (url.protocol === "http:") return bunFetchError(genericMessage(code, url.href), code, url.href);
  if (protocol === "http3") return notImplemented("fetch", 'protocol "http3": Node has no HTTP/3 (QUIC) client');
  return undefined;
}

async function fetchOverNetwork(input: FetchInput, init: RequestInit | undefined, url: URL): Promise<Response> {
  const extensions: BunFetchExtensions = readExtensions(input, init, url.href);
  const session = sessionSettings((init as Record<string, unknown> | undefined)?.["session"]);
  if (session) applySession(extensions, session, url.href);
  const proxy = proxyFor(extensions.proxy, url, proxyFromEnvironment);
  if (proxy !== undefined) extensions.proxy = proxy;
  const refusal = unsupportedProtocol(extensions, url);
  if (refusal) throw refusal;
  if (!extensions.decompress) extensions.userAcceptEncoding = namesAcceptEncoding(input, init);
  if (extensions.compress) {
    const compressed = await compressedRequest(input, init, extensions.compress);
    // The compressed Request carries everything standard in init; Bun's own options are already read.
    if (compressed) [input, init] = [compressed, undefined];
  }
  const ownErrors = new Set<unknown>();
  const trail: RedirectTrail = {};
  const { dispatcher, closeAfter } = await chooseDispatcher(extensions, ownErrors, url.href, trail);
  let response: Response;
  try {
    response = await nodeFetch(input, withDispatcher(init, dispatcher ?? redirectWatcher(trail, (init as { dispatcher?: Dispatcher } | undefined)?.dispatcher)));
  } catch (error) {
    throw toBunFetchError(error, url.href, ownErrors);
  } finally {
    // Graceful: the body still streams; the connection closes when it is done.
    void closeAfter?.close();
  }
  setURL(response, bunResponseURL(response, url, trail));
  setDefaultType(response);
  const decoded = extensions.decompress ? response : restoreEncoding(response);
  return extensions.idleTimeout === undefined ? decoded : idleBodyErrors(decoded);
}

/** Bun's `url` where it is not fetch's (see redirect-trail.ts). */
function setURL(response: Response, url: string | undefined): void {
  if (url !== undefined) Object.defineProperty(response, "url", { value: url, enumerable: false, configurable: true });
}

/**
 * Bun's fetch answers are all of type "default" (its Response has no CORS
 * filtering); Node's fetch filters them as "basic" (or "cors" across origins). Set as `url` is, an own
 * property: Node's Response keeps the real state private and immutable.
 */
function setDefaultType(response: Response): Response {
  if (response.type === "basic" || response.type === "cors") Object.defineProperty(response, "type", { value: "default", enumerable: false, configurable: true });
  return response;
}

/**
 * `init` with a `dispatcher` (Node's fetch extension). A plain object is
 * copied; any other init is wrapped, so that members it inherits or computes
 * are read from it as given.
 */
function withDispatcher(init: RequestInit | undefined, dispatcher: Dispatcher): RequestInit {
  if (init === undefined || init === null) return { dispatcher } as unknown as RequestInit;
  const prototype: unknown = Object.getPrototypeOf(init);
  if (prototype === Object.prototype || prototype === null) return { ...init, dispatcher } as unknown as RequestInit;
  return new Proxy(init, {
    get: (target, key) => (key === "dispatcher" ? dispatcher : Reflect.get(target, key)),
    has: (target, key) => key === "dispatcher" || Reflect.has(target, key),
  });
}

async function bunFetch(given: FetchInput, init?: RequestInit): Promise<Response> {
  if (arguments.length === 0) throw coded(new TypeError("fetch() expects a string but received no arguments."), "ERR_MISSING_ARGS");
  const input = asPlatformRequest(given);
  const url = targetURL(input);
  switch (url.protocol) {
    case "http:":
    case "https:":
      return fetchOverNetwork(input, init, url);
    case "file:":
      return fetchFileURL(url);
    case "data:":
    case "blob:":
      return nodeFetch(input, init).then(setDefaultType);
    case "s3:":
      throw notImplemented("fetch", "s3:// URLs need @dx-compat/s3");
    default:
      throw coded(new TypeError("protocol must be http:, https: or s3:"), "ERR_INVALID_ARG_VALUE");
  }
}

function defineBunShape(fn: typeof bunFetch): typeof globalThis.fetch {
  Object.defineProperty(fn, "name", { value: "fetch" });
  Object.defineProperty(fn, "length", { value: 1 });
  Object.defineProperty(fn, "preconnect", { value: preconnect, writable: false, enumerable: true, configurable: false });
  return fn as unknown as typeof globalThis.fetch;
}

/**
 * Bun's `fetch`: the standard one plus Bun's options (`unix`, `tls`, `proxy`,
 * `verbose`, `decompress`, `keepalive`, `timeout`, `maxRedirects`, `compress`,
 * `protocol`, `session`), `file:` URLs and `fetch.preconnect`.
 *
 * @example
 * ```ts
 * const response = await fetch("http://localhost/info", { unix: "/var/run/docker.sock" });
 * ```
 */
export const fetch: typeof globalThis.fetch = defineBunShape(bunFetch);
