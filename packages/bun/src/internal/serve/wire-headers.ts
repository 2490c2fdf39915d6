// How Bun writes response headers on the wire: the headers WebKit knows by name
// ("common" headers) in their canonical spelling, in insertion order, first;
// every other header after them as the program spelled it. Repeated names are
// joined with ", " (Set-Cookie excepted: one line each, written first).

/** WebKit's HTTPHeaderNames as Bun 1.4.5 spells them (checked against Bun's wire output). */
const commonNames =
  "Accept Accept-Charset Accept-Encoding Accept-Language Accept-Ranges Access-Control-Allow-Credentials Access-Control-Allow-Headers " +
  "Access-Control-Allow-Methods Access-Control-Allow-Origin Access-Control-Expose-Headers Access-Control-Max-Age Access-Control-Request-Headers " +
  "Access-Control-Request-Method Age Authorization Cache-Control Connection Content-Disposition Content-Encoding Content-Language Content-Length " +
  "Content-Location Content-Range Content-Security-Policy Content-Security-Policy-Report-Only Content-Type Cookie Cookie2 " +
  "Cross-Origin-Embedder-Policy Cross-Origin-Embedder-Policy-Report-Only Cross-Origin-Opener-Policy Cross-Origin-Opener-Policy-Report-Only " +
  "Cross-Origin-Resource-Policy DNT Date Default-Style ETag Expect Expires Host If-Match If-Modified-Since If-None-Match If-Range " +
  "If-Unmodified-Since Keep-Alive Last-Event-ID Last-Modified Link Location Origin Ping-From Ping-To Pragma Proxy-Authorization " +
  "Proxy-Connection Purpose Range Referer Referrer-Policy Refresh Report-To Sec-Fetch-Dest Sec-Fetch-Mode Sec-WebSocket-Accept " +
  "Sec-WebSocket-Extensions Sec-WebSocket-Key Sec-WebSocket-Protocol Sec-WebSocket-Version Server-Timing Service-Worker " +
  "Service-Worker-Allowed Set-Cookie Set-Cookie2 SourceMap Strict-Transport-Security TE Timing-Allow-Origin Trailer Transfer-Encoding Upgrade " +
  "Upgrade-Insecure-Requests User-Agent Vary Via X-Content-Type-Options X-DNS-Prefetch-Control X-Frame-Options X-SourceMap " +
  "X-Temp-Tablet X-XSS-Protection";

let canonical: Map<string, string> | undefined;

/** The canonical spelling of a common header (by its lower-case name), or undefined for other headers. */
function commonHeaderName(lowerName: string): string | undefined {
  if (canonical === undefined) {
    canonical = new Map();
    for (const name of commonNames.split(" ")) canonical.set(name.toLowerCase(), name);
  }
  return canonical.get(lowerName);
}

/** What the serializer learnt about the headers it wrote. */
export interface WireHeaders {
  /** The header lines (each ending in CRLF), without Date / Content-Length. */
  text: string;
  hasContentType: boolean;
  hasDate: boolean;
}

interface Entry {
  name: string;
  value: string;
}

/**
 * Serialise header pairs in Bun's order and spelling. `pairs` are [name, value]
 * in insertion order (names as the program wrote them). Content-Length and
 * Transfer-Encoding are dropped: the server writes its own framing.
 * `extraSetCookies` (from req.cookies) follow the common headers.
 */
export function wireHeaders(pairs: Iterable<readonly [string, string]>, extraSetCookies?: readonly string[]): WireHeaders {
  const { cookies, common, other, hasContentType, hasDate } = collect(pairs);
  let text = cookies.map((value) => `set-cookie: ${value}\r\n`).join("");
  for (const entry of common.values()) text += `${entry.name}: ${entry.value}\r\n`;
  // req.cookies changes are appended to the response's headers after it was made.
  if (extraSetCookies !== undefined) for (const cookie of extraSetCookies) text += `Set-Cookie: ${cookie}\r\n`;
  for (const entry of other.values()) text += `${entry.name}: ${entry.value}\r\n`;
  return { text, hasContentType, hasDate };
}

/**
 * The same headers sorted by lower-case name (common and other alike), Set-Cookie
 * last: how Bun writes the headers of a Response given as a route, which it
 * serialises once.
 */
export function sortedWireHeaders(pairs: Iterable<readonly [string, string]>): WireHeaders {
  const { cookies, common, other, hasContentType, hasDate } = collect(pairs);
  const lines: [string, string][] = [];
  for (const [lower, entry] of [...common, ...other]) lines.push([lower, `${entry.name}: ${entry.value}\r\n`]);
  lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = lines.map(([, line]) => line).join("") + cookies.map((value) => `set-cookie: ${value}\r\n`).join("");
  return { text, hasContentType, hasDate };
}

interface Collected {
  cookies: string[];
  common: Map<string, Entry>;
  other: Map<string, Entry>;
  hasContentType: boolean;
  hasDate: boolean;
}

/** Pairs grouped by lower-case name (values joined with ", "), common names in their canonical spelling. */
function collect(pairs: Iterable<readonly [string, string]>): Collected {
  const collected: Collected = { cookies: [], common: new Map(), other: new Map(), hasContentType: false, hasDate: false };
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    if (lower === "set-cookie") {
      collected.cookies.push(value);
      continue;
    }
    if (lower === "content-length" || lower === "transfer-encoding") continue;
    if (lower === "content-type") collected.hasContentType = true;
    else if (lower === "date") collected.hasDate = true;
    const known = commonHeaderName(lower);
    const bucket = known === undefined ? collected.other : collected.common;
    const entry = bucket.get(lower);
    if (entry === undefined) bucket.set(lower, { name: known ?? name, value });
    else entry.value += `, ${value}`;
  }
  return collected;
}
