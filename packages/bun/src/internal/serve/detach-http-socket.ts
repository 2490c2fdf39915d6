// Taking a connection away from node:http after its parser handed the request
// to 'request' (not 'upgrade'): what Node itself does for an upgrade, done
// later. Bun upgrades a WebSocket handshake whatever its Connection header
// says; llhttp calls it an upgrade only with `Connection: upgrade`, so
// without one the request arrives as a plain request and its socket must be
// taken back from the HTTP machinery before the 101 is written.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { EventEmitter } from "node:events";

/** node:http's parser, as far as this file touches it (an internal object of Node 22 and 24). */
interface HttpParser {
  _consumed?: boolean;
  unconsume?: () => void;
  finish?: () => void;
  remove?: () => void;
}

type HttpSocket = Socket & { parser?: HttpParser | null; server?: EventEmitter | null };

/** The listeners node:http's connection handler adds to a socket, by their function names in Node 22 and 24. */
const httpListenerNames = new Set([
  "bound socketOnData",
  "bound socketOnEnd",
  "bound socketOnClose",
  "bound socketOnDrain",
  "socketOnError",
  "socketOnTimeout",
  "onSocketPause",
  "onSocketResume",
]);

/**
 * Whether the socket can be taken: HTTP/1.1 over a plain or TLS socket whose
 * parser Node left where this file expects it, and no response begun.
 */
export function canDetach(incoming: IncomingMessage, out: ServerResponse): boolean {
  const socket = incoming.socket as HttpSocket | null;
  return incoming.httpVersionMajor === 1 && socket !== null && !out.headersSent && typeof socket.parser?.remove === "function";
}

/**
 * Ends node:http's hold on the request's socket: its listeners removed, the
 * parser told the stream is over and taken off the server's connection list
 * (so neither its timeouts nor `closeIdleConnections` touch the socket), the
 * response detached. The socket is left readable from JavaScript.
 */
export function detachHttpSocket(incoming: IncomingMessage, out: ServerResponse): Socket {
  const socket = incoming.socket as HttpSocket;
  for (const event of ["data", "end", "close", "drain", "error", "timeout", "pause", "resume"]) {
    for (const listener of socket.listeners(event)) {
      if (httpListenerNames.has((listener as { name?: string }).name ?? "")) socket.removeListener(event, listener as () => void);
    }
  }
  const parser = socket.parser;
  if (parser !== null && parser !== undefined) {
    if (parser._consumed === true) parser.unconsume?.();
    parser._consumed = false;
    parser.finish?.();
    parser.remove?.();
    socket.parser = null;
  }
  out.detachSocket(socket);
  keepEarlyBytes(socket);
  return socket;
}

/**
 * Bytes the client sent right behind the handshake, in the same packet, are
 * still in front of Node's parser when the program upgrades from its `fetch`:
 * the parser reads them as the next request and fails, and node:http would
 * answer 400 and destroy the socket. Its failure path asks `socket.server` to
 * emit 'clientError' first; for this socket alone, that emit hands the bytes
 * back to the socket (the WebSocket reads them next), as Bun keeps them.
 */
function keepEarlyBytes(socket: HttpSocket): void {
  const server = socket.server;
  if (server === undefined || server === null) return;
  const shim = Object.create(server) as EventEmitter;
  shim.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== "clientError" || args[1] !== socket) return server.emit(event, ...args);
    const failure = args[0] as { rawPacket?: Buffer; bytesParsed?: number };
    const rest = failure.rawPacket?.subarray(failure.bytesParsed ?? 0);
    if (rest !== undefined && rest.length > 0 && !socket.destroyed) socket.unshift(rest);
    return true;
  };
  socket.server = shim;
}
