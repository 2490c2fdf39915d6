// Requests answered as soon as node:http has parsed their head, before it
// builds a ServerResponse for them.
//
// Bun serves a static route without running JavaScript per request, and a
// fetch handler's Response straight from native code. On Node the closest
// thing is to skip what node:http does per request besides parsing: a
// ServerResponse, its 'finish' bookkeeping, the request stream's end and
// dump. That is about a third of a simple answer's cost (measured with wrk:
// a static route went from parity to 1.45x raw node:http's requests/s), so
// the server may answer here whenever nothing about the request needs
// node:http's machinery:
//
// - the connection stays open (`keepAlive`) and is not being upgraded;
// - no earlier response on the connection is still being written
//   (`socket._httpMessage`), so the bytes cannot overtake a pipelined answer;
// - nobody listens on node:http's diagnostics channels, which would miss it.
//
// Everything else, every request the server does not answer at once, and any
// Node whose parser does not look as expected goes through node:http's own
// `onIncoming` unchanged. The same hook first screens every request for the
// ones Bun's parser refuses (see request-screen.ts). The server decides per request (`answer`); this
// file owns the node:http internals it relies on.
import { channel } from "node:diagnostics_channel";
import type { IncomingMessage, Server as NodeServer } from "node:http";
import type { Socket } from "node:net";
import { Buffer } from "node:buffer";

/** node:http's per-connection parser: `onIncoming(request, keepAlive)` returns 0, or 2 for an upgrade. */
interface NodeParser {
  onIncoming: ((incoming: ParsedRequest, keepAlive: boolean) => number) | null;
}

/** The request as the parser hands it over: `upgrade` is set for Upgrade and CONNECT requests. */
interface ParsedRequest extends IncomingMessage {
  upgrade: boolean;
}

interface NodeHttpSocket extends Socket {
  parser?: NodeParser | null;
  _httpMessage?: unknown;
  _paused?: boolean;
}

/** A whole answer: prebuilt bytes, or a head (latin1) and a body. */
export type EarlyBytes = Buffer | { readonly head: string; readonly body: string | Uint8Array | undefined };

/** The answer to write for this request, or undefined to leave it to node:http. */
export type EarlyAnswer = (incoming: IncomingMessage) => EarlyBytes | undefined;

/**
 * Requests refused before anything else: `refuse` gives the status (or
 * undefined to serve the request), `close` sends that refusal and closes the
 * connection. A refusal behind a response still being written goes through
 * node:http, for the server's request listener to answer in turn.
 */
export interface Screen {
  refuse(incoming: IncomingMessage): number | undefined;
  close(socket: Socket, status: number): void;
  closing(socket: Socket): boolean;
  defer(incoming: IncomingMessage, status: number): void;
}

const requestStart = channel("http.server.request.start");
const responseFinish = channel("http.server.response.finish");

/**
 * Give `answer` the first look at each request on the server's HTTP/1
 * connections (`event`: "connection" for HTTP, "secureConnection" over TLS;
 * node:http's own listener runs first and attaches the parser).
 */
export function answerEarly(node: NodeServer, event: "connection" | "secureConnection", answer: EarlyAnswer, screen: Screen): void {
  node.on(event, (socket: NodeHttpSocket) => {
    const parser = socket.parser;
    const nodeOnIncoming = parser?.onIncoming;
    // HTTP/2 sessions have no parser; a Node that changed its internals keeps its own path.
    if (parser == null || typeof nodeOnIncoming !== "function") return;
    // Node sets a fresh onIncoming for every connection a pooled parser serves.
    parser.onIncoming = (incoming, keepAlive) => {
      // A refused request closes the connection; what the parser still finds after it is dropped.
      if (screen.closing(socket)) return 0;
      const status = screen.refuse(incoming);
      if (status !== undefined) {
        if (socket._httpMessage == null) {
          screen.close(socket, status);
          return 0;
        }
        screen.defer(incoming, status);
      }
      if (keepAlive && !incoming.upgrade && socket._httpMessage == null && !requestStart.hasSubscribers && !responseFinish.hasSubscribers) {
        const bytes = answer(incoming);
        if (bytes !== undefined) {
          writeAnswer(socket, bytes);
          return 0;
        }
      }
      return nodeOnIncoming(incoming, keepAlive);
    };
  });
}

function writeAnswer(socket: NodeHttpSocket, answer: EarlyBytes): void {
  // As node:http does: a client that stops reading stops being read from
  // (its 'drain' listener resumes the socket and the parser).
  if (socket._paused !== true && socket.writableNeedDrain) {
    socket._paused = true;
    socket.pause();
  }
  if (Buffer.isBuffer(answer)) {
    socket.write(answer);
    return;
  }
  const { head, body } = answer;
  // The same bytes node:http's ServerResponse would send: a string body
  // joined to the head as UTF-8, bytes after a latin1 head in one writev.
  if (body === undefined) socket.write(head, "latin1");
  else if (typeof body === "string") socket.write(head + body, "utf8");
  else {
    socket.cork();
    socket.write(head, "latin1");
    socket.write(body);
    socket.uncork();
  }
}
