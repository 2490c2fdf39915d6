// Bun.serve's Server on node:http / node:https. Each request is answered on
// the shortest path available: a static route writes its pre-serialised bytes,
// a handler gets a lazy Request (./request.ts) and its Response is written
// straight to the socket (./write.ts).
import { createServer as createHttpServer, ServerResponse, type IncomingMessage, type Server as NodeServer } from "node:http";
import { createSecureServer, type Http2ServerRequest } from "node:http2";
import { createServer as createHttpsServer } from "node:https";
import { createSecureContext, type SecureContext } from "node:tls";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import { getSystemErrorMessage, getSystemErrorName, inspect } from "node:util";
import type { HeadersInit, Server as BunServer, ServerWebSocketSendStatus, SocketAddress, WebSocketHandler } from "bun";
import { lookupSync } from "../dns-sync.ts";
import { bracketedIPv6, hostNotFound, isRefusedHostName, isUnicodeHostName } from "../host-name.ts";
import { bindTcp, pipeBindErrno } from "../socket/bind.ts";
import { invalidArgType } from "../errors.ts";
import { CookieMap, setCookieHeaders } from "../cookie/cookie-map.ts";
import { checkHandshake } from "./websocket/handshake.ts";
import { WebSocketHub, type UpgradeContext } from "./websocket/hub.ts";
import { developmentErrorResponse, plainErrorBody, plainErrorHead } from "./error-page.ts";
import { noneMatch } from "./conditional.ts";
import { sendFileRoute } from "./file-route.ts";
import { httpDate } from "./http-date.ts";
import { bodyLimitOf, developmentOf, handlersOf, idleTimeoutOf, portOf, tlsOf, type Handlers, type ServeOptionsLike, type TlsContextOptions } from "./options.ts";
import { answerEarly, LATER, type EarlyBytes, type LaterAnswer, type Screen } from "./early-answer.ts";
import { answerDeferred, answerParseError, deferRefusal, deferredRefusal, isClosing, refusal, refuseConnection, screenRequest } from "./request-screen.ts";
import { plainBodyHead, plainGetHead, rawHeader } from "./raw-headers.ts";
import { rejectConnection, sendPrebuilt, sendWhole } from "./raw-socket.ts";
import { canDetach, detachHttpSocket } from "./detach-http-socket.ts";
import { isThenable, reportHandlerFailure } from "../handler-failure.ts";
import { attachResponse, markAnsweredEarly, requestIncoming, requestResponse, RouteRequest, ServeRequest, type RequestHost } from "./request.ts";
import { Router, staticHeadOnly, staticWire, type RouteTarget, type StaticRoute } from "./router.ts";
import { statusLine } from "./status.ts";
import { immediateAnswer, writeResponse, type WriteContext } from "./write.ts";

type Handler = (request: Request, server: unknown) => unknown;

const welcomeBody = "Welcome to Bun! To get started, return a Response object.";
// Bun's development answer when a handler returns no Response (its two content-length lines included).
function welcomeHead(): string {
  return `${statusLine(200)}content-type: text/plain;charset=utf-8\r\ncontent-length: 57\r\nDate: ${httpDate()}\r\nContent-Length: 57\r\n\r\n`;
}


/** Requests Bun's parser refuses, screened as node:http hands each one over. */
const SCREEN: Screen = {
  refuse: screenRequest,
  close: (socket, status) => refuseConnection(socket, refusal(status)),
  closing: isClosing,
  defer: deferRefusal,
};
/** Bun prints what went wrong in a handler to stderr and keeps serving. */

/** A route handler's request: `req.params`, and `req.cookies` made on first touch. */
function routeRequest(incoming: IncomingMessage, out: ServerResponse | undefined, host: RequestHost, params: Record<string, string>): RouteRequest {
  return new RouteRequest(incoming, out, host, params, (header) => new CookieMap(header));
}

/** The Set-Cookie lines for what a route handler changed in `req.cookies` (undefined when it did not touch them). */
function cookieLines(request: ServeRequest): string[] | undefined {
  const cookies = request instanceof RouteRequest ? request.touchedCookies() : undefined;
  return cookies === undefined ? undefined : setCookieHeaders(cookies);
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function hostForUrl(hostname: string): string {
  return hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
}

/**
 * Bun.serve must know its port at once, and Node resolves names only
 * asynchronously: "localhost" binds the IPv4 loopback, another name is
 * resolved in place (a worker does the lookup), as Bun does with getaddrinfo.
 */
function bindAddress(hostname: string | undefined): string | undefined {
  if (hostname === undefined || isIP(hostname) !== 0) return hostname;
  if (hostname === "localhost") return "127.0.0.1";
  const literal = bracketedIPv6(hostname);
  if (literal !== undefined) return literal;
  if (isRefusedHostName(hostname)) throw hostNotFound(hostname);
  const address = lookupSync(hostname);
  if (address === undefined) throw unresolvedHost();
  return address;
}

/** What Bun.serve throws for a host name that does not resolve. */
function unresolvedHost(): Error {
  const error = new Error("EINVAL: invalid argument, listen") as Error & { code: string; syscall: string; errno: number };
  error.code = "EINVAL";
  error.syscall = "listen";
  error.errno = -22;
  return error;
}

interface ListenNow {
  _listen2(address: string | undefined, port: number, addressType: number, backlog: number, fd: undefined, flags: number): void;
}

/**
 * Bind synchronously, as Bun does: node:net's `listen` with a host always goes
 * through a DNS lookup first (even for an IP literal), which would leave
 * `server.port` unknown when Bun.serve returns. `_listen2` is node:net's
 * long-standing bind-and-listen step (what `listen` ends in); with no host it
 * tries the dual-stack IPv6 address first, as `listen` does.
 */
function listenNow(node: NodeServer, host: string | undefined, family: number, port: number, reusePort: boolean, ipv6Only: boolean): void {
  const flags = (ipv6Only ? 1 : 0) | (reusePort ? 2 : 0);
  (node as unknown as ListenNow)._listen2(host, port, family === 0 ? 4 : family, 0, undefined, flags);
}

const EADDRINUSE = 98;

/**
 * Why binding failed, as Bun reports it: "Is port N in use?" for a taken port,
 * else libuv's words for the errno ("EADDRNOTAVAIL: address not available, listen").
 * node:net reports the errno only a tick later, so a second bind of the same
 * address (which fails the same way, and holds nothing) asks for it now.
 */
function bindFailure(host: string | undefined, port: number, reusePort: boolean, ipv6Only: boolean): Error {
  const retry = bindTcp(host ?? "0.0.0.0", port, { reusePort, ipv6Only });
  if (!("errno" in retry)) {
    (retry.handle as { close(): void }).close();
    return addressInUse(port);
  }
  if (retry.errno === EADDRINUSE) return addressInUse(port);
  const code = getSystemErrorName(-retry.errno);
  const error = new Error(`${code}: ${getSystemErrorMessage(-retry.errno)}, listen`) as Error & { code: string; syscall: string; errno: number };
  error.code = code;
  error.syscall = "listen";
  error.errno = -retry.errno;
  return error;
}

/** Bun's error for a unix socket path it cannot listen on (node:net reports it a tick later; a second bind asks now). */
function unixBindFailure(path: string): Error {
  const errno = pipeBindErrno(path) || EADDRINUSE;
  const code = getSystemErrorName(-errno);
  const error = new Error(`${code}: ${getSystemErrorMessage(-errno)}, listen '${path}'`) as Error & { code: string; path: string; syscall: string; errno: number };
  error.code = code;
  error.path = path;
  error.syscall = "listen";
  error.errno = -errno;
  return error;
}

function addressInUse(port: number): Error {
  const error = new Error(`Failed to start server. Is port ${port} in use?`) as Error & { code: string; syscall: string; errno: number };
  error.code = "EADDRINUSE";
  error.syscall = "listen";
  error.errno = 0;
  return error;
}

function sniCallback(entries: TlsContextOptions[]): (servername: string, callback: (error: Error | null, context?: SecureContext) => void) => void {
  const contexts = new Map<string, SecureContext>();
  for (const entry of entries) if (entry.serverName !== undefined) contexts.set(entry.serverName.toLowerCase(), createSecureContext(entry));
  return (servername, callback) => callback(null, contexts.get(servername.toLowerCase()));
}

interface Upgrade {
  context: UpgradeContext;
  upgraded: boolean;
}

/**
 * An HTTP/2 request refused on its own stream (`:status` and date, no body), as
 * Bun does: the connection carries other streams and stays open. False for
 * HTTP/1, whose refusal closes the connection.
 */
function refusedStream(incoming: IncomingMessage, status: number): boolean {
  if (incoming.httpVersionMajor !== 2) return false;
  const { stream } = incoming as unknown as Http2ServerRequest;
  if (!stream.headersSent && !stream.destroyed) stream.respond({ ":status": status, date: httpDate() }, { endStream: true });
  refusedStreams.add(incoming);
  return true;
}

/**
 * HTTP/2 requests already answered by `refusedStream`: whatever the handler
 * does next is dropped, and the stream is not destroyed, which could reset it
 * before its answer leaves (Node 22 does).
 */
const refusedStreams = new WeakSet<IncomingMessage>();

export class Server implements BunServer<unknown>, RequestHost {
  readonly #node: NodeServer;
  readonly #secure: boolean;
  readonly #development: boolean;
  readonly #id: string;
  readonly #hostname: string | undefined;
  readonly #unix: string | undefined;
  readonly #bodyLimit: number;
  #handlers: Handlers;
  #router: Router | undefined;
  #hub: WebSocketHub | undefined;
  #port: number | undefined;
  #pending = 0;
  /** A request whose handler ran before node:http made its response; 'request' follows at once (see #handleEarly). */
  #handedOn: { incoming: IncomingMessage; request: ServeRequest; result: unknown; threw: boolean } | undefined;
  #stopped: Promise<void> | undefined;
  readonly #upgrades = new WeakMap<object, Upgrade>();
  /** Requests whose connection became a WebSocket: a later throw from their handler writes nothing. */
  readonly #upgradedIncoming = new WeakSet<IncomingMessage>();
  /** Open connections, kept only where Node does not (its HTTP/2 server has no closeAllConnections). */
  #connections: Set<Duplex> | undefined;

  constructor(options: ServeOptionsLike) {
    this.#handlers = handlersOf(options);
    this.#router = this.#handlers.routes === undefined ? undefined : new Router(this.#handlers.routes);
    this.#development = developmentOf(options.development);
    this.#id = typeof options.id === "string" ? options.id : "";
    this.#bodyLimit = bodyLimitOf(options.maxRequestBodySize);
    const idle = idleTimeoutOf(options.idleTimeout);
    const tls = tlsOf(options.tls);
    this.#secure = tls !== undefined;
    // Bun answers a request without Host itself (a bare 400, like other malformed requests).
    const nodeOptions = { requireHostHeader: false };
    const secureOptions = tls === undefined ? undefined : { ...nodeOptions, ...tls[0], ...(tls.length > 1 ? { SNICallback: sniCallback(tls) } : {}) };
    // Bun speaks HTTP/2 only when asked (`http2: true`, over TLS), HTTP/1.1 to clients that do not offer h2.
    const node =
      secureOptions === undefined
        ? createHttpServer(nodeOptions)
        : options.http2 === true
          ? (createSecureServer({ ...secureOptions, allowHTTP1: true }) as unknown as NodeServer)
          : createHttpsServer(secureOptions);
    this.#node = node;
    if (typeof node.closeAllConnections !== "function") {
      const connections = new Set<Duplex>();
      this.#connections = connections;
      node.on("secureConnection", (socket: Duplex) => {
        connections.add(socket);
        socket.once("close", () => connections.delete(socket));
      });
    }
    // Bun's idleTimeout covers both a quiet request and a quiet keep-alive
    // connection: the socket's own timeout, set once per connection, does both.
    // (Node's keep-alive timeout would re-arm the socket's timer three times per
    // request, about 1.5 % of a hello-world server's CPU.)
    node.timeout = idle * 1000;
    node.keepAliveTimeout = 0;
    node.on("request", (incoming: IncomingMessage, out: ServerResponse) => this.#onRequest(incoming, out));
    answerEarly(node, secureOptions === undefined ? "connection" : "secureConnection", (incoming, later) => this.#answerEarly(incoming, later), SCREEN);
    node.on("clientError", answerParseError);
    // Bun serves a request whatever its Expect header (100-continue aside); node:http answers 417 without this.
    node.on("checkExpectation", (incoming: IncomingMessage, out: ServerResponse) => this.#onRequest(incoming, out));
    if (this.#handlers.websocket !== undefined) {
      this.#hub = new WebSocketHub(this.#handlers.websocket as WebSocketHandler<unknown>, this);
      node.on("upgrade", (incoming: IncomingMessage, socket: Duplex, head: Buffer) => this.#onUpgrade(incoming, socket, head));
    }
    node.on("error", () => {});
    if (typeof options.unix === "string" && options.unix !== "") {
      this.#unix = options.unix;
      node.listen(options.unix);
      if (!node.listening) throw unixBindFailure(options.unix);
      return;
    }
    const port = portOf(options.port);
    const hostname = typeof options.hostname === "string" && options.hostname !== "" ? options.hostname : undefined;
    if (hostname !== undefined && isUnicodeHostName(hostname)) {
      throw invalidArgType("Unicode hostnames must already be encoded for now.\nnew URL(input).hostname should do the trick.");
    }
    this.#hostname = hostname ?? "localhost";
    const host = bindAddress(hostname);
    const [reusePort, ipv6Only] = [options.reusePort === true, options.ipv6Only === true];
    listenNow(node, host, host === undefined ? 0 : isIP(host), port, reusePort, ipv6Only);
    if (!node.listening) throw bindFailure(host, port, reusePort, ipv6Only);
    this.#port = (node.address() as { port: number }).port;
  }

  static {
    Object.defineProperty(this.prototype, inspect.custom, {
      value(this: Server) {
        return `${this[Symbol.toStringTag]} { port: ${String(this.port)}, hostname: ${JSON.stringify(this.hostname)}, url: ${JSON.stringify(String(this.url))} }`;
      },
    });
  }

  get [Symbol.toStringTag](): string {
    return `${this.#development ? "Debug" : ""}${this.#secure ? "HTTPSServer" : "HTTPServer"}`;
  }

  /** RequestHost: maxRequestBodySize. */
  get bodyLimit(): number {
    return this.#bodyLimit;
  }

  get secure(): boolean {
    return this.#secure;
  }
  get port(): number | undefined {
    return this.#port;
  }
  get hostname(): string | undefined {
    return this.#hostname;
  }
  get protocol(): "http" | "https" {
    return this.#secure ? "https" : "http";
  }
  get url(): URL {
    if (this.#unix !== undefined) return new URL(`unix://${this.#unix}`);
    return new URL(`${this.protocol}://${hostForUrl(this.#hostname ?? "localhost")}:${this.#port ?? 0}/`);
  }
  get development(): boolean {
    return this.#development;
  }
  get id(): string {
    return this.#id;
  }
  get pendingRequests(): number {
    return this.#pending;
  }
  get pendingWebSockets(): number {
    return this.#hub?.pendingWebSockets ?? 0;
  }
  get address(): SocketAddress | null {
    const address = this.#node.address();
    if (address === null || typeof address === "string") return null;
    return { address: address.address, family: address.family as "IPv4" | "IPv6", port: address.port };
  }

  stop(closeActiveConnections = false): Promise<void> {
    this.#stopped ??= new Promise((resolve) => this.#node.close(() => resolve()));
    if (closeActiveConnections) {
      this.#hub?.closeAll();
      if (this.#connections === undefined) this.#node.closeAllConnections();
      else for (const socket of this.#connections) socket.destroy();
    } else if (this.#connections === undefined) {
      this.#node.closeIdleConnections();
    }
    return this.#stopped;
  }

  [Symbol.dispose](): void {
    void this.stop(true);
  }

  closeIdleConnections(): number {
    if (this.#connections === undefined) this.#node.closeIdleConnections();
    return 0;
  }

  reload(options: Parameters<BunServer<unknown>["reload"]>[0]): BunServer<unknown> {
    const handlers = handlersOf(options as ServeOptionsLike);
    this.#router = handlers.routes === undefined ? undefined : new Router(handlers.routes);
    if (handlers.websocket !== undefined) this.#hub?.reload(handlers.websocket as WebSocketHandler<unknown>);
    this.#handlers = { ...handlers, websocket: handlers.websocket ?? this.#handlers.websocket };
    return this;
  }

  /** Bun's ref()/unref() hand back the server. */
  ref(): this {
    this.#node.ref();
    return this;
  }

  unref(): this {
    this.#node.unref();
    return this;
  }

  requestIP(request: Request): SocketAddress | null {
    const socket = requestIncoming(request)?.socket;
    if (socket === undefined || socket.remoteAddress === undefined) return null;
    return { address: socket.remoteAddress, family: socket.remoteFamily as "IPv4" | "IPv6", port: socket.remotePort ?? 0 };
  }

  timeout(request: Request, seconds: number): void {
    requestIncoming(request)?.socket.setTimeout(Math.max(0, seconds) * 1000);
  }

  upgrade(request: Request, options?: { headers?: HeadersInit; data?: unknown }): boolean {
    if (this.#hub === undefined) throw invalidArgType('To enable websocket support, set the "websocket" object in Bun.serve({})');
    const upgrade = this.#upgrades.get(request) ?? this.#adoptPlainRequest(request);
    if (upgrade === undefined || upgrade.upgraded) return false;
    const done = this.#hub.upgrade(upgrade.context, options);
    if (done) {
      upgrade.upgraded = true;
      this.#upgradedIncoming.add(upgrade.context.request);
    }
    return done;
  }

  /**
   * A WebSocket handshake without `Connection: Upgrade` reached 'request' (Node's
   * parser calls it an upgrade only with that header); Bun upgrades it all the
   * same, so its socket is taken back from node:http. Anything else: undefined.
   */
  #adoptPlainRequest(request: Request): Upgrade | undefined {
    const incoming = requestIncoming(request);
    const out = requestResponse(request);
    if (incoming === undefined || out === undefined || !canDetach(incoming, out)) return undefined;
    if (checkHandshake(incoming) === "not-websocket") return undefined;
    const socket = detachHttpSocket(incoming, out);
    const upgrade: Upgrade = { context: { request: incoming, socket, head: Buffer.alloc(0) }, upgraded: false };
    this.#upgrades.set(request, upgrade);
    return upgrade;
  }

  publish(topic: string, data: string | ArrayBufferView | ArrayBuffer | SharedArrayBuffer | Blob, compress?: boolean): ServerWebSocketSendStatus {
    if (this.#hub === undefined) return 0;
    if (data instanceof Blob) throw invalidArgType("publish() does not take a Blob on Node (read it first)");
    return this.#hub.publish(topic, data, compress);
  }

  subscriberCount(topic: string): number {
    return this.#hub?.subscriberCount(topic) ?? 0;
  }

  fetch(request: Request | string): Response | Promise<Response> {
    const input = typeof request === "string" ? new Request(request) : request;
    const handler = this.#handlers.fetch;
    if (handler === undefined) return new Response(null, { status: 404 });
    try {
      const result = handler.call(this, input, this);
      if (isThenable(result)) return Promise.resolve(result).then((value) => value as Response, (error: unknown) => this.#recover(error));
      return result as Response;
    } catch (error) {
      return this.#recover(error);
    }
  }

  /** `server.fetch`'s error path: the error handler's Response, else Bun's 500. */
  async #recover(error: unknown): Promise<Response> {
    const handler = this.#handlers.error;
    if (handler !== undefined) {
      const result: unknown = await handler.call(this, error);
      if (result instanceof Response) return result;
    }
    return new Response(plainErrorBody, { status: 500, headers: { "content-type": "text/plain" } });
  }

  /** RequestHost: the body outgrew maxRequestBodySize (chunked uploads). */
  tooLarge(incoming: IncomingMessage): void {
    if (refusedStream(incoming, 413)) return;
    rejectConnection(incoming.socket, statusLine(413));
    incoming.socket.destroySoon();
  }

  /**
   * A request with nothing for node:http to do (see early-answer.ts), answered
   * without the ServerResponse node:http would build for it when it can be: a
   * GET by a ready static route, or any request but HEAD by a route or fetch
   * handler that returns (or resolves to) one of Bun's Responses with its body
   * in hand. A handler that answers any other way is handed on to node:http
   * with what it returned.
   */
  #answerEarly(incoming: IncomingMessage, later: LaterAnswer): EarlyBytes | typeof LATER | undefined {
    // (HTTP/1.0 takes node:http's path: Bun closes those connections after one answer.)
    if (incoming.httpVersionMinor !== 1 || incoming.httpVersionMajor !== 1) return undefined;
    const method = incoming.method ?? "GET";
    const raw = incoming.rawHeaders;
    if (method === "GET" ? !plainGetHead(raw) : method === "HEAD" || !plainBodyHead(raw, this.#bodyLimit)) return undefined;
    const match = this.#router?.match(method, pathOf(incoming.url ?? "/"));
    const target = match?.target;
    if (target?.kind === "static") {
      // A matching If-None-Match gets its 304 from #sendStatic.
      if (method !== "GET" || target.ready !== undefined || (target.tag !== undefined && target.status === 200 && noneMatch(rawHeader(raw, "if-none-match"), target.tag))) return undefined;
      return staticWire(target).bytes;
    }
    // upgrade() needs node:http's response to take the socket back.
    if (this.#hub !== undefined) return undefined;
    if (target?.kind === "handler") return this.#handleEarly(target.handler, routeRequest(incoming, undefined, this, match!.params), incoming, later);
    const fetch = this.#handlers.fetch;
    if ((target !== undefined && target.kind !== "fetch") || fetch === undefined) return undefined;
    return this.#handleEarly(fetch, new ServeRequest(incoming, undefined, this), incoming, later);
  }

  /** Run a fetch or route handler now: its answer if it is whole at once or LATER, else it is handed on to #onRequest. */
  #handleEarly(handler: Handler, request: ServeRequest, incoming: IncomingMessage, later: LaterAnswer): EarlyBytes | typeof LATER | undefined {
    this.#pending++;
    let result: unknown;
    try {
      result = handler.call(this, request as unknown as Request, this);
    } catch (error) {
      this.#handedOn = { incoming, request, result: error, threw: true };
      return undefined;
    }
    if (isThenable(result)) {
      result.then(
        (value) => this.#answerLater(value, false, request, incoming, later),
        (error: unknown) => this.#answerLater(error, true, request, incoming, later),
      );
      return LATER;
    }
    const answer = this.#immediate(result, request, incoming);
    if (answer !== undefined) {
      markAnsweredEarly(request);
      this.#pending--;
      return answer;
    }
    this.#handedOn = { incoming, request, result, threw: false };
    return undefined;
  }

  /** A handler's promise taken with LATER settled: its Response written, or the request handed on to #onRequest with it. */
  #answerLater(result: unknown, threw: boolean, request: ServeRequest, incoming: IncomingMessage, later: LaterAnswer): void {
    const answer = threw ? undefined : this.#immediate(result, request, incoming);
    if (answer !== undefined) {
      markAnsweredEarly(request);
      this.#pending--;
      later.send(answer);
      return;
    }
    this.#handedOn = { incoming, request, result, threw };
    later.handOn();
  }

  /** The handler's Response as a whole answer, if it is one; a Response that cannot be written is left to #respond, which answers for it. */
  #immediate(result: unknown, request: ServeRequest, incoming: IncomingMessage): EarlyBytes | undefined {
    try {
      return immediateAnswer(result, { headOnly: false, cookies: cookieLines(request), incoming });
    } catch {
      // (This runs inside node:http's parser callback, where a throw would end the process.)
      return undefined;
    }
  }

  #onRequest(incoming: IncomingMessage, out: ServerResponse): void {
    const refused = deferredRefusal(incoming);
    if (refused !== undefined) {
      answerDeferred(out, refused);
      return;
    }
    const handed = this.#handedOn;
    if (handed !== undefined) {
      this.#handedOn = undefined;
      if (handed.incoming === incoming) {
        attachResponse(handed.request, out);
        if (handed.threw) this.#fail(handed.result, incoming, out);
        else this.#settle(handed.result, handed.request, incoming, out);
        return;
      }
    }
    this.#pending++;
    const method = incoming.method ?? "GET";
    if (method !== "GET" && method !== "HEAD" && this.#bodyLimit < Infinity) {
      const length = rawHeader(incoming.rawHeaders, "content-length");
      if (length !== undefined && Number(length) > this.#bodyLimit) {
        this.#pending--;
        if (refusedStream(incoming, 413)) return;
        rejectConnection(incoming.socket, "HTTP/1.1 413 Request Entity Too Large\r\n");
        incoming.socket.destroySoon();
        return;
      }
    }
    if (incoming.httpVersionMinor === 1 && incoming.httpVersionMajor === 1 && rawHeader(incoming.rawHeaders, "host") === undefined) {
      this.#pending--;
      rejectConnection(incoming.socket, statusLine(400));
      incoming.socket.destroySoon();
      return;
    }
    this.#route(method, incoming, out, undefined);
  }

  /** The matching route answers, else `fetch`; `declined`: file routes that could not serve this request. */
  #route(method: string, incoming: IncomingMessage, out: ServerResponse, declined: Set<RouteTarget> | undefined): void {
    const match = this.#router?.match(method, pathOf(incoming.url ?? "/"), declined);
    if (match !== undefined && match.target.kind !== "fetch") this.#serveRoute(match.target, match.params, incoming, out, declined);
    else this.#toFetch(incoming, out);
  }

  /** The request goes to `fetch` (Bun's empty 404 without one). */
  #toFetch(incoming: IncomingMessage, out: ServerResponse): void {
    const fetch = this.#handlers.fetch;
    if (fetch === undefined) {
      sendWhole(out, 404, `${statusLine(404)}Date: ${httpDate()}\r\nContent-Length: 0\r\n\r\n`, undefined, true);
      this.#pending--;
      return;
    }
    this.#dispatch(fetch, new ServeRequest(incoming, out, this), incoming, out);
  }

  #serveRoute(target: RouteTarget, params: Record<string, string>, incoming: IncomingMessage, out: ServerResponse, declined: Set<RouteTarget> | undefined): void {
    if (target.kind === "static") {
      this.#sendStatic(target, incoming, out);
      return;
    }
    if (target.kind === "file") {
      sendFileRoute(out, target, incoming).then(
        (sent) => (sent ? this.#pending-- : this.#route(incoming.method ?? "GET", incoming, out, (declined ?? new Set()).add(target))),
        (error: unknown) => this.#finish(out, Promise.reject(error), incoming),
      );
      return;
    }
    if (target.kind === "handler") {
      const request = routeRequest(incoming, out, this, params);
      this.#dispatch(target.handler, request, incoming, out);
    }
  }

  #sendStatic(route: StaticRoute, incoming: IncomingMessage, out: ServerResponse): void {
    if (route.ready !== undefined) {
      void route.ready.then(
        () => this.#sendStatic(route, incoming, out),
        (error: unknown) => this.#fail(error, incoming, out),
      );
      return;
    }
    const method = incoming.method;
    if (route.status === 200 && route.tag !== undefined && (method === "GET" || method === "HEAD") && noneMatch(rawHeader(incoming.rawHeaders, "if-none-match"), route.tag)) {
      sendWhole(out, 304, `${statusLine(304)}${route.lines}\r\n`, undefined, true);
    } else if (method === "HEAD") sendWhole(out, route.status, staticHeadOnly(route), undefined, true);
    else sendPrebuilt(out, route.status, staticWire(route), route.body);
    this.#pending--;
  }

  #dispatch(handler: Handler, request: ServeRequest, incoming: IncomingMessage, out: ServerResponse | undefined): void {
    let result: unknown;
    try {
      result = handler.call(this, request as unknown as Request, this);
    } catch (error) {
      this.#fail(error, incoming, out);
      return;
    }
    this.#settle(result, request, incoming, out);
  }

  /** Answer with what a handler returned (a value or a promise of one). */
  #settle(result: unknown, request: ServeRequest, incoming: IncomingMessage, out: ServerResponse | undefined): void {
    if (isThenable(result)) {
      result.then(
        (value) => this.#respond(value, request, incoming, out),
        (error: unknown) => this.#fail(error, incoming, out),
      );
    } else {
      this.#respond(result, request, incoming, out);
    }
  }

  #respond(result: unknown, request: ServeRequest, incoming: IncomingMessage, out: ServerResponse | undefined): void {
    if (refusedStreams.has(incoming)) {
      this.#pending--;
      return;
    }
    // Only a server with websocket handlers can have adopted a plain request (see upgrade()).
    const upgrade = out === undefined || this.#hub !== undefined ? this.#upgrades.get(request) : undefined;
    if (upgrade?.upgraded === true) {
      this.#pending--;
      return;
    }
    const target = upgrade === undefined && out !== undefined ? out : this.#upgradeResponse(incoming, upgrade);
    if (target === undefined) return;
    if (result instanceof Response) {
      const context: WriteContext = {
        headOnly: incoming.method === "HEAD",
        cookies: cookieLines(request),
        incoming,
      };
      let writing: Promise<void> | undefined;
      try {
        writing = writeResponse(target, result, context);
      } catch (error) {
        this.#fail(error, incoming, target);
        return;
      }
      this.#finish(target, writing, incoming);
      return;
    }
    reportHandlerFailure(`error: Expected a Response object, but received '${inspect(result)}'`);
    // Bun's development server shows its welcome text; in production the answer is an empty 204.
    if (this.#development) this.#finish(target, sendWhole(target, 200, welcomeHead(), welcomeBody, incoming.method === "HEAD"));
    else this.#finish(target, sendWhole(target, 204, `${statusLine(204)}Date: ${httpDate()}\r\n\r\n`, undefined, true));
  }

  /** Count the request as answered once its response has been handed to Node. */
  #finish(out: ServerResponse, writing: Promise<void> | undefined | void, incoming?: IncomingMessage): void {
    if (writing === undefined) {
      this.#pending--;
      return;
    }
    writing.then(
      () => this.#pending--,
      (error: unknown) => {
        if (incoming !== undefined && refusedStreams.has(incoming)) {
          this.#pending--;
        } else if (incoming === undefined || out.headersSent) {
          this.#pending--;
          out.destroy();
        } else {
          this.#fail(error, incoming, out);
        }
      },
    );
  }

  #fail(error: unknown, incoming: IncomingMessage, out: ServerResponse | undefined): void {
    if (refusedStreams.has(incoming)) {
      this.#pending--;
      return;
    }
    if (this.#upgradedIncoming.has(incoming)) {
      this.#failAfterUpgrade(error);
      return;
    }
    const target = out ?? this.#upgradeResponse(incoming, undefined);
    if (target === undefined) return;
    if (target.headersSent || incoming.socket.destroyed || incoming.socket.writableEnded) {
      // Nobody is left to answer (the client went away, or the body was refused with 413).
      this.#pending--;
      target.destroy();
      return;
    }
    // As Bun: the error is printed unless the error handler answers it; a handler's own throw is printed instead.
    const handler = this.#handlers.error;
    if (handler !== undefined) {
      let result: unknown;
      try {
        result = handler.call(this, error);
      } catch (again) {
        reportHandlerFailure(again);
        this.#sendError(error, incoming, target, false);
        return;
      }
      const settle = (value: unknown): void => {
        if (value instanceof Response) {
          const context: WriteContext = { headOnly: incoming.method === "HEAD", cookies: undefined, incoming };
          try {
            this.#finish(target, writeResponse(target, value, context));
          } catch (writeError) {
            reportHandlerFailure(writeError);
            this.#sendError(error, incoming, target, false);
          }
        } else {
          reportHandlerFailure(error);
          this.#sendError(error, incoming, target, true);
        }
      };
      if (isThenable(result)) {
        result.then(settle, (again: unknown) => {
          reportHandlerFailure(again);
          this.#sendError(error, incoming, target, false);
        });
      } else {
        settle(result);
      }
      return;
    }
    reportHandlerFailure(error);
    this.#sendError(error, incoming, target, true);
  }

  /**
   * A handler threw (or rejected) after upgrading its request: the connection
   * is a WebSocket now, so nothing is written. As in Bun, `error` is called and
   * its result ignored (a rejection too); only a synchronous throw from it, or
   * the error itself when there is no handler, is printed.
   */
  #failAfterUpgrade(error: unknown): void {
    this.#pending--;
    const handler = this.#handlers.error;
    if (handler === undefined) {
      reportHandlerFailure(error);
      return;
    }
    try {
      const result: unknown = handler.call(this, error);
      if (isThenable(result)) result.then(undefined, () => {});
    } catch (again) {
      reportHandlerFailure(again);
    }
  }

  #sendError(error: unknown, incoming: IncomingMessage, out: ServerResponse, mayShowPage: boolean): void {
    if (mayShowPage && this.#development) {
      const page = developmentErrorResponse(error, incoming.method ?? "GET", pathOf(incoming.url ?? "/"));
      this.#finish(out, sendWhole(out, 500, page.head, page.body, incoming.method === "HEAD"));
      return;
    }
    this.#finish(out, sendWhole(out, 500, plainErrorHead(), plainErrorBody, incoming.method === "HEAD"));
  }

  #onUpgrade(incoming: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#pending++;
    const request = new ServeRequest(incoming, undefined, this);
    this.#upgrades.set(request, { context: { request: incoming, socket, head }, upgraded: false });
    const fetch = this.#handlers.fetch;
    const router = this.#router;
    if (router !== undefined) {
      const match = router.match(incoming.method ?? "GET", pathOf(incoming.url ?? "/"));
      if (match !== undefined && match.target.kind === "handler") {
        const routed = routeRequest(incoming, undefined, this, match.params);
        this.#upgrades.set(routed, { context: { request: incoming, socket, head }, upgraded: false });
        this.#dispatch(match.target.handler, routed, incoming, undefined);
        return;
      }
    }
    if (fetch === undefined) {
      this.#pending--;
      socket.end(`${statusLine(404)}Date: ${httpDate()}\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.#dispatch(fetch, request, incoming, undefined);
  }

  /** For an upgrade request answered with a plain Response: a one-off ServerResponse on the raw socket. */
  #upgradeResponse(incoming: IncomingMessage, upgrade: Upgrade | undefined): ServerResponse | undefined {
    const socket = upgrade?.context.socket ?? incoming.socket;
    // The hub may already have answered (426 for a bad handshake version) and ended the socket.
    if (socket.destroyed || socket.writableEnded) {
      this.#pending--;
      return undefined;
    }
    const out = new ServerResponse(incoming);
    out.shouldKeepAlive = false;
    out.assignSocket(socket as never);
    out.on("finish", () => socket.end());
    return out;
  }
}
