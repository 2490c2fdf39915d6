// Reads `new WebSocket(url, protocolsOrOptions)` the way Bun 1.4.5 does:
// the URL (http/https spelt ws/wss), the subprotocols, and Bun's extra
// options (headers, tls, proxy, perMessageDeflate), with Bun's errors, in
// Bun's order: with an options object, the headers are converted first, then
// `tls` is checked, then `proxy` read (its headers converted and checked),
// then the URL, then the subprotocols, and only then each handshake header
// pair checked.
import { checkHeaderInit, readHeaderInit, type HeaderPairs } from "../headers/header-init.ts";
import { checkTlsOptions } from "../tls-options-check.ts";

export interface WebSocketSettings {
  url: URL;
  protocols: string[];
  /** The program's headers, checked, in the order given (handshake.ts merges, spells and sorts them). */
  headers: HeaderPairs;
  tls?: Record<string, unknown>;
  proxy?: { url: URL; headers: HeaderPairs };
  perMessageDeflate: boolean;
}

// RFC 7230 `token`: what a subprotocol name may be made of.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function missingArguments(): TypeError {
  const error = new TypeError("Not enough arguments");
  // Bun's own, enumerable `code`.
  return Object.assign(error, { code: "ERR_MISSING_ARGS" });
}

/** A URL's text without user name and password, as Bun's messages show it. */
export function withoutCredentials(url: URL): string {
  if (url.username === "" && url.password === "") return url.href;
  const shown = new URL(url.href);
  shown.username = "";
  shown.password = "";
  return shown.href;
}

function readURL(input: unknown): URL {
  const text = String(input);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SyntaxError(`Invalid url for WebSocket ${text}`);
  }
  if (url.protocol === "http:") url.protocol = "ws:";
  else if (url.protocol === "https:") url.protocol = "wss:";
  if (url.protocol !== "ws:" && url.protocol !== "wss:") throw new SyntaxError(`Wrong url scheme for WebSocket ${withoutCredentials(url)}`);
  if (url.href.includes("#")) throw new SyntaxError(`URL has fragment component ${withoutCredentials(url)}`);
  return url;
}

function readProtocols(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === "object" && Symbol.iterator in value ? Array.from(value as Iterable<unknown>, String) : [String(value)];
  const seen = new Set<string>();
  for (const protocol of list) {
    if (!token.test(protocol)) throw new SyntaxError(`Wrong protocol for WebSocket '${protocol}'`);
    if (seen.has(protocol)) throw new SyntaxError(`WebSocket protocols contain duplicates: '${protocol}'`);
    seen.add(protocol);
  }
  return list;
}

function proxyURL(value: unknown): URL {
  const text = String(value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SyntaxError(`Invalid proxy URL: ${text}`);
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== "http" && scheme !== "https") throw new SyntaxError(`Unsupported proxy protocol "${scheme}" (expected "http" or "https")`);
  return url;
}

function readProxy(value: unknown): WebSocketSettings["proxy"] {
  // Bun takes an empty URL for "no proxy".
  if (value === "") return undefined;
  if (typeof value === "string" || value instanceof URL) return { url: proxyURL(value), headers: [] };
  if (typeof value !== "object" || value === null) return undefined;
  const { url, headers } = value as { url?: unknown; headers?: unknown };
  if (url === undefined || url === null || url === "") return undefined;
  return { url: proxyURL(url), headers: checkHeaderInit(readHeaderInit(headers)) };
}

function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !(Symbol.iterator in value);
}

/** The constructor's arguments as settings, or Bun's error for them (the first in Bun's order). */
export function readSettings(args: readonly unknown[]): WebSocketSettings {
  if (args.length === 0) throw missingArguments();
  const second = args[1];
  if (!isOptionsObject(second)) return { url: readURL(args[0]), protocols: readProtocols(second), headers: [], perMessageDeflate: true };
  const entries = readHeaderInit(second["headers"]);
  const tls = checkTlsOptions(second["tls"]);
  const proxy = readProxy(second["proxy"]);
  const settings: WebSocketSettings = {
    url: readURL(args[0]),
    protocols: readProtocols(second["protocols"] ?? second["protocol"]),
    headers: checkHeaderInit(entries),
    perMessageDeflate: !("perMessageDeflate" in second) || Boolean(second["perMessageDeflate"]),
  };
  if (tls) settings.tls = tls;
  if (proxy) settings.proxy = proxy;
  return settings;
}
