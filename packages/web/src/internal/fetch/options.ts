// Bun's fetch() extensions, read from the init object the way Bun reads them:
// a wrongly typed option is ignored, except a proxy URL that does not parse.
import { readCompress, type CompressChoice } from "./compress.ts";
import { bunFetchError, coded, invalidArgType } from "./errors.ts";
import { bypassesProxy } from "./no-proxy.ts";
import type { SessionSettings } from "./session.ts";

export interface ProxyChoice {
  url: URL;
  headers?: Record<string, string>;
  /** `respectNoProxy: false`: NO_PROXY does not apply to this proxy. */
  ignoresNoProxy?: true;
}

export interface BunFetchExtensions {
  unix?: string;
  tls?: Record<string, unknown>;
  /** `false`: connect directly even when the proxy environment variables are set. */
  proxy?: ProxyChoice | false;
  verbose: boolean;
  decompress: boolean;
  keepalive: boolean;
  /** The request names its own Accept-Encoding (kept even with `decompress: false`). */
  userAcceptEncoding?: boolean;
  /** `timeout`: the connection's idle deadline in ms, 0 for none; undefined keeps the default (5 minutes, as Bun's). */
  idleTimeout?: number;
  compress?: CompressChoice;
  /** `maxRedirects` when redirects are followed and the limit is below Node's own (20), which then has to be counted. */
  redirectLimit?: number;
  protocol?: FetchProtocol;
  /** The Bun.FetchSession the request belongs to (its options are already merged in). */
  session?: SessionSettings;
}

type FetchProtocol = "http1.1" | "http2" | "http3";

/** Node's fetch follows at most this many redirects (a constant in undici). */
const nodeRedirectLimit = 20;

/** Bun's `maxRedirects`: a non-negative integer; undefined or null keep the default (126). */
function readMaxRedirects(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw invalidArgType("fetch: 'maxRedirects' must be a non-negative integer");
  return value;
}

const protocolNames: Readonly<Record<string, FetchProtocol>> = { http2: "http2", h2: "http2", "http1.1": "http1.1", h1: "http1.1", http3: "http3", h3: "http3" };

/** Bun's `protocol`: a string must name one (aliases included); any other type is ignored. */
function readProtocol(value: unknown): FetchProtocol | undefined {
  if (typeof value !== "string") return undefined;
  const protocol = Object.hasOwn(protocolNames, value) ? protocolNames[value] : undefined;
  if (protocol === undefined) throw invalidArgType('fetch: \'protocol\' must be "http2", "h2", "http3", "h3", "http1.1", or "h1"');
  return protocol;
}

/** The redirect mode the request will have: init's, else the Request's, else "follow". */
function redirectMode(input: unknown, options: Record<string, unknown>): unknown {
  return options["redirect"] ?? (input instanceof Request ? input.redirect : "follow");
}

/** Bun's `timeout`: a finite positive number of ms; 0, false or a non-finite number turn the idle timer off; true or nothing keep the default. */
function readTimeout(value: unknown): number | undefined {
  if (value === false) return 0;
  if (typeof value !== "number") return undefined;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function proxyURLInvalid(): TypeError {
  return coded(new TypeError("fetch() proxy URL is invalid"), "ERR_INVALID_ARG_VALUE");
}

function parseProxyURL(value: unknown, target: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw proxyURLInvalid();
  }
  if (target !== undefined) checkProxyScheme(url, target);
  return url;
}

/** Bun's failure for a proxy it cannot speak to, reported against the request's URL. */
export function checkProxyScheme(url: URL, target: string): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw bunFetchError(`UnsupportedProxyProtocol fetching "${target}". For more information, pass \`verbose: true\` in the second argument to fetch()`, "UnsupportedProxyProtocol", target);
  }
}

function headersRecord(init: unknown): Record<string, string> | undefined {
  if (init === undefined || init === null) return undefined;
  return Object.fromEntries(new Headers(init as ConstructorParameters<typeof Headers>[0]));
}

/** A `proxy` option; `target` is the request's URL, or undefined to leave the scheme for each request to check. */
export function readProxy(value: unknown, target: string | undefined): ProxyChoice | false | undefined {
  if (value === false) return false;
  if (typeof value === "string" || value instanceof URL) return { url: parseProxyURL(value, target) };
  if (typeof value !== "object" || value === null) return undefined;
  const { url, headers, respectNoProxy } = value as { url?: unknown; headers?: unknown; respectNoProxy?: unknown };
  if (url === undefined || url === null) return undefined;
  if (typeof url !== "string" && !(url instanceof URL)) throw proxyURLInvalid();
  if (respectNoProxy !== undefined && typeof respectNoProxy !== "boolean") {
    throw invalidArgType(`The "respectNoProxy" property must be of type boolean, got ${respectNoProxy === null ? "object" : typeof respectNoProxy}`);
  }
  const choice: ProxyChoice = { url: parseProxyURL(url, target) };
  const parsedHeaders = headersRecord(headers);
  if (parsedHeaders) choice.headers = parsedHeaders;
  if (respectNoProxy === false) choice.ignoresNoProxy = true;
  return choice;
}

/**
 * The proxy to use for `target`: none (direct) when NO_PROXY names it and the
 * proxy respects NO_PROXY, as Bun's do by default. `fromEnvironment`: whether
 * http_proxy/https_proxy would supply one when the request names none (asked
 * only when NO_PROXY names the target, which on most requests it does not).
 */
export function proxyFor(proxy: ProxyChoice | false | undefined, target: URL, fromEnvironment: () => boolean): ProxyChoice | false | undefined {
  if (proxy === false || proxy?.ignoresNoProxy) return proxy;
  if (proxy === undefined) return bypassesProxy(target) && fromEnvironment() ? false : undefined;
  return bypassesProxy(target) ? false : proxy;
}

/** The extensions in `init` (throws Bun's errors for a bad option value, as Bun checks them: compress, maxRedirects, protocol). */
export function readExtensions(input: unknown, init: unknown, target: string): BunFetchExtensions {
  const options = (typeof init === "object" && init !== null ? init : {}) as Record<string, unknown>;
  const compress = readCompress(options["compress"]);
  const maxRedirects = readMaxRedirects(options["maxRedirects"]);
  const protocol = readProtocol(options["protocol"]);
  const extensions: BunFetchExtensions = {
    verbose: options["verbose"] === true,
    decompress: options["decompress"] !== false,
    keepalive: options["keepalive"] !== false,
  };
  const { unix, tls } = options;
  if (typeof unix === "string" && unix !== "") extensions.unix = unix;
  if (typeof tls === "object" && tls !== null) extensions.tls = tls as Record<string, unknown>;
  const idleTimeout = readTimeout(options["timeout"]);
  if (idleTimeout !== undefined) extensions.idleTimeout = idleTimeout;
  const proxy = readProxy(options["proxy"], target);
  if (proxy !== undefined) extensions.proxy = proxy;
  if (compress !== undefined) extensions.compress = compress;
  if (maxRedirects !== undefined && maxRedirects < nodeRedirectLimit && redirectMode(input, options) === "follow") extensions.redirectLimit = maxRedirects;
  // HTTP/1.1 is what Node's fetch speaks: asking for it changes nothing.
  if (protocol !== undefined && protocol !== "http1.1") extensions.protocol = protocol;
  return extensions;
}
