// Bun.connect on node:net / node:tls: the promise settles as Bun's does — with
// the socket once `open` ran, or with Bun's "Failed to connect" error after
// `connectError` ran.
import { connect as netConnect, type Socket as NetSocket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { connectFailure } from "./errors.ts";
import { readInLargeChunks } from "./large-reads.ts";
import type { SocketOptions } from "./options.ts";
import { BunSocket, callHandler } from "./tcp-socket.ts";

function dial(options: SocketOptions): NetSocket {
  const { endpoint, tls } = options;
  const target = endpoint.kind === "unix" ? { path: endpoint.path } : { host: endpoint.hostname, port: endpoint.port };
  // Node must not end or close on its own: the socket decides, as Bun does.
  if (tls === undefined) {
    const socket = netConnect({ ...target, allowHalfOpen: true });
    readInLargeChunks(socket);
    return socket;
  }
  return tlsConnect({
    ...target,
    ...tls.context,
    allowHalfOpen: true,
    // Verified by hand after the handshake, so that `handshake` can report a refused peer.
    rejectUnauthorized: false,
    ...(tls.serverName === undefined ? {} : { servername: tls.serverName }),
    ...(tls.ALPNProtocols === undefined ? {} : { ALPNProtocols: tls.ALPNProtocols }),
  });
}

export function connectSocket(options: SocketOptions): Promise<BunSocket> {
  const raw = dial(options);
  const slot = { handlers: options.handlers };
  const socket = new BunSocket({ raw, slot, data: options.data, allowHalfOpen: options.allowHalfOpen, tls: options.tls, isServer: false });
  BunSocket.attach(socket);
  const promise = new Promise<BunSocket>((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      const first = !settled;
      settled = true;
      return first;
    };
    const fail = (cause: Error): void => {
      if (!settle()) return;
      BunSocket.finish(socket, undefined);
      const error = connectFailure(cause);
      callHandler(socket, slot.handlers, "connectError", error);
      reject(error);
    };
    raw.once("error", fail);
    raw.once("connect", () => {
      if (options.tls !== undefined && slot.handlers.handshake === undefined) return;
      raw.off("error", fail);
      BunSocket.opened(socket);
      if (settle()) resolve(socket);
    });
    if (options.tls !== undefined) {
      raw.once("secureConnect", () => {
        raw.off("error", fail);
        BunSocket.handshaken(socket);
        if (settle()) resolve(socket);
      });
    }
  });
  // With a connectError handler the rejection is handled: Bun keeps it off the unhandled-rejection queue.
  if (options.handlers.connectError !== undefined) promise.catch(() => undefined);
  return promise;
}
