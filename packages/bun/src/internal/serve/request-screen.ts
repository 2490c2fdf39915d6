// Requests Bun's HTTP parser refuses, where Node's accepts or answers them
// otherwise. Learnt from Bun 1.4.5 over raw requests (test/serve.differential.test.ts):
// - an HTTP version other than 1.0 or 1.1 (HTTP/2.0 in an HTTP/1 request line,
//   HTTP/0.9's bare "GET /") gets 505, as do request lines Node's parser
//   rejects around the version (a space in the target, "http/1.1", a bare LF);
// - more than 198 header fields get 431 (Node keeps up to 2 000);
// - a target that is neither a path nor an http(s) URL ("*", "?q", "ftp://…")
//   gets 400; an http(s) URL is reduced to its path, and the Host header gives
//   the origin (Bun's req.url for "GET https://x/y" with "Host: a" is "http://a/y");
// - a method Node's parser does not know gets Bun's answer for its request
//   line (see methodRefusal), which for a well-formed one is no answer at all.
// Each refusal is the status line and "Connection: close", nothing more.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

const MOST_HEADER_FIELDS = 198;

/** node:http's parse errors: llhttp's code and reason, and the bytes it was parsing. */
type ParseError = Error & { code?: string; reason?: string; rawPacket?: Buffer };
const ABSOLUTE_FORM = /^https?:\/\/[^/]*/i;

const REASONS: Record<number, string> = { 400: "Bad Request", 431: "Request Header Fields Too Large", 505: "HTTP Version Not Supported" };

/** The bytes of a refusal with this status. */
export function refusal(status: number): string {
  return `HTTP/1.1 ${status} ${REASONS[status] ?? ""}\r\nConnection: close\r\n\r\n`;
}

/**
 * The status Bun refuses `incoming` with, or undefined when it is served. An
 * absolute-form target is rewritten to its path on the way (as Bun's parser does).
 */
export function screenRequest(incoming: IncomingMessage): number | undefined {
  if (incoming.httpVersionMajor !== 1 || incoming.httpVersionMinor > 1) return 505;
  if (incoming.rawHeaders.length > MOST_HEADER_FIELDS * 2) return 431;
  // CONNECT's target is an authority; node:http takes it elsewhere ('connect', which Bun.serve does not serve).
  if (incoming.method === "CONNECT") return undefined;
  const target = incoming.url ?? "";
  if (target.charCodeAt(0) === 47 /* "/" */) return undefined;
  const origin = ABSOLUTE_FORM.exec(target);
  if (origin === null) return 400;
  incoming.url = target.slice(origin[0].length) || "/";
  return undefined;
}

/**
 * Bun's answer to a request Node's parser stopped at its method (Node knows a
 * fixed list of methods; Bun reads the whole head first): a request line
 * without a space or with a target that is not a path or an http(s) URL gets
 * 400, one without a version 505; a method with
 * characters other than letters and "-" gets 400 (505 for control or
 * non-ASCII characters); a method of letters Bun does not serve (a lower-case
 * "get", "FOO") gets 400 over HTTP/1.1 without a Host, and otherwise no answer.
 */
function methodRefusal(packet: Buffer | undefined): number | "close" {
  const text = packet?.toString("latin1") ?? "";
  const lineEnd = text.indexOf("\r\n");
  // An unfinished request line: Bun waits for the rest, and gets nothing more here.
  if (lineEnd === -1) return "close";
  const [method = "", target, version] = text.slice(0, lineEnd).split(" ");
  if (target === undefined || (target.charCodeAt(0) !== 47 /* "/" */ && !ABSOLUTE_FORM.test(target))) return 400;
  if (version === undefined) return 505;
  if (!/^[A-Za-z-]+$/.test(method)) return /^[\x21-\x7e]+$/.test(method) ? 400 : 505;
  const headEnd = text.indexOf("\r\n\r\n");
  const head = headEnd === -1 ? text : text.slice(0, headEnd);
  return version === "HTTP/1.1" && !/\r\nhost:/i.test(head) ? 400 : "close";
}

/** Node's parse errors that Bun answers with a status of its own (the rest get Node's 400 or 431, which are Bun's too). */
function parseErrorStatus(error: ParseError): number | "close" | undefined {
  if (error.code === "HPE_INVALID_METHOD") return methodRefusal(error.rawPacket);
  const aboutVersion = /version|Expected HTTP\//i.test(error.reason ?? "");
  if (aboutVersion && (error.code === "HPE_INVALID_VERSION" || error.code === "HPE_INVALID_CONSTANT" || error.code === "HPE_STRICT")) return 505;
  return undefined;
}

/** Node's default answers to a connection's errors, as http.Server gives them without a 'clientError' listener. */
function nodeDefault(code: string | undefined): string {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return refusal(431);
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n";
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n";
    default:
      return refusal(400);
  }
}

const deferred = new WeakMap<IncomingMessage, number>();

/** A refusal behind a response still being written: the request listener answers it in its turn. */
export function deferRefusal(incoming: IncomingMessage, status: number): void {
  deferred.set(incoming, status);
}

export function deferredRefusal(incoming: IncomingMessage): number | undefined {
  return deferred.get(incoming);
}

/** A deferred refusal through node:http's response, with the same bytes as a direct one (no Date, no framing). */
export function answerDeferred(out: ServerResponse, status: number): void {
  out.sendDate = false;
  out.removeHeader("content-length");
  out.removeHeader("transfer-encoding");
  out.writeHead(status, REASONS[status], { Connection: "close" }).end();
}

/** Sockets being closed after a refusal: later parse errors or requests on them are ignored. */
const closing = new WeakSet<Duplex>();

/**
 * Sends `bytes` after whatever the connection has already written, then closes it.
 * A response already partly written (`_httpMessage`) is not cut into: the
 * connection is closed without the refusal, as node:http does.
 */
export function refuseConnection(socket: Duplex, bytes: string | undefined): void {
  if (closing.has(socket)) return;
  closing.add(socket);
  const { _httpMessage: current, bytesWritten } = socket as { _httpMessage?: unknown; bytesWritten?: number };
  if (bytes === undefined || (current != null && bytesWritten !== 0) || !socket.writable) socket.destroy();
  else socket.end(bytes, "latin1", () => socket.destroy());
}

export function isClosing(socket: Duplex): boolean {
  return closing.has(socket);
}

/** A 'clientError' listener: Bun's answer where it differs from Node's, Node's otherwise. */
export function answerParseError(error: ParseError, socket: Duplex): void {
  // Bytes after a request that closes the connection: Bun answers what came before and reads no further.
  if (error.code === "HPE_CLOSED_CONNECTION") return;
  const status = parseErrorStatus(error);
  refuseConnection(socket, status === "close" ? undefined : status === undefined ? nodeDefault(error.code) : refusal(status));
}
