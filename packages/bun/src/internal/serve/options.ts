// Bun.serve's options, validated and defaulted as Bun 1.4.5 does it.
import { readFileSync } from "node:fs";
import { invalidArgType, outOfRange } from "../errors.ts";
import { fileTarget } from "../file/target.ts";

export interface ServeOptionsLike {
  fetch?: unknown;
  routes?: unknown;
  error?: unknown;
  websocket?: unknown;
  port?: unknown;
  hostname?: unknown;
  unix?: unknown;
  tls?: unknown;
  development?: unknown;
  id?: unknown;
  idleTimeout?: unknown;
  maxRequestBodySize?: unknown;
  reusePort?: unknown;
  ipv6Only?: unknown;
  http2?: unknown;
}

const needsHandler =
  "Bun.serve() needs either:\n\n" +
  '  - A routes object:\n     routes: {\n       "/path": {\n         GET: (req) => new Response("Hello")\n       }\n     }\n\n' +
  '  - Or a fetch handler:\n     fetch: (req) => {\n       return new Response("Hello")\n     }\n\n' +
  "Learn more at https://bun.com/docs/api/http";

/** The handlers part of the options (also what `reload` replaces). */
export interface Handlers {
  fetch: ((request: Request, server: unknown) => unknown) | undefined;
  routes: Record<string, unknown> | undefined;
  error: ((error: unknown) => unknown) | undefined;
  websocket: object | undefined;
}

export function handlersOf(options: ServeOptionsLike): Handlers {
  if (typeof options !== "object" || options === null) throw invalidArgType(needsHandler);
  const { fetch, routes, error, websocket } = options;
  if (fetch !== undefined && typeof fetch !== "function") throw invalidArgType("Expected fetch() to be a function");
  if (error !== undefined && error !== null && typeof error !== "function") throw invalidArgType("Expected error to be a function");
  const hasRoutes = typeof routes === "object" && routes !== null;
  if (fetch === undefined && !hasRoutes) throw invalidArgType(needsHandler);
  return {
    fetch: fetch as Handlers["fetch"],
    routes: hasRoutes ? (routes as Record<string, unknown>) : undefined,
    error: typeof error === "function" ? (error as Handlers["error"]) : undefined,
    websocket: typeof websocket === "object" && websocket !== null ? websocket : undefined,
  };
}

function portFromEnvironment(): number {
  for (const name of ["BUN_PORT", "PORT", "NODE_PORT"]) {
    const value = process.env[name];
    if (value === undefined || value === "") continue;
    const port = Number(value);
    if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  }
  return 3000;
}

export function portOf(value: unknown): number {
  if (value === undefined || value === null) return portFromEnvironment();
  const port = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(port)) throw outOfRange(`The value of "options.port" is out of range. It must be an integer. Received ${String(port)}`);
  if (port < 0 || port > 65535) throw outOfRange(`The value of "options.port" is out of range. It must be >= 0 and <= 65535. Received ${port}`);
  return port;
}

export function developmentOf(value: unknown): boolean {
  if (value === undefined) return process.env["NODE_ENV"] !== "production";
  if (typeof value === "object" && value !== null) return true;
  return Boolean(value);
}

export function idleTimeoutOf(value: unknown): number {
  if (value === undefined) return 10;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 255) {
    throw outOfRange(`The value of "idleTimeout" is out of range. It must be >= 0 and <= 255. Received ${String(value)}`);
  }
  return seconds;
}

export function bodyLimitOf(value: unknown): number {
  if (value === undefined || value === null) return 128 * 1024 * 1024;
  const limit = Number(value);
  return Number.isFinite(limit) && limit >= 0 ? limit : 128 * 1024 * 1024;
}

type TlsValue = string | Buffer | Array<string | Buffer>;

/** A tls key/cert/ca value: strings, Buffers, TypedArrays, BunFiles (read now), or arrays of them. */
function tlsValue(value: unknown): TlsValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => tlsValue(item) as string | Buffer);
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  const target = fileTarget(value);
  if (target !== undefined) return readFileSync(target.kind === "path" ? target.path : target.fd);
  throw invalidArgType("TLSOptions must be a string, BunFile, TypedArray or an array of them");
}

export interface TlsContextOptions {
  key?: TlsValue;
  cert?: TlsValue;
  ca?: TlsValue;
  passphrase?: string;
  serverName?: string;
  requestCert?: boolean;
  rejectUnauthorized?: boolean;
}

/** One `tls` entry in node:tls terms. */
function tlsEntryOf(entry: unknown): TlsContextOptions {
  const source = entry as Record<string, unknown>;
  const options: TlsContextOptions = {};
  const key = tlsValue(source["key"]);
  const cert = tlsValue(source["cert"]);
  const ca = tlsValue(source["ca"]);
  if (key !== undefined) options.key = key;
  if (cert !== undefined) options.cert = cert;
  if (ca !== undefined) options.ca = ca;
  if (typeof source["passphrase"] === "string") options.passphrase = source["passphrase"];
  if (typeof source["serverName"] === "string") options.serverName = source["serverName"];
  if (typeof source["requestCert"] === "boolean") options.requestCert = source["requestCert"];
  if (typeof source["rejectUnauthorized"] === "boolean") options.rejectUnauthorized = source["rejectUnauthorized"];
  return options;
}

/** The tls entries (SNI when several), or undefined for plain HTTP (Bun ignores a tls object without key/cert). */
export function tlsOf(value: unknown): TlsContextOptions[] | undefined {
  if (value === undefined || value === null) return undefined;
  const entries = (Array.isArray(value) ? value : [value]).map(tlsEntryOf).filter((entry) => entry.key !== undefined || entry.cert !== undefined);
  return entries.length === 0 ? undefined : entries;
}
