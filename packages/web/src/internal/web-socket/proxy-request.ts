// The CONNECT request Bun 1.4.5's WebSocket client sends its proxy, byte for
// byte: `CONNECT host:port HTTP/1.1`, then Host, `Proxy-Connection: Keep-Alive`
// and (for credentials in the proxy URL) `Proxy-Authorization: Basic …`, each
// left out when the program gave that header itself; then the program's proxy
// headers, one line per name (repeats joined with ", ", the first spelling
// kept, common names in WebKit's spelling), sorted by name code unit by code
// unit as Bun writes them.
import { commonHeaderSpelling } from "../headers/common-names.ts";
import type { HandshakeHeaders } from "./options.ts";

/** `host:port` of a ws:/wss: URL, the port always written (an IPv6 host keeps its brackets). */
function authority(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === "wss:" ? "443" : "80")}`;
}

/** Percent-decoding to bytes, as Bun decodes the proxy URL's credentials (a `%` not followed by two hex digits stays). */
function percentDecode(text: string): Buffer {
  const bytes = Buffer.from(text);
  const out: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const hex = bytes.subarray(index + 1, index + 3).toString("latin1");
    if (bytes[index] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      out.push(bytes[index] as number);
    }
  }
  return Buffer.from(out);
}

function basicCredentials(proxy: URL): string | undefined {
  if (proxy.username === "" && proxy.password === "") return undefined;
  const pair = Buffer.concat([percentDecode(proxy.username), Buffer.from(":"), percentDecode(proxy.password)]);
  return `Basic ${pair.toString("base64")}`;
}

/** The program's headers merged by name (case-insensitively), spelt and sorted as Bun writes them. */
function userLines(headers: HandshakeHeaders): Array<[string, string]> {
  const merged = new Map<string, [string, string]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const existing = merged.get(key);
    if (existing) existing[1] = `${existing[1]}, ${value}`;
    else merged.set(key, [commonHeaderSpelling(key) ?? name, value]);
  }
  return [...merged.values()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The whole CONNECT request head (Latin-1 text: each character one byte on the wire). */
export function connectRequest(target: URL, proxy: URL, headers: HandshakeHeaders): string {
  const user = userLines(headers);
  const given = new Set(user.map(([name]) => name.toLowerCase()));
  const lines: Array<[string, string]> = [];
  const hostPort = authority(target);
  if (!given.has("host")) lines.push(["Host", hostPort]);
  if (!given.has("proxy-connection")) lines.push(["Proxy-Connection", "Keep-Alive"]);
  const credentials = basicCredentials(proxy);
  if (credentials !== undefined && !given.has("proxy-authorization")) lines.push(["Proxy-Authorization", credentials]);
  lines.push(...user);
  return `CONNECT ${hostPort} HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
}
