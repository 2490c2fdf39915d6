// Bun's WebSocket client: the standard WebSocket plus Bun's constructor options
// (`headers`, `protocols`/`protocol`, `tls`, `perMessageDeflate`), its
// `binaryType: "nodebuffer"` default, `ping`/`pong` (methods and events),
// `terminate`, `pause`/`resume`/`isPaused`, `proxy` (a CONNECT tunnel), and
// Bun's errors and event order. The wire is `ws`'s, loaded on the first construction.
import type { WebSocket as BunWebSocket, WebSocketOptions } from "bun";
import type { Socket } from "node:net";
import type { ConnectionOptions } from "node:tls";
import type WsWebSocket from "ws";
import type { ClientOptions } from "ws";
import { CloseEvent as OwnCloseEvent } from "./close-event.ts";
import { ErrorEvent as OwnErrorEvent } from "./error-event.ts";
import { connectionError, fromWsError, invalidCloseCode, invalidState, reasonTooLong } from "./internal/web-socket/failures.ts";
import { planHandshake } from "./internal/web-socket/handshake.ts";
import { loadWs } from "./internal/web-socket/load-ws.ts";
import { readSettings, withoutCredentials, type WebSocketSettings } from "./internal/web-socket/options.ts";
import { asBuffer, byteLength, incoming, outgoing, type BinaryType, type Outgoing } from "./internal/web-socket/payload.ts";
import { openTunnel } from "./internal/web-socket/proxy-tunnel.ts";
import { connectOptions } from "./internal/web-socket/tls.ts";

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type ReadyState = typeof CONNECTING | typeof OPEN | typeof CLOSING | typeof CLOSED;
/** An `on…` attribute's value (any function or EventListener object). */
type Handler = ((this: WebSocket, event: Event) => unknown) | { handleEvent(event: Event): unknown } | null;
type HandlerType = "open" | "message" | "error" | "close";

function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && (code < 1004 || code > 1006)) || (code >= 3000 && code <= 4999);
}

/** WebIDL `[Clamp] unsigned short`, as Bun converts a close code. */
function clampCode(value: unknown): number {
  const number = Number(value);
  if (Number.isNaN(number)) return 0;
  const clamped = Math.min(Math.max(number, 0), 65535);
  const floor = Math.floor(clamped);
  const fraction = clamped - floor;
  // Round half to even.
  if (fraction > 0.5 || (fraction === 0.5 && floor % 2 === 1)) return floor + 1;
  return floor;
}

function closeEventClass(): typeof OwnCloseEvent {
  return (globalThis as unknown as { CloseEvent?: typeof OwnCloseEvent }).CloseEvent ?? OwnCloseEvent;
}

function errorEventClass(): typeof OwnErrorEvent {
  return (globalThis as unknown as { ErrorEvent?: typeof OwnErrorEvent }).ErrorEvent ?? OwnErrorEvent;
}

/**
 * A WebSocket client, as Bun's global `WebSocket`.
 *
 * @example
 * ```ts
 * const ws = new WebSocket("wss://example.com/feed", { headers: { Authorization: "Bearer t" }, tls: { rejectUnauthorized: false } });
 * ws.onmessage = (event) => console.log(event.data); // a Buffer for binary frames (binaryType "nodebuffer")
 * ```
 */
export class WebSocket extends EventTarget implements BunWebSocket {
  declare static readonly CONNECTING: 0;
  declare static readonly OPEN: 1;
  declare static readonly CLOSING: 2;
  declare static readonly CLOSED: 3;
  declare readonly CONNECTING: 0;
  declare readonly OPEN: 1;
  declare readonly CLOSING: 2;
  declare readonly CLOSED: 3;

  readonly #url: URL;
  #state: ReadyState = CONNECTING;
  #socket: WsWebSocket | undefined;
  /** Set once the close event is decided: later `ws` events are ignored. */
  #settled = false;
  #binaryType: BinaryType = "nodebuffer";
  #protocol = "";
  #extensions = "";
  #paused = false;
  /** Bytes given to send() after closing started (the spec counts them, Bun too). */
  #discardedBytes = 0;
  /** Bytes waiting behind a Blob being read. */
  #queuedBytes = 0;
  #queue: Promise<void> | undefined;
  /** Tears down a proxy tunnel still being opened. */
  #cancelTunnel: (() => void) | undefined;
  readonly #handlers = new Map<HandlerType, { handler: Handler; listener: (event: Event) => void }>();

  constructor(url: string | URL, ...rest: [protocolsOrOptions?: string | string[] | WebSocketOptions]) {
    super();
    // The argument count decides Bun's "Not enough arguments" (and a rest parameter keeps length 1, as Bun's).
    const settings = readSettings(arguments.length === 0 ? [] : [url, ...rest.slice(0, 1)]);
    this.#url = settings.url;
    this.#start(settings);
  }

  get url(): string {
    return this.#url.href;
  }

  /** The URL Bun's error messages name: `url` without its credentials. */
  get #reportedURL(): string {
    return withoutCredentials(this.#url);
  }

  /** Legacy alias of `url`. */
  get URL(): string {
    return this.#url.href;
  }

  get readyState(): ReadyState {
    return this.#state;
  }

  get bufferedAmount(): number {
    return (this.#socket?.bufferedAmount ?? 0) + this.#queuedBytes + this.#discardedBytes;
  }

  get protocol(): string {
    return this.#protocol;
  }

  get extensions(): string {
    return this.#extensions;
  }

  get binaryType(): BinaryType {
    return this.#binaryType;
  }

  set binaryType(value: BinaryType) {
    // Like Bun (and the spec's enum attributes), an unknown value is ignored.
    if (value === "nodebuffer" || value === "arraybuffer" || value === "blob") this.#binaryType = value;
  }

  get isPaused(): boolean {
    return this.#paused;
  }

  get onopen(): BunWebSocket["onopen"] {
    return this.#handler("open") as BunWebSocket["onopen"];
  }

  set onopen(handler: BunWebSocket["onopen"]) {
    this.#setHandler("open", handler);
  }

  get onmessage(): BunWebSocket["onmessage"] {
    return this.#handler("message") as BunWebSocket["onmessage"];
  }

  set onmessage(handler: BunWebSocket["onmessage"]) {
    this.#setHandler("message", handler);
  }

  get onerror(): BunWebSocket["onerror"] {
    return this.#handler("error") as BunWebSocket["onerror"];
  }

  set onerror(handler: BunWebSocket["onerror"]) {
    this.#setHandler("error", handler);
  }

  get onclose(): BunWebSocket["onclose"] {
    return this.#handler("close") as BunWebSocket["onclose"];
  }

  set onclose(handler: BunWebSocket["onclose"]) {
    this.#setHandler("close", handler);
  }

  send(data: string | ArrayBufferLike | ArrayBufferView | Blob): void {
    if (arguments.length === 0) throw Object.assign(new TypeError("Not enough arguments"), { code: "ERR_MISSING_ARGS" });
    if (this.#state === CONNECTING) throw invalidState();
    const payload = outgoing(data);
    if (this.#state !== OPEN) {
      this.#discardedBytes += byteLength(payload);
      return;
    }
    this.#transmit(payload, "send");
  }

  ping(data?: string | ArrayBufferLike | ArrayBufferView | Blob): void {
    this.#control("ping", data);
  }

  pong(data?: string | ArrayBufferLike | ArrayBufferView | Blob): void {
    this.#control("pong", data);
  }

  close(code?: number, reason?: string): void {
    let closeCode: number | undefined;
    if (code !== undefined) {
      closeCode = clampCode(code);
      if (!isValidCloseCode(closeCode)) throw invalidCloseCode(closeCode);
    }
    const closeReason = reason === undefined ? "" : String(reason);
    const bytes = Buffer.byteLength(closeReason);
    if (bytes > 123) throw reasonTooLong(bytes);
    if (this.#state === CONNECTING) return this.#abandon();
    if (this.#state !== OPEN) return;
    this.#state = CLOSING;
    this.#socket?.close(closeCode, closeCode === undefined ? undefined : closeReason);
  }

  terminate(): void {
    if (this.#state === CONNECTING) return this.#abandon();
    if (this.#state === CLOSED) return;
    this.#state = CLOSING;
    this.#socket?.terminate();
  }

  pause(): boolean {
    if (this.#state === CLOSED) return false;
    this.#paused = true;
    if (this.#state !== CONNECTING) this.#socket?.pause();
    return true;
  }

  resume(): boolean {
    if (this.#state === CLOSED) return false;
    this.#paused = false;
    if (this.#state !== CONNECTING) this.#socket?.resume();
    return true;
  }

  #handler(type: HandlerType): Handler {
    return this.#handlers.get(type)?.handler ?? null;
  }

  /** An event handler attribute: one listener, added where it was first set. */
  #setHandler(type: HandlerType, handler: unknown): void {
    const current = this.#handlers.get(type);
    if (typeof handler !== "function" && (typeof handler !== "object" || handler === null)) {
      if (current) this.removeEventListener(type, current.listener);
      this.#handlers.delete(type);
      return;
    }
    if (current) {
      current.handler = handler as Handler;
      return;
    }
    const entry = {
      handler: handler as Handler,
      listener: (event: Event) => {
        const { handler: current } = entry;
        if (typeof current === "function") current.call(this, event);
      },
    };
    this.#handlers.set(type, entry);
    this.addEventListener(type, entry.listener);
  }

  #control(kind: "ping" | "pong", data: unknown): void {
    if (this.#state === CONNECTING) throw invalidState();
    if (this.#state !== OPEN) return;
    this.#transmit(data === undefined ? { bytes: Buffer.alloc(0) } : outgoing(data), kind);
  }

  /** Sends in call order, a Blob's bytes once read (later frames wait behind it). */
  #transmit(payload: Outgoing, kind: "send" | "ping" | "pong"): void {
    if (!("blob" in payload) && this.#queue === undefined) return this.#write(payload, kind);
    const size = byteLength(payload);
    this.#queuedBytes += size;
    const previous = this.#queue ?? Promise.resolve();
    const next = previous.then(async () => {
      const ready: Outgoing = "blob" in payload ? { bytes: Buffer.from(await payload.blob.arrayBuffer()) } : payload;
      this.#queuedBytes -= size;
      if (this.#state === OPEN) this.#write(ready, kind);
    });
    this.#queue = next;
    void next.finally(() => {
      if (this.#queue === next) this.#queue = undefined;
    });
  }

  #write(payload: Exclude<Outgoing, { blob: Blob }>, kind: "send" | "ping" | "pong"): void {
    const socket = this.#socket;
    if (!socket) return;
    const data = "text" in payload ? payload.text : payload.bytes;
    if (kind === "send") socket.send(data, { binary: !("text" in payload) });
    else socket[kind](data);
  }

  #start(settings: WebSocketSettings): void {
    const Ws = loadWs();
    const handshake = planHandshake(settings);
    // The program's headers are not given to `ws` (Node would check them its own way): they go on in finishRequest.
    const options: ClientOptions = {
      perMessageDeflate: settings.perMessageDeflate,
      finishRequest: (request) => {
        handshake.arrange(request);
        request.end();
      },
    };
    /** `tunnel`: the connection through the proxy (TLS to a wss: target already done there). */
    const open = (tlsOptions: ConnectionOptions | undefined, tunnel?: Socket): void => {
      if (this.#settled) {
        tunnel?.destroy();
        return;
      }
      const connection = tunnel ? { createConnection: () => tunnel } : tlsOptions;
      const socket = new Ws(settings.url, handshake.protocols, { ...connection, ...options } as ClientOptions);
      this.#socket = socket;
      this.#listen(socket);
    };
    const connect = (tlsOptions: ConnectionOptions | undefined): void => {
      if (settings.proxy) this.#tunnel(settings, settings.proxy, tlsOptions ?? {}, (tunnel) => open(undefined, tunnel));
      else open(tlsOptions);
    };
    // The `tls` options serve an https: proxy as well as a wss: target.
    const usesTls = settings.url.protocol === "wss:" || settings.proxy?.url.protocol === "https:";
    const tls = settings.tls && usesTls ? connectOptions(settings.tls) : undefined;
    if (tls instanceof Promise) {
      tls.then(connect, (error: unknown) => this.#fail(connectionError(this.#reportedURL, { why: String((error as Error)?.message ?? error) })));
    } else {
      connect(tls);
    }
  }

  /** Opens the CONNECT tunnel, then hands it to `open`, or fails with Bun's error. */
  #tunnel(settings: WebSocketSettings, proxy: NonNullable<WebSocketSettings["proxy"]>, tls: ConnectionOptions, open: (tunnel: Socket) => void): void {
    if (this.#settled) return;
    const tunnel = openTunnel({ proxy: proxy.url, headers: proxy.headers, target: settings.url, tls });
    this.#cancelTunnel = tunnel.cancel;
    tunnel.ready.then(
      (socket) => {
        this.#cancelTunnel = undefined;
        open(socket);
      },
      (error: unknown) => {
        this.#cancelTunnel = undefined;
        this.#fail(fromWsError(this.#reportedURL, error as Error));
      },
    );
  }

  #listen(socket: WsWebSocket): void {
    const origin = this.#url.origin;
    socket.on("open", () => {
      if (this.#settled) return;
      this.#state = OPEN;
      this.#protocol = socket.protocol;
      this.#extensions = socket.extensions;
      if (this.#paused) socket.pause();
      this.dispatchEvent(new Event("open"));
    });
    socket.on("message", (data, isBinary) => {
      // Like Bun (WebKit), messages that arrive once closing started are dropped.
      if (this.#settled || this.#state !== OPEN) return;
      const value = isBinary ? incoming(asBuffer(data), this.#binaryType) : asBuffer(data).toString();
      this.dispatchEvent(new MessageEvent("message", { data: value, origin }));
    });
    for (const kind of ["ping", "pong"] as const) {
      socket.on(kind, (data: Buffer) => {
        if (!this.#settled) this.dispatchEvent(new MessageEvent(kind, { data: incoming(data, this.#binaryType), origin }));
      });
    }
    socket.on("unexpected-response", (request, response) => {
      response.destroy();
      request.destroy();
      this.#fail(connectionError(this.#reportedURL, { why: `Expected 101 status code: ${response.statusCode ?? 0}` }));
    });
    socket.on("error", (error) => this.#fail(fromWsError(this.#reportedURL, error)));
    socket.on("close", (code, reason) => {
      if (this.#settled) return;
      // Without a Close frame from the server, `ws` reports 1006: Bun's unclean close.
      this.#settle(code, code === 1006 ? "" : reason.toString(), code !== 1006);
    });
  }

  /** close()/terminate() before the handshake finished: Bun's error, then close 1006. */
  #abandon(): void {
    this.#state = CLOSING;
    this.#settled = true;
    this.#cancelTunnel?.();
    this.#socket?.terminate();
    const error = connectionError(this.#reportedURL, { why: "WebSocket is closed before the connection is established" });
    setImmediate(() => this.#report(error));
  }

  #fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#cancelTunnel?.();
    this.#socket?.terminate();
    this.#report(error);
  }

  #report(error: Error): void {
    this.#state = CLOSED;
    const ErrorEventClass = errorEventClass();
    this.dispatchEvent(new ErrorEventClass("error", { message: error.message, error }));
    this.#dispatchClose(1006, "", false);
  }

  #settle(code: number, reason: string, wasClean: boolean): void {
    this.#settled = true;
    this.#state = CLOSED;
    this.#dispatchClose(code, reason, wasClean);
  }

  #dispatchClose(code: number, reason: string, wasClean: boolean): void {
    const CloseEventClass = closeEventClass();
    this.dispatchEvent(new CloseEventClass("close", { code, reason, wasClean }));
  }
}

// Bun's shape: the constants are enumerable, read-only, non-configurable on
// both the constructor and the prototype, and the accessors are enumerable
// (except the legacy `URL`).
for (const [name, value] of Object.entries({ CONNECTING, OPEN, CLOSING, CLOSED })) {
  const descriptor = { value, enumerable: true, writable: false, configurable: false };
  Object.defineProperty(WebSocket, name, descriptor);
  Object.defineProperty(WebSocket.prototype, name, descriptor);
}
for (const name of Object.getOwnPropertyNames(WebSocket.prototype)) {
  if (name === "constructor" || name === "URL") continue;
  const descriptor = Object.getOwnPropertyDescriptor(WebSocket.prototype, name);
  if (descriptor?.configurable) Object.defineProperty(WebSocket.prototype, name, { ...descriptor, enumerable: true });
}
