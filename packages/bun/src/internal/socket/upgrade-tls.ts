// `socket.upgradeTLS({ tls, socket, data })`: STARTTLS on an open TCP socket,
// as Bun does it. The call returns `[raw, tls]`:
// - `raw` is a new object with the old socket's handlers and data (the old
//   object is left detached and reads as closed). It still sees every byte on
//   the wire, so its `data` handler gets the TLS records, as Bun's does; the
//   peer's FIN goes to the TLS half, and `raw`'s `close` runs first at the end.
// - `tls` is a TLS socket with the new handlers and data; its `open` runs inside
//   the call, then `handshake` (and `drain`) once the handshake is done.
// Node's TLS runs over a Duplex fed from the TCP socket's 'data' events, which
// is what lets both halves see their bytes.
import type { Socket as NetSocket } from "node:net";
import { Duplex } from "node:stream";
import { connect as tlsConnect, createSecureContext, TLSSocket } from "node:tls";
import { invalidArgType } from "../errors.ts";
import { parseHandlers, type SocketHandlers } from "./handlers.ts";
import { BunSocket, type DetachedSocket } from "./tcp-socket.ts";
import { parseTls, type TlsSettings } from "./tls-options.ts";

interface UpgradeOptions {
  handlers: SocketHandlers;
  tls: TlsSettings;
  data: unknown;
}

/** Bun's checks, in Bun's order; plain `Error`s for the missing pieces, as Bun throws them. */
function parseUpgradeOptions(value: unknown, isServer: boolean): UpgradeOptions {
  if (typeof value !== "object" || value === null) throw new Error("Expected options object");
  const options = value as Record<string, unknown>;
  const socket = options["socket"];
  if (socket === undefined || socket === null) throw new Error('Expected "socket" option');
  if (typeof socket !== "object") throw invalidArgType("SocketHandler must be an object");
  const tlsOption = options["tls"];
  if (tlsOption !== true && typeof tlsOption !== "object") {
    if (tlsOption === undefined || tlsOption === false) throw new Error('Expected "tls" option');
    throw invalidArgType("TLSOptions must be an object");
  }
  // An object that sets nothing is no TLS configuration at all to Bun.
  if (tlsOption === null || (tlsOption !== true && Object.keys(tlsOption).length === 0)) throw new Error('Expected "tls" option');
  const handlers = parseHandlers(socket);
  const tls = parseTls(tlsOption, !isServer) as TlsSettings;
  return { handlers, tls, data: options["data"] };
}

/** The TCP connection as a Duplex for node:tls: reads what the socket reads, writes straight to it. */
function carrierStream(tcp: NetSocket): Duplex {
  const carrier = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      if (tcp.destroyed || tcp.writableEnded) callback();
      else tcp.write(chunk, () => callback());
    },
    final(callback) {
      tcp.end();
      callback();
    },
    // The TLS session is gone: so is the connection (after what is queued), as in Bun.
    destroy(error, callback) {
      if (!tcp.destroyed) tcp.destroySoon();
      callback(error);
    },
  });
  tcp.on("data", (chunk: Buffer) => carrier.push(chunk));
  tcp.on("end", () => carrier.push(null));
  tcp.on("close", () => carrier.destroy());
  return carrier;
}

function secureOver(carrier: Duplex, tls: TlsSettings, isServer: boolean): TLSSocket {
  const alpn = tls.ALPNProtocols === undefined ? {} : { ALPNProtocols: tls.ALPNProtocols };
  if (isServer) {
    return new TLSSocket(carrier, { isServer: true, secureContext: createSecureContext(tls.context), requestCert: tls.requestCert, rejectUnauthorized: false, ...alpn });
  }
  // Verified by hand after the handshake (BunSocket), so that `handshake` can report a refused peer.
  return tlsConnect({ socket: carrier, ...tls.context, allowHalfOpen: true, rejectUnauthorized: false, ...(tls.serverName === undefined ? {} : { servername: tls.serverName }), ...alpn });
}

function rawHalf(detached: DetachedSocket): BunSocket {
  // Not in the listener's set: Bun's `stop(true)` leaves an upgraded connection open.
  const raw = new BunSocket({ raw: detached.raw, slot: detached.slot, data: detached.data, allowHalfOpen: detached.allowHalfOpen, isServer: detached.isServer, listener: detached.listener, carrier: true });
  BunSocket.attach(raw);
  BunSocket.resume(raw);
  return raw;
}

function tlsHalf(detached: DetachedSocket, options: UpgradeOptions): BunSocket {
  const secured = secureOver(carrierStream(detached.raw), options.tls, detached.isServer);
  const socket = new BunSocket({ raw: secured, slot: { handlers: options.handlers }, data: options.data, allowHalfOpen: detached.allowHalfOpen, tls: options.tls, isServer: detached.isServer, wire: detached.raw });
  BunSocket.attach(socket);
  // `open` now when there is a `handshake` handler, else once the handshake is done (readyState is 1 from the start).
  if (options.handlers.handshake !== undefined) BunSocket.opened(socket);
  else BunSocket.resume(socket);
  secured.once(detached.isServer ? "secure" : "secureConnect", () => BunSocket.handshaken(socket, true));
  return socket;
}

export function upgradeTls(socket: BunSocket, args: unknown[]): [BunSocket, BunSocket] | undefined {
  if (args.length === 0) throw new Error("Expected 1 arguments");
  const kind = BunSocket.kind(socket);
  // Bun answers undefined, not an error, when the socket already speaks TLS.
  if (kind === "tls") return undefined;
  if (kind === "closed") throw invalidArgType("upgradeTLS requires an established socket");
  const options = parseUpgradeOptions(args[0], BunSocket.isServer(socket));
  const detached = BunSocket.detach(socket);
  const raw = rawHalf(detached);
  return [raw, tlsHalf(detached, options)];
}
