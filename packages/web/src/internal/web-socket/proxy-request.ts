// The CONNECT request Bun 1.4.5's WebSocket client sends its proxy, byte for
// byte: `CONNECT host:port HTTP/1.1`, then Host, `Proxy-Connection: Keep-Alive`
// and (for credentials in the proxy URL) `Proxy-Authorization: Basic …`, each
// left out when the program gave that header itself; then the program's proxy
// headers, one line per name (repeats joined with ", ", the first spelling
// kept, common names in WebKit's spelling), sorted by name code unit by code
// unit as Bun writes them.
import type { HeaderPairs } from "../headers/header-init.ts";
import { wireLines } from "../headers/wire-lines.ts";
import { basicCredentials } from "./credentials.ts";

/** `host:port` of a ws:/wss: URL, the port always written (an IPv6 host keeps its brackets). */
function authority(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === "wss:" ? "443" : "80")}`;
}

/** The whole CONNECT request head (Latin-1 text: each character one byte on the wire). */
export function connectRequest(target: URL, proxy: URL, headers: HeaderPairs): string {
  const user = wireLines(headers);
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
