// The WebSocket `proxy` option as Bun 1.4.5 does it: a CONNECT tunnel for ws:
// and wss: alike (never an absolute-form GET), over TCP to an http: proxy or
// TLS to an https: one (the `tls` options apply to the proxy too, its SNI is
// the proxy's host name). On a 2xx answer the tunnel is the connection: for
// wss: TLS to the target runs inside it. The opening handshake then goes over
// it as over a direct connection. Failures carry Bun's words (ConnectFailure)
// or are Node's errors, translated like a direct connection's.
import { connect as netConnect, isIP, type Socket } from "node:net";
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from "node:tls";
import { ConnectFailure } from "./failures.ts";
import type { HeaderPairs } from "../headers/header-init.ts";
import { readProxyAnswer, refusal } from "./proxy-answer.ts";
import { connectRequest } from "./proxy-request.ts";

export interface TunnelSettings {
  proxy: URL;
  headers: HeaderPairs;
  target: URL;
  /** Bun's `tls` option as tls.connect() options (for the proxy and the target). */
  tls: ConnectionOptions;
}

export interface Tunnel {
  /** The connection to hand the handshake, once the tunnel is up (and TLS to a wss: target done). */
  ready: Promise<Socket>;
  /** Tears the tunnel down (close() or terminate() while connecting); `ready` then never matters. */
  cancel: () => void;
}

/** A URL's host name as sockets want it (an IPv6 address without its brackets). */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** SNI is sent for names only, never for an IP address. */
function serverName(host: string): { servername?: string } {
  return isIP(host) === 0 ? { servername: host } : {};
}

/** Resolves with the connected socket, or rejects with the first error. */
function connected<T extends Socket>(socket: T, event: "connect" | "secureConnect"): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    socket.once("error", onError);
    socket.once(event, () => {
      socket.off("error", onError);
      resolve(socket);
    });
  });
}

function connectProxy(proxy: URL, tls: ConnectionOptions, track: (socket: Socket) => void): Promise<Socket> {
  const host = bareHost(proxy);
  if (proxy.protocol === "http:") {
    const socket = netConnect({ host, port: Number(proxy.port || 80) });
    track(socket);
    return connected(socket, "connect");
  }
  // The `serverName` a program gave is for the target: the proxy is checked against its own host.
  const options: ConnectionOptions = { ...tls, host, port: Number(proxy.port || 443) };
  delete options.servername;
  const socket = tlsConnect({ ...options, ...serverName(host) });
  track(socket);
  return connected(socket, "secureConnect");
}

/** Waits for the proxy's final answer; resolves with the bytes that followed it (the tunnel's first). */
function awaitAnswer(socket: Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (outcome: () => void): void => {
      // Paused mode (a `readable` listener) until here, so no byte is lost before the handshake reads the socket.
      socket.off("readable", onReadable);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      socket.off("error", onError);
      outcome();
    };
    const onReadable = (): void => {
      for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) received = Buffer.concat([received, chunk]);
      const answer = readProxyAnswer(received);
      if (answer.kind === "incomplete") return;
      if (answer.kind === "invalid") return finish(() => reject(new ConnectFailure({ why: "Invalid response", code: "HPE_INVALID_CONSTANT" })));
      if (answer.status >= 300) return finish(() => reject(new ConnectFailure({ why: refusal(answer.status, answer.reason) })));
      finish(() => resolve(received.subarray(answer.end)));
    };
    const onEnd = (): void => finish(() => reject(new ConnectFailure({ why: "Connection ended", code: "ECONNRESET" })));
    const onError = (error: Error): void => finish(() => reject(error));
    socket.on("readable", onReadable);
    socket.once("end", onEnd);
    socket.once("close", onEnd);
    socket.once("error", onError);
  });
}

function targetTls(socket: Socket, target: URL, tls: ConnectionOptions, track: (socket: Socket) => void): Promise<TLSSocket> {
  const host = bareHost(target);
  // `host` names the target for the certificate check (else Node would check the proxy's name).
  const secure = tlsConnect({ ...serverName(host), ...tls, socket, host });
  track(secure);
  return connected(secure, "secureConnect");
}

async function establish(settings: TunnelSettings, track: (socket: Socket) => void): Promise<Socket> {
  const socket = await connectProxy(settings.proxy, settings.tls, track);
  socket.write(connectRequest(settings.target, settings.proxy, settings.headers), "latin1");
  const early = await awaitAnswer(socket);
  // Bytes a proxy sent after its answer are the start of the target's: the handshake reads them first.
  if (early.length > 0) socket.unshift(early);
  if (settings.target.protocol !== "wss:") return socket;
  return targetTls(socket, settings.target, settings.tls, track);
}

/** Opens a CONNECT tunnel to `settings.target` through `settings.proxy`. */
export function openTunnel(settings: TunnelSettings): Tunnel {
  const sockets: Socket[] = [];
  let cancelled = false;
  const track = (socket: Socket): void => {
    sockets.push(socket);
    // Errors after the tunnel is handed over reach the handshake's own listeners; this one only
    // keeps an error between the two (or after cancel) from being unhandled.
    socket.on("error", () => {});
    if (cancelled) socket.destroy();
  };
  const cancel = (): void => {
    cancelled = true;
    for (const socket of sockets) socket.destroy();
  };
  const ready = establish(settings, track).catch((error: unknown) => {
    cancel();
    throw error;
  });
  return { ready, cancel };
}
