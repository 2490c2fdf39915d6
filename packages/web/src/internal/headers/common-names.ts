// The header names Bun (WebKit's HTTPHeaderNames) stores as "common": Bun's
// Headers.toJSON lists them first, in insertion order, then `set-cookie`, then
// every other name in insertion order. Worked out by asking Bun 1.4.5 which
// names sort ahead of an unknown one; the spellings are the ones Bun 1.4.5
// writes on the wire for a name given in lower case (WebSocket proxy headers).
const spellings: readonly string[] = [
  "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges", "Access-Control-Allow-Credentials",
  "Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers",
  "Access-Control-Max-Age", "Access-Control-Request-Headers", "Access-Control-Request-Method", "Age", "Authorization", "Cache-Control", "Connection",
  "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location", "Content-Range", "Content-Security-Policy",
  "Content-Security-Policy-Report-Only", "Content-Type", "Cookie", "Cookie2", "Cross-Origin-Embedder-Policy",
  "Cross-Origin-Embedder-Policy-Report-Only", "Cross-Origin-Opener-Policy", "Cross-Origin-Opener-Policy-Report-Only", "Cross-Origin-Resource-Policy",
  "DNT", "Date", "Default-Style", "ETag", "Expect", "Expires", "Host", "Icy-Metadata", "Icy-Metaint", "If-Match", "If-Modified-Since",
  "If-None-Match", "If-Range", "If-Unmodified-Since", "Keep-Alive", "Last-Event-Id", "Last-Modified", "Link", "Location", "Origin", "Ping-From",
  "Ping-To", "Pragma", "Proxy-Authorization", "Proxy-Connection", "Purpose", "Range", "Referer", "Referrer-Policy", "Refresh", "Report-To",
  "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-WebSocket-Accept", "Sec-WebSocket-Extensions", "Sec-WebSocket-Key", "Sec-WebSocket-Protocol",
  "Sec-WebSocket-Version", "Server-Timing", "Service-Worker", "Service-Worker-Allowed", "Service-Worker-Navigation-Preload", "Set-Cookie2",
  "Sourcemap", "Strict-Transport-Security", "TE", "Timing-Allow-Origin", "Trailer", "Transfer-Encoding", "Upgrade", "Upgrade-Insecure-Requests",
  "User-Agent", "Vary", "Via", "X-Content-Type-Options", "X-DNS-Prefetch-Control", "X-Frame-Options", "X-Sourcemap", "X-Temp-Tablet",
  "X-XSS-Protection",
];

const canonical: ReadonlyMap<string, string> = new Map(spellings.map((name) => [name.toLowerCase(), name]));

export function isCommonHeaderName(lowercaseName: string): boolean {
  return canonical.has(lowercaseName);
}

/** How Bun spells a common header name (given in lower case), or undefined for any other name. */
export function commonHeaderSpelling(lowercaseName: string): string | undefined {
  return canonical.get(lowercaseName);
}
