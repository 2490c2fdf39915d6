// Bun.listen on node:net (TLS sockets are wrapped per connection, so `open`
// can run at accept time, before the handshake, as Bun's does). Bun binds
// synchronously, so the handle is bound here before node:net adopts it (bind.ts).
import { createServer, isIP, type Server, type Socket as NetSocket } from "node:net";
import { createSecureContext, TLSSocket } from "node:tls";
import { lookupSync } from "../dns-sync.ts";
import { hostNotFound, isRefusedHostName } from "../host-name.ts";
import { bindTcp, pipeBindErrno } from "./bind.ts";
import { listenFailure } from "./errors.ts";
import { parseReload, type HandlerSlot } from "./handlers.ts";
import type { Endpoint, SocketOptions } from "./options.ts";
import { BunSocket } from "./tcp-socket.ts";
import type { TlsSettings } from "./tls-options.ts";
import { readInLargeChunks } from "./large-reads.ts";

const EADDRINUSE = 98;

export class Listener {
  #server: Server;
  #slot: HandlerSlot;
  #data: unknown;
  #endpoint: Endpoint;
  #port: number | undefined;
  #sockets = new Set<BunSocket>();
  #allowHalfOpen: boolean;
  #tls: TlsSettings | undefined;
  #bindFlags: { reusePort: boolean; ipv6Only: boolean };
  #stopped = false;

  constructor(options: SocketOptions) {
    this.#slot = { handlers: options.handlers };
    this.#data = options.data;
    this.#endpoint = options.endpoint;
    this.#allowHalfOpen = options.allowHalfOpen;
    this.#tls = options.tls;
    this.#bindFlags = { reusePort: options.reusePort, ipv6Only: options.ipv6Only };
    this.#server = createServer({ allowHalfOpen: true }, (raw) => this.#accept(raw));
    // A failed accept (EMFILE, …) is not the program's error in Bun; it is not fatal here either.
    this.#server.on("error", () => undefined);
    this.#port = this.#bind();
  }

  #bind(): number | undefined {
    const endpoint = this.#endpoint;
    if (endpoint.kind === "unix") {
      // node:net binds a path synchronously (no lookup); its error comes a tick
      // later, so the errno is asked of a second bind, which fails the same way.
      this.#server.listen({ path: endpoint.path });
      if (this.#server.listening) return undefined;
      throw listenFailure(endpoint.path, pipeBindErrno(endpoint.path) || EADDRINUSE);
    }
    const result = bindTcp(bindableHost(endpoint.hostname), endpoint.port, this.#bindFlags);
    if ("errno" in result) throw listenFailure(endpoint.hostname, result.errno, endpoint.port);
    this.#server.listen(result.handle);
    return (this.#server.address() as { port: number }).port;
  }

  #accept(tcp: NetSocket): void {
    if (this.#stopped) {
      tcp.destroy();
      return;
    }
    const tls = this.#tls;
    if (tls === undefined) readInLargeChunks(tcp);
    const raw = tls === undefined ? tcp : this.#secure(tcp, tls);
    const socket = new BunSocket({
      raw,
      slot: this.#slot,
      data: this.#data,
      allowHalfOpen: this.#allowHalfOpen,
      tls,
      isServer: true,
      listener: this,
      onClosed: (closed) => this.#sockets.delete(closed),
    });
    this.#sockets.add(socket);
    BunSocket.attach(socket);
    if (tls === undefined || this.#slot.handlers.handshake !== undefined) BunSocket.opened(socket);
    if (tls !== undefined) raw.once("secure", () => BunSocket.handshaken(socket));
  }

  #secure(tcp: NetSocket, tls: TlsSettings): TLSSocket {
    return new TLSSocket(tcp, {
      isServer: true,
      secureContext: createSecureContext(tls.context),
      requestCert: tls.requestCert,
      rejectUnauthorized: false,
      ...(tls.ALPNProtocols === undefined ? {} : { ALPNProtocols: tls.ALPNProtocols }),
    });
  }

  get [Symbol.toStringTag](): string {
    return "Listener";
  }

  get port(): number | undefined {
    return this.#port;
  }

  get hostname(): string | undefined {
    return this.#endpoint.kind === "tcp" ? this.#endpoint.hostname : undefined;
  }

  get unix(): string | undefined {
    return this.#endpoint.kind === "unix" ? this.#endpoint.path : undefined;
  }

  get data(): unknown {
    return this.#data;
  }

  set data(value: unknown) {
    this.#data = value;
  }

  get fd(): number {
    return (this.#server as unknown as { _handle?: { fd?: number } | null })._handle?.fd ?? -1;
  }

  /** Stop accepting; with `closeActive`, close every open socket too (gracefully, each `close` handler runs). */
  stop(closeActive?: boolean): void {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#server.close();
    }
    if (closeActive === true) for (const socket of [...this.#sockets]) socket.close();
  }

  ref(): void {
    this.#server.ref();
  }

  unref(): void {
    this.#server.unref();
  }

  /** New handlers for the listener and every socket it accepted. */
  reload(...args: unknown[]): void {
    this.#slot.handlers = parseReload(args, "object");
  }

  [Symbol.dispose](): void {
    this.stop(true);
  }
}

/**
 * The address to bind: Bun resolves a name in place and binds at once ("localhost" is the IPv4 loopback here);
 * a name that does not resolve gets Bun's bare "Failed to listen at <name>".
 */
function bindableHost(hostname: string): string {
  if (hostname === "localhost") return "127.0.0.1";
  if (isIP(hostname) !== 0) return hostname;
  if (isRefusedHostName(hostname)) throw hostNotFound(hostname);
  const address = lookupSync(hostname);
  if (address === undefined) throw new Error(`Failed to listen at ${hostname}`);
  return address;
}
