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
import { announcesBody } from "./raw-headers.ts";

/** node:http's per-connection parser: `onIncoming(request, keepAlive)` returns 0, or 2 for an upgrade. */
interface NodeParser {
  onIncoming: ((incoming: ParsedRequest, keepAlive: boolean) => number) | null;
}

/** The request as the parser hands it over: `upgrade` is set for Upgrade and CONNECT requests. */
interface ParsedRequest extends IncomingMessage {
  upgrade: boolean;
  // node:http's own: whether anyone read the body, and how it reads and drops an unread one.
  _consuming: boolean;
  _readableState: { resumeScheduled: boolean };
  _dump(): void;
}

interface NodeHttpSocket extends Socket {
  parser?: NodeParser | null;
  _httpMessage?: unknown;
  _paused?: boolean;
}

/** A whole answer: prebuilt bytes, or a head (latin1) and a body. */
export type EarlyBytes = Buffer | { readonly head: string; readonly body: string | Uint8Array | undefined };

/** What `answer` returns when the handler answers later: the server then calls `later.send` or `later.handOn`, once. */
export const LATER: unique symbol = Symbol("answer later");

/** How a server finishes a request it took with LATER. */
export interface LaterAnswer {
  /** Write the answer, then take the requests that arrived on the connection meanwhile. */
  send(bytes: EarlyBytes): void;
  /** Give the request to node:http after all: its 'request' event is emitted before this returns. */
  handOn(): void;
}

/** The answer to write for this request, LATER if the server will give it later, or undefined to leave it to node:http. */
export type EarlyAnswer = (incoming: IncomingMessage, later: LaterAnswer) => EarlyBytes | typeof LATER | undefined;

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
    const connection = new Connection(socket, nodeOnIncoming, answer, screen);
    // Node sets a fresh onIncoming for every connection a pooled parser serves.
    parser.onIncoming = (incoming, keepAlive) => connection.take(incoming, keepAlive);
  });
}

/**
 * One HTTP/1 connection's requests as the parser hands them over.
 *
 * While a request the server took with LATER is unanswered, this object
 * stands in for node:http's ServerResponse as the socket's `_httpMessage`, so
 * that node:http treats the connection as busy (`closeIdleConnections`, which
 * Bun's `stop()` uses, leaves it open; a timeout finds no one to tell, as with
 * a ServerResponse, and closes it), and the requests pipelined behind it wait
 * here, in order, with the socket paused, until it is answered.
 */
class Connection implements LaterAnswer {
  // The fields node:http reads on a socket's `_httpMessage`.
  readonly finished = false;
  readonly _headerSent = false;
  readonly #socket: NodeHttpSocket;
  readonly #nodeOnIncoming: (incoming: ParsedRequest, keepAlive: boolean) => number;
  readonly #answer: EarlyAnswer;
  readonly #screen: Screen;
  #pending: ParsedRequest | undefined;
  #pendingKeepAlive = false;
  /** Requests that arrived while one was pending: request, keepAlive, request, keepAlive... */
  #waiting: (ParsedRequest | boolean)[] = [];
  #paused = false;
  #watching = false;

  constructor(socket: NodeHttpSocket, nodeOnIncoming: (incoming: ParsedRequest, keepAlive: boolean) => number, answer: EarlyAnswer, screen: Screen) {
    this.#socket = socket;
    this.#nodeOnIncoming = nodeOnIncoming;
    this.#answer = answer;
    this.#screen = screen;
  }

  /** node:http emits 'timeout' on `_httpMessage`: no one listens here. */
  emit(): boolean {
    return false;
  }

  take(incoming: ParsedRequest, keepAlive: boolean): number {
    const socket = this.#socket;
    if (this.#pending !== undefined) {
      this.#wait(incoming, keepAlive);
      return 0;
    }
    // A refused request closes the connection; what the parser still finds after it is dropped.
    if (this.#screen.closing(socket)) return 0;
    const status = this.#screen.refuse(incoming);
    if (status !== undefined) {
      if (socket._httpMessage == null) {
        this.#screen.close(socket, status);
        return 0;
      }
      this.#screen.defer(incoming, status);
    }
    if (keepAlive && !incoming.upgrade && socket._httpMessage == null && !requestStart.hasSubscribers && !responseFinish.hasSubscribers) {
      const bytes = this.#answer(incoming, this);
      if (bytes === LATER) {
        this.#begin(incoming, keepAlive);
        return 0;
      }
      if (bytes !== undefined) {
        writeAnswer(socket, bytes);
        dropUnreadBody(incoming);
        return 0;
      }
    }
    return this.#nodeOnIncoming(incoming, keepAlive);
  }

  send(bytes: EarlyBytes): void {
    const incoming = this.#end();
    if (incoming === undefined) return;
    if (this.#socket.writable) writeAnswer(this.#socket, bytes);
    dropUnreadBody(incoming);
    this.#takeWaiting();
  }

  handOn(): void {
    const incoming = this.#end();
    if (incoming === undefined) return;
    this.#nodeOnIncoming(incoming, this.#pendingKeepAlive);
    this.#takeWaiting();
  }

  #begin(incoming: ParsedRequest, keepAlive: boolean): void {
    this.#pending = incoming;
    this.#pendingKeepAlive = keepAlive;
    const socket = this.#socket;
    socket._httpMessage = this;
    if (!this.#watching) {
      this.#watching = true;
      socket.on("close", () => this.#closed());
    }
  }

  #end(): ParsedRequest | undefined {
    const incoming = this.#pending;
    this.#pending = undefined;
    if (this.#socket._httpMessage === this) this.#socket._httpMessage = null;
    return incoming;
  }

  #wait(incoming: ParsedRequest, keepAlive: boolean): void {
    this.#waiting.push(incoming, keepAlive);
    if (!this.#paused) {
      this.#paused = true;
      this.#socket.pause();
    }
  }

  /** The requests that waited, in order, until one of them is pending in turn. */
  #takeWaiting(): void {
    const waiting = this.#waiting;
    while (waiting.length > 0 && this.#pending === undefined) {
      const incoming = waiting.shift() as ParsedRequest;
      const keepAlive = waiting.shift() as boolean;
      this.take(incoming, keepAlive);
    }
    if (waiting.length === 0 && this.#paused) {
      this.#paused = false;
      // (node:http resumes the socket itself when it paused it for a slow reader.)
      if (this.#socket._paused !== true) this.#socket.resume();
    }
  }

  /** As node:http does for the requests it holds when their connection closes: they are aborted. */
  #closed(): void {
    this.#waiting.length = 0;
    const incoming = this.#pending;
    if (incoming !== undefined && !incoming.destroyed) incoming.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
  }
}

/**
 * As node:http does once it has answered: a body nobody read is read and
 * dropped, or the parser would stop at a full buffer and the connection with it.
 * Unlike node:http, a request without a body is left alone: dumping it costs a
 * stream resume and a tick per request (about a tenth of a hello-world
 * server's requests/s).
 */
function dropUnreadBody(incoming: ParsedRequest): void {
  if (incoming._consuming || incoming._readableState.resumeScheduled) return;
  if (incoming.complete ? incoming.readableLength > 0 : announcesBody(incoming.rawHeaders)) incoming._dump();
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
