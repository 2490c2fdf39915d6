// Reads `new WebSocket(url, protocolsOrOptions)` the way Bun 1.4.5 does:
// the URL (http/https spelt ws/wss), the subprotocols, and Bun's extra
// options (headers, tls, proxy, perMessageDeflate), with Bun's errors, in
// Bun's order (headers, then proxy, then protocols).
import { readProxyHeaders } from "./proxy-headers.ts";

export type HandshakeHeaders = Array<[string, string]>;

export interface WebSocketSettings {
  url: URL;
  protocols: string[];
  headers: HandshakeHeaders;
  tls?: Record<string, unknown>;
  proxy?: { url: URL; headers: HandshakeHeaders };
  perMessageDeflate: boolean;
}

// RFC 7230 `token`: what a subprotocol name may be made of.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function missingArguments(): TypeError {
  const error = new TypeError("Not enough arguments");
  // Bun's own, enumerable `code`.
  return Object.assign(error, { code: "ERR_MISSING_ARGS" });
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
  if (url.protocol !== "ws:" && url.protocol !== "wss:") throw new SyntaxError(`Wrong url scheme for WebSocket ${url.href}`);
  if (url.href.includes("#")) throw new SyntaxError(`URL has fragment component ${url.href}`);
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

function headerPairs(value: unknown): HandshakeHeaders {
  if (value === undefined || value === null) return [];
  // Bun's words for headers that are neither a record, a Headers nor pairs.
  if (typeof value !== "object") throw new TypeError("Type error");
  if (value instanceof Headers) return [...value];
  if (Array.isArray(value)) return value.map((pair) => [String((pair as unknown[])[0]), String((pair as unknown[])[1])]);
  const pairs: HandshakeHeaders = [];
  for (const [name, content] of Object.entries(value)) {
    if (content === undefined) continue;
    if (Array.isArray(content)) for (const item of content) pairs.push([name, String(item)]);
    else pairs.push([name, String(content)]);
  }
  return pairs;
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
  return { url: proxyURL(url), headers: readProxyHeaders(headers) };
}

function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !(Symbol.iterator in value);
}

/** The constructor's arguments as settings, or Bun's error for them. */
export function readSettings(args: readonly unknown[]): WebSocketSettings {
  if (args.length === 0) throw missingArguments();
  const url = readURL(args[0]);
  const second = args[1];
  if (!isOptionsObject(second)) return { url, protocols: readProtocols(second), headers: [], perMessageDeflate: true };
  const headers = headerPairs(second["headers"]);
  const proxy = readProxy(second["proxy"]);
  const settings: WebSocketSettings = {
    url,
    protocols: readProtocols(second["protocols"] ?? second["protocol"]),
    headers,
    perMessageDeflate: !("perMessageDeflate" in second) || Boolean(second["perMessageDeflate"]),
  };
  const { tls } = second;
  if (typeof tls === "object" && tls !== null) settings.tls = tls as Record<string, unknown>;
  if (proxy) settings.proxy = proxy;
  return settings;
}
