// Writing straight to a node:http ServerResponse: the head Bun would send is
// built as one string and handed to Node as the message's already-formatted
// header (`_header`), so Node adds nothing of its own (no Connection /
// Keep-Alive lines) while its keep-alive, pipelining and finish bookkeeping
// stay in charge.
import type { ServerResponse } from "node:http";
import { Http2ServerResponse } from "node:http2";

interface NodeOutgoing {
  _header: string | null;
  _headerSent: boolean;
  _last: boolean;
  chunkedEncoding: boolean;
  statusCode: number;
}

/** HTTP/1-only header lines, which an HTTP/2 response must not carry. */
const connectionSpecific = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te"]);

/** An HTTP/2 stream (server `http2: true`): the same head, given to Node as a header list. */
function writeHeadH2(response: Http2ServerResponse, status: number, head: string): void {
  const headers: Record<string, string | string[]> = {};
  const lines = head.split("\r\n");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    if (connectionSpecific.has(name)) continue;
    const value = line.slice(colon + 1).trim();
    const seen = headers[name];
    headers[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  response.writeHead(status, headers);
}

/** Install `head` (status line + headers + blank line) as the response's header. */
export function setHead(response: ServerResponse, status: number, head: string, chunked = false): void {
  if (response instanceof Http2ServerResponse) {
    writeHeadH2(response, status, head);
    return;
  }
  const outgoing = response as unknown as NodeOutgoing;
  outgoing.statusCode = status;
  outgoing._header = head;
  outgoing.chunkedEncoding = chunked;
  // Node would have decided this while formatting its own header.
  outgoing._last = lastOnConnection(response);
}

/** Bun closes after this response: the client asked to, or spoke HTTP/1.0 (even with keep-alive). */
function lastOnConnection(response: ServerResponse): boolean {
  return !response.shouldKeepAlive || response.req.httpVersionMinor === 0;
}

/** Send a complete response: head and body in one write. */
export function sendWhole(response: ServerResponse, status: number, head: string, body: string | Uint8Array | undefined, bodyless: boolean): void {
  setHead(response, status, head);
  if (bodyless || body === undefined || body.length === 0) response.end();
  else response.end(body);
}

/**
 * Send bytes that already hold the whole response (status line, headers and
 * body): Node's header step is marked done, so the buffer is the only write.
 */
export function sendPrebuilt(response: ServerResponse, status: number, wire: { head: string; bytes: Buffer }, body: Uint8Array): void {
  if (response instanceof Http2ServerResponse) {
    sendWhole(response, status, wire.head, body, false);
    return;
  }
  const outgoing = response as unknown as NodeOutgoing;
  outgoing.statusCode = status;
  // (`_header` keeps the head for anything that inspects it; it is not written again.)
  outgoing._header = wire.head;
  outgoing._headerSent = true;
  outgoing.chunkedEncoding = false;
  outgoing._last = lastOnConnection(response);
  response.end(wire.bytes);
}

/** Bun's reply when the request itself is unacceptable: a bare status line, then close. */
export function rejectConnection(socket: { writable: boolean; end(data: string): void; destroySoon?: () => void }, statusLine: string): void {
  if (socket.writable) socket.end(`${statusLine}Connection: close\r\n\r\n`);
}
