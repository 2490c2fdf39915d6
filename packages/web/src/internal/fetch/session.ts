// What a Bun.FetchSession holds, checked the way Bun's constructor checks it,
// and how a request's own options layer over it. Each session has its own
// dispatcher pool: connections are never shared with plain fetch() or another
// session, as in Bun.
import { describeReceived } from "@dx-compat/shared/errors";
import type { Dispatcher } from "undici";
import { integerInRange, invalidArgType } from "./errors.ts";
import { checkProxyScheme, readProxy, type BunFetchExtensions, type ProxyChoice } from "./options.ts";

export interface SessionSettings {
  tls?: Record<string, unknown>;
  proxy?: ProxyChoice | false;
  unix?: string;
  keepAlive: boolean;
  /** `keepAlive.idleTimeout` in ms: how long an idle connection stays pooled. */
  idleTimeout?: number;
  /** This session's dispatchers, by option set. */
  pool: Map<string, Dispatcher>;
}

const settingsBySession = new WeakMap<object, SessionSettings>();

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

function readSessionProxy(value: unknown): ProxyChoice | false | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const named = typeof value === "string" || value instanceof URL || value === false || (isObject(value) && value["url"] !== undefined && value["url"] !== null);
  if (!named) throw invalidArgType(`The "proxy" argument must be a string, a URL, an object with a "url", or false. ${describeReceived(value)}`);
  // The scheme is checked per request, where Bun reports it as UnsupportedProxyProtocol.
  return readProxy(value, undefined);
}

const tlsFileValue = (value: unknown): boolean => typeof value === "string" || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof Blob;

function readSessionTLS(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidArgType("FetchSession: 'tls' must be an object");
  for (const key of ["ca", "cert", "key"]) {
    const item = value[key];
    if (item === undefined || item === null || tlsFileValue(item)) continue;
    if (!Array.isArray(item)) throw invalidArgType(`TLSOptions.${key} must be of type string, ArrayBuffer, Blob, array of <string, ArrayBuffer, or Blob>, or null`);
    if (!item.every(tlsFileValue)) throw invalidArgType(`element of TLSOptions.${key} must be of type string, ArrayBuffer, or Blob`);
  }
  return value;
}

function readKeepAlive(value: unknown, settings: SessionSettings): void {
  if (value === undefined || value === null || value === true) return;
  if (value === false) {
    settings.keepAlive = false;
    return;
  }
  if (!isObject(value)) throw invalidArgType("FetchSession: 'keepAlive' must be a boolean or an object");
  const { idleTimeout, maxIdleSockets } = value;
  if (idleTimeout !== undefined && idleTimeout !== null) {
    if (typeof idleTimeout !== "number" || !(idleTimeout > 0)) throw invalidArgType("FetchSession: 'keepAlive.idleTimeout' must be a positive number");
    // Bun's longest is 238 minutes; a larger value means that.
    settings.idleTimeout = Math.min(idleTimeout, 14_280) * 1000;
  }
  // Checked as Bun checks it; undici has no cap on idle connections alone to give it to.
  if (maxIdleSockets !== undefined && maxIdleSockets !== null) integerInRange(maxIdleSockets, "keepAlive.maxIdleSockets", 1, 65_535);
}

function readUnix(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value === "") throw invalidArgType("FetchSession: 'unix' must be a non-empty string");
  return value;
}

/** Bun's checks of `new FetchSession(init)`, in Bun's order; the settings for `session`. */
export function registerSession(session: object, init: unknown): void {
  if (init !== undefined && init !== null && !isObject(init)) throw invalidArgType("FetchSession: options must be an object");
  const options = (init ?? {}) as Record<string, unknown>;
  const settings: SessionSettings = { keepAlive: true, pool: new Map() };
  const tls = readSessionTLS(options["tls"]);
  const proxy = readSessionProxy(options["proxy"]);
  const unix = readUnix(options["unix"]);
  readKeepAlive(options["keepAlive"], settings);
  if (tls) settings.tls = tls;
  if (proxy !== undefined) settings.proxy = proxy;
  if (unix !== undefined) settings.unix = unix;
  settingsBySession.set(session, settings);
}

/** Close a session's idle connections; requests in flight finish, and the next request opens new ones. */
export function closeSessionConnections(session: object): void {
  const settings = settingsBySession.get(session);
  if (!settings) throw new TypeError("Expected this to be instanceof FetchSession");
  for (const dispatcher of settings.pool.values()) void dispatcher.close();
  settings.pool.clear();
}

/** The settings of the session named by fetch's `session` option; Bun's error for anything else. */
export function sessionSettings(value: unknown): SessionSettings | undefined {
  if (value === undefined || value === null) return undefined;
  const settings = isObject(value) ? settingsBySession.get(value) : undefined;
  if (!settings) throw invalidArgType("fetch: 'session' must be a Bun.FetchSession");
  return settings;
}

/** The request's options over the session's: its own win, and its `tls` replaces the session's whole. */
export function applySession(extensions: BunFetchExtensions, settings: SessionSettings, target: string): void {
  extensions.session = settings;
  if (extensions.proxy === undefined && settings.proxy) checkProxyScheme(settings.proxy.url, target);
  if (extensions.unix === undefined && settings.unix !== undefined) extensions.unix = settings.unix;
  if (extensions.tls === undefined && settings.tls !== undefined) extensions.tls = settings.tls;
  if (extensions.proxy === undefined && settings.proxy !== undefined) extensions.proxy = settings.proxy;
  if (!settings.keepAlive) extensions.keepalive = false;
}
