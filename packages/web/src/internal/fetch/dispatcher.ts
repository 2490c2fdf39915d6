// The undici dispatcher that gives Node's own fetch Bun's connection options:
// a Unix socket, TLS settings, a proxy (explicit or from the environment), and
// the per-request behaviours Bun has and fetch lacks (verbose, decompress:
// false, keepalive: false, timeout, a lower maxRedirects), done by wrapping
// undici's dispatch handler; `protocol: "http2"` through undici's HTTP/2 client.
import type { Dispatcher } from "undici";
import { tooManyRedirects } from "./errors.ts";
import type { BunFetchExtensions } from "./options.ts";
import { noteHop, redirectWatcher, type RedirectTrail } from "./redirect-trail.ts";
import { undici } from "./undici.ts";
import { printRequest, printResponse } from "./verbose.ts";

/** The name a Content-Encoding response header travels under past fetch's decoder when `decompress: false`. */
export const hiddenEncodingHeader = "x-dx-compat-content-encoding";

const proxyEnvironment = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"] as const;

export function proxyFromEnvironment(): boolean {
  return proxyEnvironment.some((name) => (process.env[name] ?? "") !== "");
}

/** Dispatchers for option sets without functions in them are reused, as a connection pool per set. */
const pooled = new Map<string, Dispatcher>();
const maxPooled = 32;

export interface DispatcherChoice {
  dispatcher: Dispatcher | undefined;
  /** The dispatcher to close once the response is done (a request-private TLS check, as in Bun). */
  closeAfter: Dispatcher | undefined;
}

type TLSValue = string | Buffer | Blob | ReadonlyArray<string | Buffer | Blob>;

async function tlsValue(value: TLSValue): Promise<string | Buffer | Array<string | Buffer>> {
  if (Array.isArray(value)) return Promise.all((value as Array<string | Buffer | Blob>).map(async (item) => (item instanceof Blob ? item.text() : item)));
  return value instanceof Blob ? value.text() : (value as string | Buffer);
}

/** Bun's TLS options as tls.connect() options (file values read, `serverName` spelt Node's way). */
async function connectTLS(tls: Record<string, unknown>, ownErrors: Set<unknown>): Promise<Record<string, unknown>> {
  const connect: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tls)) {
    if (value === undefined || value === null) continue;
    if (key === "ca" || key === "cert" || key === "key") connect[key] = await tlsValue(value as TLSValue);
    else if (key === "serverName") connect["servername"] = value;
    else if (key === "checkServerIdentity" && typeof value === "function") connect[key] = rememberingOwnErrors(value as (...args: unknown[]) => unknown, ownErrors);
    else connect[key] = value;
  }
  return connect;
}

/** The user's check, noting what it returns so that fetch can reject with exactly that, as Bun does. */
function rememberingOwnErrors(check: (...args: unknown[]) => unknown, ownErrors: Set<unknown>): (...args: unknown[]) => unknown {
  return (...args) => {
    const verdict = check(...args);
    if (verdict) ownErrors.add(verdict);
    return verdict;
  };
}

function poolKey(extensions: BunFetchExtensions, connect: Record<string, unknown>): string | undefined {
  if (Object.values(connect).some((value) => typeof value === "function")) return undefined;
  try {
    // A request without a proxy of its own takes the environment's, which may change between requests.
    const environment = extensions.proxy === undefined ? proxyEnvironment.map((name) => process.env[name] ?? "") : undefined;
    return JSON.stringify([extensions.unix, extensions.proxy === false ? false : extensions.proxy?.url.href, extensions.proxy ? extensions.proxy.headers : undefined, extensions.protocol, environment, connect]);
  } catch {
    return undefined;
  }
}

type Connector = (options: Record<string, unknown>, callback: (error: Error | null, socket: unknown) => void) => void;

/**
 * Bun's `protocol: "http2"`: HTTP/2 or nothing. undici offers h2 next to
 * http/1.1 and takes what the server picks; a connection that did not pick h2
 * fails with Bun's HTTP2Unsupported instead.
 */
function http2OnlyConnector(connect: Record<string, unknown>): Connector {
  const base = undici().buildConnector({ ...connect, allowH2: true }) as unknown as Connector;
  return (options, callback) => {
    base(options, (error, socket) => {
      if (error) return callback(error, socket);
      const { alpnProtocol, destroy } = socket as { alpnProtocol?: unknown; destroy: () => void };
      if (alpnProtocol === "h2") return callback(null, socket);
      destroy.call(socket);
      // The code is enough: the failure is reported in Bun's words for the request's URL (errors.ts).
      callback(Object.assign(new Error("HTTP2Unsupported"), { code: "HTTP2Unsupported" }), null);
    });
  };
}

/** A session's `keepAlive.idleTimeout`: how long its idle connections stay pooled. */
function keepAliveOptions(extensions: BunFetchExtensions): { keepAliveTimeout?: number; keepAliveMaxTimeout?: number } {
  const idle = extensions.session?.idleTimeout;
  return idle === undefined ? {} : { keepAliveTimeout: idle, keepAliveMaxTimeout: idle };
}

function createBase(extensions: BunFetchExtensions, connect: Record<string, unknown>): Dispatcher {
  const { Agent, ProxyAgent, EnvHttpProxyAgent } = undici();
  const { proxy, unix } = extensions;
  const keepAlive = keepAliveOptions(extensions);
  if (extensions.protocol === "http2") return new Agent({ ...keepAlive, allowH2: true, connect: http2OnlyConnector(unix === undefined ? connect : { ...connect, socketPath: unix }) as never });
  if (proxy) {
    // Bun sends a plain request to the proxy for http: targets and tunnels (CONNECT) only for https:.
    return new ProxyAgent({ ...keepAlive, uri: proxy.url.href, headers: proxy.headers ?? {}, requestTls: connect, proxyTunnel: false });
  }
  if (unix !== undefined) return new Agent({ ...keepAlive, connect: { ...connect, socketPath: unix } });
  if (proxy === undefined && proxyFromEnvironment()) return new EnvHttpProxyAgent({ ...keepAlive, connect, requestTls: connect, proxyTunnel: false });
  return new Agent({ ...keepAlive, connect });
}

/** The dispatcher for these options, noting redirects in `trail` (undefined: the one fetch would use anyway will do). */
export async function chooseDispatcher(extensions: BunFetchExtensions, ownErrors: Set<unknown>, url: string, trail: RedirectTrail): Promise<DispatcherChoice> {
  const connect = extensions.tls ? await connectTLS(extensions.tls, ownErrors) : {};
  // A session's connections are its own: never from the shared pools.
  const needsOwn = extensions.unix !== undefined || extensions.tls !== undefined || extensions.proxy !== undefined || extensions.protocol !== undefined || extensions.session !== undefined || proxyFromEnvironment();
  const behaviours = extensions.verbose || !extensions.decompress || !extensions.keepalive || extensions.idleTimeout !== undefined || extensions.redirectLimit !== undefined;
  if (!needsOwn && !behaviours) return { dispatcher: undefined, closeAfter: undefined };
  const key = poolKey(extensions, connect);
  const pool = extensions.session?.pool ?? pooled;
  let base = key === undefined ? undefined : pool.get(key);
  if (!base) {
    base = needsOwn ? createBase(extensions, connect) : new (undici().Agent)();
    if (key !== undefined) remember(pool, key, base);
  }
  const dispatcher = behaviours ? withBehaviours(base, extensions, { redirects: 0, ownErrors, trail }, url) : redirectWatcher(trail, base);
  return { dispatcher, closeAfter: key === undefined ? base : undefined };
}

function remember(pool: Map<string, Dispatcher>, key: string, dispatcher: Dispatcher): void {
  if (pool.size >= maxPooled) {
    const [oldestKey, oldest] = pool.entries().next().value as [string, Dispatcher];
    pool.delete(oldestKey);
    void oldest.close();
  }
  pool.set(key, dispatcher);
}

type Handler = Record<string, unknown>;
type HandlerMethod = (...args: unknown[]) => unknown;

// The handler methods undici may call, old and new API; only those the handler has are forwarded.
const handlerMethods = [
  "onConnect",
  "onError",
  "onUpgrade",
  "onResponseStarted",
  "onHeaders",
  "onData",
  "onComplete",
  "onBodySent",
  "onRequestSent",
  "onRequestStart",
  "onRequestUpgrade",
  "onResponseStart",
  "onResponseData",
  "onResponseEnd",
  "onResponseError",
] as const;

function hideEncoding(rawHeaders: Array<string | Buffer>): void {
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (String(rawHeaders[index]).toLowerCase() === "content-encoding") rawHeaders[index] = hiddenEncodingHeader;
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

function hasLocation(rawHeaders: Array<string | Buffer>): boolean {
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (String(rawHeaders[index]).toLowerCase() === "location") return true;
  }
  return false;
}

/** What one fetch call's hops share: each hop is a dispatch of its own, and fetch follows the redirects. */
interface FetchState {
  redirects: number;
  ownErrors: Set<unknown>;
  trail: RedirectTrail;
}

/** The error to end the request with instead of following this response, if any. */
function refusedRedirect(status: number, rawHeaders: Array<string | Buffer>, extensions: BunFetchExtensions, state: FetchState, url: string): Error | undefined {
  if (extensions.redirectLimit === undefined || !redirectStatuses.has(status) || !hasLocation(rawHeaders)) return undefined;
  state.redirects++;
  if (state.redirects <= extensions.redirectLimit) return undefined;
  const error = tooManyRedirects(url);
  state.ownErrors.add(error);
  return error;
}

function wrapHandler(handler: Handler, extensions: BunFetchExtensions, state: FetchState, url: string): Handler {
  const wrapped: Handler = {};
  let abort: ((reason: Error) => void) | undefined;
  for (const name of handlerMethods) {
    const method = handler[name];
    if (typeof method !== "function") continue;
    wrapped[name] = (...args: unknown[]) => {
      if (name === "onConnect") abort = args[0] as (reason: Error) => void;
      if (name === "onHeaders") {
        const [status, rawHeaders, , statusText] = args as [number, Array<string | Buffer>, unknown, string];
        if (extensions.verbose) printResponse(status, statusText, rawHeaders);
        noteHop(state.trail, status, rawHeaders);
        const refusal = refusedRedirect(status, rawHeaders, extensions, state, url);
        if (refusal && abort) {
          abort(refusal);
          return false;
        }
        if (!extensions.decompress) hideEncoding(rawHeaders);
      }
      return (method as HandlerMethod).apply(handler, args);
    };
  }
  // Fields fetch keeps on its handler (e.g. `body`) stay readable.
  return new Proxy(wrapped, { get: (target, key) => (key in target ? target[key as string] : handler[key as string]) });
}

function withoutHeader(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== "object") return headers;
  if (Array.isArray(headers)) {
    const kept: unknown[] = [];
    for (let index = 0; index + 1 < headers.length; index += 2) {
      if (String(headers[index]).toLowerCase() !== name) kept.push(headers[index], headers[index + 1]);
    }
    return kept;
  }
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}

/** The base dispatcher with Bun's per-request behaviours layered on (it is not closed through this wrapper). */
function withBehaviours(base: Dispatcher, extensions: BunFetchExtensions, state: FetchState, url: string): Dispatcher {
  const dispatch = (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean => {
    const request: Record<string, unknown> = { ...options };
    // Bun asks for no compression when it will not decompress.
    if (!extensions.decompress && !extensions.userAcceptEncoding) request["headers"] = withoutHeader(request["headers"], "accept-encoding");
    // Bun does not keep the connection; `reset` closes it after this request.
    if (!extensions.keepalive) request["reset"] = true;
    // Bun's `timeout` is an idle deadline: undici's per-request header and body timeouts are both idle timers.
    if (extensions.idleTimeout !== undefined) request["headersTimeout"] = request["bodyTimeout"] = extensions.idleTimeout;
    if (extensions.verbose) printRequest(String(request["method"]), `${String(request["origin"])}${String(request["path"])}`, request["headers"] as never);
    return base.dispatch(request as unknown as Dispatcher.DispatchOptions, wrapHandler(handler as unknown as Handler, extensions, state, url) as unknown as Dispatcher.DispatchHandler);
  };
  return new Proxy(base, {
    get: (target, key) => {
      if (key === "dispatch") return dispatch;
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? (value as HandlerMethod).bind(target) : value;
    },
  });
}
