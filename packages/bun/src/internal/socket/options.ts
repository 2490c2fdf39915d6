// The options object of Bun.listen and Bun.connect, checked in Bun's order with Bun's errors.
import { invalidArgType, outOfRange } from "../errors.ts";
import { parseHandlers, type SocketHandlers } from "./handlers.ts";
import { parseTls, type TlsSettings } from "./tls-options.ts";

export type Endpoint = { kind: "tcp"; hostname: string; port: number } | { kind: "unix"; path: string };

export interface SocketOptions {
  handlers: SocketHandlers;
  data: unknown;
  endpoint: Endpoint;
  tls: TlsSettings | undefined;
  allowHalfOpen: boolean;
  /** Bun.listen: share the port with other listeners that ask too (SO_REUSEPORT). */
  reusePort: boolean;
  /** Bun.listen on "::": refuse IPv4 connections. */
  ipv6Only: boolean;
}

export function parseSocketOptions(api: "listen" | "connect", value: unknown): SocketOptions {
  if (typeof value !== "object" || value === null) throw invalidArgType(api === "listen" ? "Expected object" : "Expected options object");
  const options = value as Record<string, unknown>;
  const socket = options["socket"];
  if (typeof socket !== "object" || socket === null) throw invalidArgType("SocketOptions.socket is required");
  const handlers = parseHandlers(socket);
  return {
    handlers,
    data: options["data"],
    endpoint: parseEndpoint(options),
    tls: parseTls(options["tls"], api === "connect"),
    allowHalfOpen: options["allowHalfOpen"] === true,
    reusePort: options["reusePort"] === true,
    ipv6Only: options["ipv6Only"] === true,
  };
}

function parseEndpoint(options: Record<string, unknown>): Endpoint {
  const unix = options["unix"];
  if (typeof unix === "string" && unix !== "") return { kind: "unix", path: unix };
  const hostname = options["hostname"];
  // Any falsy hostname ("", 0, false) counts as none, as in Bun.
  if (!hostname) throw invalidArgType('Expected either "hostname" or "unix"');
  const port = options["port"];
  if (port === undefined || port === null) throw invalidArgType('Missing "port"');
  const number = Number(port);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw outOfRange(`SocketOptions.port must be in the range [0, 65535] (received ${String(port)})`);
  }
  return { kind: "tcp", hostname: String(hostname), port: number };
}
