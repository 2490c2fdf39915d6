// Bun's `Socket` (what Bun.listen's and Bun.connect's handlers receive), on a
// node:net or node:tls socket. Node buffers writes; Bun does not, so `write`
// reports 0 bytes while Node still holds unsent bytes and calls `drain` once
// they have gone (see `write`). Handlers are called synchronously where Bun
// calls them synchronously: `close` runs inside `end()`/`close()`/`terminate()`.
import { isThenable, reportHandlerFailure } from "../handler-failure.ts";
import type { Socket as NetSocket } from "node:net";
import type { TLSSocket } from "node:tls";
import { notImplemented } from "@dx-compat/shared/errors";
import { parseReload, toBinaryType, type HandlerSlot, type SocketHandlers } from "./handlers.ts";
import { handshakeAborted, socketFailure, verifyFailure } from "./errors.ts";
import type { TlsSettings } from "./tls-options.ts";
import { upgradeTls } from "./upgrade-tls.ts";
import { bytesToWrite } from "./write-data.ts";

type Phase = "connecting" | "open" | "closed";

const emptyChunk = Buffer.alloc(0);

interface SocketInit {
  raw: NetSocket;
  slot: HandlerSlot;
  data: unknown;
  allowHalfOpen: boolean;
  tls?: TlsSettings | undefined;
  isServer: boolean;
  listener?: object | undefined;
  /** Called once when the socket closes (a listener forgets it). */
  onClosed?: ((socket: BunSocket) => void) | undefined;
  /**
   * The raw half of an upgraded pair: it still sees the bytes on the wire (the
   * TLS records), calls itself a TLSSocket and leaves the peer's FIN to its TLS half, as in Bun.
   */
  carrier?: boolean | undefined;
  /**
   * The TCP socket under a TLS session that runs over a stream (an upgraded
   * pair's TLS half): addresses, the descriptor and socket options come from
   * it, and `close` waits until it has closed (the raw half's `close` comes first, as in Bun).
   */
  wire?: NetSocket | undefined;
}

/** What a socket hands over when `upgradeTLS` replaces it (see `BunSocket.detach`). */
export interface DetachedSocket {
  raw: NetSocket;
  slot: HandlerSlot;
  data: unknown;
  allowHalfOpen: boolean;
  isServer: boolean;
  /** The listener an accepted socket came from: Bun's raw half still names it (its TLS half does not). */
  listener: object | undefined;
}

type Handler = (...args: unknown[]) => unknown;

type AddressField = "remoteAddress" | "remotePort" | "remoteFamily" | "localAddress" | "localPort" | "localFamily";

/** A Bun handler call: a throw (or a rejected promise) goes to the `error` handler, as in Bun. */
export function callHandler(socket: BunSocket, handlers: SocketHandlers, name: keyof Omit<SocketHandlers, "binaryType">, ...args: unknown[]): void {
  const handler = handlers[name] as Handler | undefined;
  if (handler === undefined) return;
  try {
    // As Bun calls them: `this` is the socket.
    const result: unknown = handler.call(socket, socket, ...args);
    if (result instanceof Promise) result.catch((error: unknown) => reportHandlerError(socket, handlers, error));
  } catch (error) {
    reportHandlerError(socket, handlers, error);
  }
}

/** A handler failed: the `error` handler gets it; without one (or when that throws too), Bun prints it and the socket goes on. */
function reportHandlerError(socket: BunSocket, handlers: SocketHandlers, error: unknown): void {
  const onError = handlers.error as Handler | undefined;
  if (onError === undefined) {
    reportHandlerFailure(error);
    return;
  }
  try {
    const result: unknown = onError.call(socket, socket, error);
    if (isThenable(result)) result.then(undefined, reportHandlerFailure);
  } catch (again) {
    reportHandlerFailure(again);
  }
}

export class BunSocket {
  #raw: NetSocket;
  /** The TCP socket itself: `#raw`, or the one under a TLS session over a stream. */
  #wire: NetSocket;
  #slot: HandlerSlot;
  #data: unknown;
  #allowHalfOpen: boolean;
  #tls: TlsSettings | undefined;
  #isServer: boolean;
  #listener: object | undefined;
  #onClosed: ((socket: BunSocket) => void) | undefined;
  #carrier: boolean;
  /** What `#attach` put on the Node socket, so that `detach` can take it off again. */
  #listeners: Array<[event: string, listener: (...args: unknown[]) => void]> = [];
  #phase: Phase = "connecting";
  #error: Error | undefined;
  #writeShut = false;
  #readShut = false;
  #wantDrain = false;
  #bytesWritten = 0;
  #authorized = false;
  #handshakeDone = false;
  /** Bun keeps the addresses of a socket it closed itself, and forgets them when the peer closed it. */
  #keptAddresses: Partial<Record<AddressField, unknown>> | undefined;

  constructor(init: SocketInit) {
    this.#raw = init.raw;
    this.#wire = init.wire ?? init.raw;
    this.#slot = init.slot;
    this.#data = init.data;
    this.#allowHalfOpen = init.allowHalfOpen;
    this.#tls = init.tls;
    this.#isServer = init.isServer;
    this.#listener = init.listener;
    this.#onClosed = init.onClosed;
    this.#carrier = init.carrier === true;
  }

  get [Symbol.toStringTag](): string {
    return this.#tls === undefined && !this.#carrier ? "TCPSocket" : "TLSSocket";
  }

  get data(): unknown {
    return this.#data;
  }

  set data(value: unknown) {
    this.#data = value;
  }

  get listener(): object | undefined {
    return this.#phase === "closed" ? undefined : this.#listener;
  }

  get readyState(): -2 | -1 | 0 | 1 | 2 {
    return this.#phase === "open" ? 1 : -1;
  }

  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  get authorized(): boolean {
    return this.#authorized;
  }

  get alpnProtocol(): string | false | null {
    if (this.#tls === undefined) return false;
    return (this.#raw as TLSSocket).alpnProtocol ?? false;
  }

  get fd(): number {
    return (this.#wire as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
  }

  get remoteAddress(): string {
    return this.#whileOpen(this.#wire.remoteAddress, "remoteAddress") as string;
  }

  get remotePort(): number {
    return this.#whileOpen(this.#wire.remotePort, "remotePort") as number;
  }

  get remoteFamily(): "IPv4" | "IPv6" {
    return this.#whileOpen(this.#wire.remoteFamily, "remoteFamily") as "IPv4" | "IPv6";
  }

  get localAddress(): string {
    return this.#whileOpen(this.#wire.localAddress, "localAddress") as string;
  }

  get localPort(): number {
    return this.#whileOpen(this.#wire.localPort, "localPort") as number;
  }

  get localFamily(): "IPv4" | "IPv6" {
    return this.#whileOpen(this.#wire.localFamily, "localFamily") as "IPv4" | "IPv6";
  }

  #whileOpen(value: unknown, name: AddressField): unknown {
    if (this.#phase !== "closed") return value;
    return this.#keptAddresses?.[name];
  }

  /**
   * Bun writes what the kernel takes and returns the count, buffering nothing.
   * Node's queue is empty exactly when the kernel took every byte so far, so a
   * chunk is taken whole then and refused (0) while Node still holds bytes;
   * `drain` follows once they are sent. Bun can also take part of a chunk; this
   * takes all or nothing.
   */
  write(data: unknown, byteOffset?: unknown, byteLength?: unknown): number {
    if (!this.#writable()) return -1;
    const bytes = bytesToWrite(data, byteOffset, byteLength);
    if (bytes.byteLength === 0) return 0;
    if (this.#raw.writableLength > 0) {
      this.#awaitDrain();
      return 0;
    }
    this.#send(bytes);
    return bytes.byteLength;
  }

  #writable(): boolean {
    return this.#phase === "open" && !this.#writeShut && !this.#raw.destroyed && !this.#raw.writableEnded;
  }

  #send(bytes: Buffer): void {
    this.#bytesWritten += bytes.byteLength;
    this.#raw.write(bytes);
  }

  /**
   * A write was refused: call `drain` once Node's queue is empty. Node's own
   * 'drain' only follows a write past its high-water mark, so an empty write
   * is queued behind the rest and its callback marks the moment.
   */
  #awaitDrain(): void {
    if (this.#wantDrain) return;
    this.#wantDrain = true;
    this.#raw.write(emptyChunk, () => {
      this.#wantDrain = false;
      if (this.#phase === "open") callHandler(this, this.#slot.handlers, "drain");
    });
  }

  /** Last data, then FIN. Without allowHalfOpen Bun closes the socket right away (the `close` handler runs inside). */
  end(data?: unknown, byteOffset?: unknown, byteLength?: unknown): number {
    if (!this.#writable()) return -1;
    let written = 0;
    if (data !== undefined) {
      const bytes = bytesToWrite(data, byteOffset, byteLength);
      written = bytes.byteLength;
      if (written > 0) this.#send(bytes);
    }
    if (this.#allowHalfOpen) this.#shutWrite();
    // After `end()` (not `close()`), Bun still answers the addresses.
    else this.#closeGracefully(true);
    return written;
  }

  close(): void {
    if (this.#phase === "open") this.#closeGracefully();
  }

  terminate(): void {
    if (this.#phase === "closed") return;
    const raw = this.#raw as NetSocket & { resetAndDestroy?: () => void };
    try {
      if (this.#tls === undefined && typeof raw.resetAndDestroy === "function") raw.resetAndDestroy();
      else raw.destroy();
    } catch {
      raw.destroy();
    }
    this.#finish(undefined);
  }

  shutdown(halfClose?: boolean): void {
    if (this.#phase !== "open") return;
    if (halfClose === true) {
      // Node cannot shut the read side; what arrives from now on is dropped.
      this.#readShut = true;
      return;
    }
    this.#shutWrite();
  }

  #shutWrite(): void {
    this.#writeShut = true;
    this.#raw.end();
  }

  /**
   * FIN after what is queued, then the descriptor is closed. For TCP the
   * `close` handler runs now, as Bun's does;
   * a TLS socket (close_notify first) reports `close` when it is gone.
   */
  #closeGracefully(keepAddresses = false): void {
    const raw = this.#raw;
    raw.end(() => raw.destroy());
    if (this.#tls !== undefined) return;
    if (keepAddresses) this.#keptAddresses = { remoteAddress: raw.remoteAddress, remotePort: raw.remotePort, remoteFamily: raw.remoteFamily, localAddress: raw.localAddress, localPort: raw.localPort, localFamily: raw.localFamily };
    this.#finish(undefined);
  }

  flush(): void {
    // Node hands every write to the kernel at once; nothing is held back to flush.
  }

  timeout(seconds: number): void {
    const milliseconds = Math.max(0, Number(seconds) || 0) * 1000;
    this.#raw.setTimeout(milliseconds);
  }

  ref(): void {
    if (this.#phase !== "closed") this.#wire.ref();
  }

  unref(): void {
    this.#wire.unref();
  }

  pause(): void {
    this.#raw.pause();
  }

  resume(): void {
    this.#raw.resume();
  }

  setNoDelay(noDelay = true): boolean {
    if (this.#phase !== "open") return false;
    this.#wire.setNoDelay(noDelay);
    return true;
  }

  setKeepAlive(enable = false, initialDelay = 0): boolean {
    if (this.#phase !== "open") return false;
    this.#wire.setKeepAlive(enable, initialDelay);
    return true;
  }

  /** New handlers: for a listener's socket, every socket of that listener gets them (they share the slot). */
  reload(...args: unknown[]): void {
    this.#slot.handlers = parseReload(args, "option");
  }

  [Symbol.dispose](): void {
    this.end();
  }

  // ---- TLS: node:tls answers these where it can -------------------------------------------------

  #tlsSocket(): TLSSocket | undefined {
    return this.#tls === undefined ? undefined : (this.#raw as TLSSocket);
  }

  getAuthorizationError(): Error | null {
    const error = this.#tlsSocket()?.authorizationError;
    return error === undefined || error === null ? null : verifyFailure(String(error as unknown));
  }

  getPeerCertificate(): unknown {
    return this.#tlsSocket()?.getPeerCertificate() ?? null;
  }

  getCertificate(): unknown {
    return this.#tlsSocket()?.getCertificate() ?? null;
  }

  getPeerX509Certificate(): unknown {
    return this.#tlsSocket()?.getPeerX509Certificate();
  }

  getX509Certificate(): unknown {
    return this.#tlsSocket()?.getX509Certificate();
  }

  getCipher(): unknown {
    return this.#tlsSocket()?.getCipher() ?? null;
  }

  getEphemeralKeyInfo(): unknown {
    return this.#tlsSocket()?.getEphemeralKeyInfo() ?? null;
  }

  getSharedSigalgs(): string[] {
    return this.#tlsSocket()?.getSharedSigalgs() ?? [];
  }

  getTLSVersion(): string | null {
    return this.#tlsSocket()?.getProtocol() ?? null;
  }

  getTLSFinishedMessage(): Buffer | undefined {
    return this.#tlsSocket()?.getFinished();
  }

  getTLSPeerFinishedMessage(): Buffer | undefined {
    return this.#tlsSocket()?.getPeerFinished();
  }

  getTLSTicket(): Buffer | undefined {
    return this.#tlsSocket()?.getTLSTicket();
  }

  getSession(): Buffer | undefined {
    return this.#tlsSocket()?.getSession();
  }

  setSession(session: string | Buffer | ArrayBufferView): void {
    const buffer = typeof session === "string" ? Buffer.from(session) : Buffer.from(session.buffer, session.byteOffset, session.byteLength);
    (this.#tlsSocket() as { setSession?: (session: Buffer) => void } | undefined)?.setSession?.(buffer);
  }

  isSessionReused(): boolean {
    return this.#tlsSocket()?.isSessionReused() ?? false;
  }

  exportKeyingMaterial(length: number, label: string, context?: string | ArrayBufferView): Buffer | undefined {
    const contextBytes = context === undefined ? undefined : typeof context === "string" ? Buffer.from(context) : Buffer.from(context.buffer, context.byteOffset, context.byteLength);
    return this.#tlsSocket()?.exportKeyingMaterial(length, label, contextBytes as Buffer);
  }

  setMaxSendFragment(size: number): boolean {
    return this.#tlsSocket()?.setMaxSendFragment(size) ?? false;
  }

  disableRenegotiation(): void {
    this.#tlsSocket()?.disableRenegotiation();
  }

  renegotiate(): void {
    throw notImplemented("Bun.Socket.renegotiate", "TLS renegotiation is not supported");
  }

  setVerifyMode(): void {
    throw notImplemented("Bun.Socket.setVerifyMode", "node:tls cannot change the verify mode of a live socket");
  }

  getServername(): string | undefined {
    const name = (this.#tlsSocket() as { servername?: string | false } | undefined)?.servername;
    return typeof name === "string" ? name : undefined;
  }

  setServername(name: string): void {
    (this.#tlsSocket() as { setServername?: (name: string) => void } | undefined)?.setServername?.(name);
  }

  /** STARTTLS: `[raw, tls]`, see upgrade-tls.ts. Bun returns undefined for a socket that is already TLS. */
  upgradeTLS(...args: unknown[]): [BunSocket, BunSocket] | undefined {
    return upgradeTls(this, args);
  }

  // ---- lifecycle, driven by connect-socket.ts and listener.ts (static: kept off Bun's prototype) ----

  static attach(socket: BunSocket): void {
    socket.#attach();
  }

  static opened(socket: BunSocket): void {
    socket.#opened();
  }

  /** `upgraded`: the TLS half of `upgradeTLS`, which reads as open from the start and, without a `handshake` handler, gets `open` and then `drain` here. */
  static handshaken(socket: BunSocket, upgraded = false): void {
    socket.#handshaken(upgraded);
  }

  static finish(socket: BunSocket, error: Error | undefined): void {
    socket.#finish(error);
  }

  /** "tls" for a TLS socket, "closed" for one that is not open, else "tcp". */
  static kind(socket: BunSocket): "tls" | "closed" | "tcp" {
    if (socket.#tls !== undefined || socket.#carrier) return "tls";
    return socket.#phase === "open" ? "tcp" : "closed";
  }

  /**
   * Hands an open TCP socket's connection over to `upgradeTLS`: Node's events
   * no longer reach this object, which reads as closed from now on (Bun's old
   * object answers -1 and calls no handler). Its handlers and data go on with the new raw half.
   */
  static detach(socket: BunSocket): DetachedSocket {
    for (const [event, listener] of socket.#listeners) socket.#raw.off(event, listener);
    socket.#listeners = [];
    socket.#phase = "closed";
    socket.#onClosed?.(socket);
    return { raw: socket.#raw, slot: socket.#slot, data: socket.#data, allowHalfOpen: socket.#allowHalfOpen, isServer: socket.#isServer, listener: socket.#listener };
  }

  static isServer(socket: BunSocket): boolean {
    return socket.#isServer;
  }

  /** Open without an `open` call: the raw half of an upgrade takes over a connection that already opened. */
  static resume(socket: BunSocket): void {
    socket.#phase = "open";
  }

  /** Wire Node's events to the handlers (before `opened`, so no byte is missed). */
  #attach(): void {
    this.#listen("data", (chunk: Buffer) => this.#onData(chunk));
    this.#listen("end", () => this.#onEnd());
    this.#listen("error", (error: Error) => (this.#error ??= socketFailure(error)));
    const wire = this.#wire;
    if (wire === this.#raw) this.#listen("close", () => this.#finish(this.#error));
    else {
      // Node marks a socket `closed` a tick before its 'close' event; the raw half's `close` runs in that event.
      let wireClosed = false;
      let closed = false;
      const finish = (): void => {
        if (wireClosed && closed) this.#finish(this.#error);
      };
      wire.once("close", () => {
        wireClosed = true;
        finish();
      });
      this.#listen("close", () => {
        closed = true;
        finish();
      });
    }
    this.#listen("timeout", () => {
      if (this.#phase === "open") callHandler(this, this.#slot.handlers, "timeout");
    });
  }

  #listen<Args extends never[]>(event: string, listener: (...args: Args) => void): void {
    const untyped = listener as (...args: unknown[]) => void;
    this.#raw.on(event, untyped);
    this.#listeners.push([event, untyped]);
  }

  /** The connection is established: `open`. */
  #opened(): void {
    if (this.#phase !== "connecting") return;
    this.#phase = "open";
    callHandler(this, this.#slot.handlers, "open");
  }

  /**
   * The TLS handshake finished. With a `handshake` handler (`open` ran at
   * connect): `handshake(socket, success, authorizationError)`, then `drain`,
   * as Bun. Without one, `open` runs now. A refused peer is then closed.
   */
  #handshaken(upgraded: boolean): void {
    if (this.#phase === "closed" || this.#tls === undefined) return;
    this.#handshakeDone = true;
    const { success, error } = this.#verification();
    this.#authorized = success && error === null;
    const handlers = this.#slot.handlers;
    if (handlers.handshake === undefined && upgraded) {
      callHandler(this, handlers, "open");
      if (success && this.#phase === "open") callHandler(this, this.#slot.handlers, "drain");
    } else if (handlers.handshake === undefined) this.#opened();
    else {
      callHandler(this, handlers, "handshake", success, error);
      if (success && this.#phase === "open") callHandler(this, this.#slot.handlers, "drain");
    }
    if (!success) this.terminate();
  }

  #verification(): { success: boolean; error: Error | null } {
    const tls = this.#tls as TlsSettings;
    const socket = this.#raw as TLSSocket;
    let error: Error | null = null;
    if (this.#isServer) {
      const peer = socket.getPeerCertificate();
      const verify = (socket as unknown as { _handle?: { verifyError?: () => Error | null } })._handle?.verifyError?.();
      // With no client certificate Bun reports BoringSSL's "unable to get issuer certificate".
      if (peer === null || Object.keys(peer).length === 0) error = verifyFailure("UNABLE_TO_GET_ISSUER_CERT");
      else if (verify) error = verifyFailure((verify as { code?: string }).code ?? verify.message, verify.message);
      return { success: !tls.requestCert || error === null || !tls.rejectUnauthorized, error };
    }
    if (!socket.authorized && socket.authorizationError !== undefined) {
      const cause = socket.authorizationError as unknown;
      error = verifyFailure(typeof cause === "string" ? cause : String((cause as { code?: string }).code ?? cause), (cause as { message?: string }).message);
    }
    return { success: error === null || !tls.rejectUnauthorized, error };
  }

  #onData(chunk: Buffer): void {
    if (this.#phase !== "open" || this.#readShut) return;
    const handlers = this.#slot.handlers;
    callHandler(this, handlers, "data", toBinaryType(chunk, handlers.binaryType));
  }

  #onEnd(): void {
    if (this.#phase !== "open" || this.#carrier) return;
    // Bun does not report the peer's FIN to a socket that already shut its own
    // write side, nor to a TLS socket whose handshake never finished.
    const handshaking = this.#tls !== undefined && !this.#handshakeDone;
    if (!this.#writeShut && !handshaking) callHandler(this, this.#slot.handlers, "end");
    if (this.#phase !== "open") return;
    if (!this.#allowHalfOpen || this.#writeShut) this.#closeGracefully();
  }

  /** The socket is gone: `close(socket, error)` once (after a failed `handshake` if the handshake never finished). */
  #finish(error: Error | undefined): void {
    if (this.#phase === "closed") return;
    const wasOpen = this.#phase === "open";
    this.#phase = "closed";
    this.#onClosed?.(this);
    if (!wasOpen) return;
    if (this.#tls !== undefined && !this.#handshakeDone) callHandler(this, this.#slot.handlers, "handshake", false, handshakeAborted());
    callHandler(this, this.#slot.handlers, "close", error);
  }
}
