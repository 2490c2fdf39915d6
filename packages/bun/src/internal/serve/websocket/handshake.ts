// The server half of the opening handshake (RFC 6455 §4.2), answered the way
// Bun 1.4.5 answers it: which requests `server.upgrade` accepts, and the 101
// response's headers in Bun's order and spelling.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { HeadersInit } from "bun";
import { wireHeaders } from "../wire-headers.ts";
import { negotiatePerMessageDeflate } from "./deflate-negotiation.ts";
import type { DeflateConfig } from "./options.ts";
import { ws, type PerMessageDeflateInstance } from "./ws-internals.ts";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
/** A Sec-WebSocket-Key is 16 random bytes in base64. */
const KEY_PATTERN = /^[+/0-9A-Za-z]{22}==$/;

export type HandshakeCheck = "ok" | "not-websocket" | "bad-version";

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** "not-websocket": server.upgrade returns false; "bad-version": Bun answers 426 itself and returns false. */
export function checkHandshake(request: IncomingMessage): HandshakeCheck {
  if (request.method !== "GET") return "not-websocket";
  const upgrade = headerValue(request, "upgrade");
  if (upgrade === undefined || !upgrade.split(",").some((token) => token.trim().toLowerCase() === "websocket")) return "not-websocket";
  const key = headerValue(request, "sec-websocket-key");
  if (key === undefined || !KEY_PATTERN.test(key.trim())) return "not-websocket";
  return headerValue(request, "sec-websocket-version") === "13" ? "ok" : "bad-version";
}

export const BAD_VERSION_RESPONSE = "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n";

function acceptKey(key: string): string {
  return createHash("sha1").update(key.trim() + GUID).digest("base64");
}

/** [name, value] pairs of a HeadersInit as the program spelled them (Headers objects only know lower case). */
function headerPairs(init: HeadersInit | undefined): [string, string][] {
  if (init === undefined || init === null) return [];
  // Let Headers validate names and values (and throw as it does for bad ones).
  const checked = new Headers(init as ConstructorParameters<typeof Headers>[0]);
  if (init instanceof Headers || Array.isArray(init)) {
    if (Array.isArray(init)) return init.map((pair) => [String(pair[0]), String(pair[1])]);
    return [...checked.entries()].filter(([name]) => name !== "set-cookie").concat(checked.getSetCookie().map((cookie) => ["set-cookie", cookie]));
  }
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(init)) {
    if (typeof value === "string") pairs.push([name, value]);
    else for (const item of value) pairs.push([name, String(item)]);
  }
  return pairs;
}

export interface Negotiated {
  /** The 101 response, ready for the wire. */
  response: string;
  deflate: PerMessageDeflateInstance | undefined;
}

/** The agreed permessage-deflate, run by ws's implementation with the parameters Bun's negotiation settled on. */
function negotiateDeflate(request: IncomingMessage, config: DeflateConfig, maxPayload: number): { header: string; deflate: PerMessageDeflateInstance } | undefined {
  const offered = headerValue(request, "sec-websocket-extensions");
  const agreement = offered === undefined ? undefined : negotiatePerMessageDeflate(offered, config.windows);
  if (agreement === undefined) return undefined;
  const deflate = new (ws().PerMessageDeflate)({
    serverNoContextTakeover: agreement.serverNoContextTakeover,
    clientNoContextTakeover: agreement.clientNoContextTakeover,
    // With compression off ("disable"), Bun still inflates but never sets RSV1 itself.
    threshold: config.compress ? 0 : Number.POSITIVE_INFINITY,
    isServer: true,
    maxPayload,
  });
  // ws's own accept() would negotiate again, by its rules; the agreement is set as it would set it.
  deflate.params = {
    server_no_context_takeover: agreement.serverNoContextTakeover,
    client_no_context_takeover: agreement.clientNoContextTakeover,
    server_max_window_bits: agreement.serverMaxWindowBits,
    client_max_window_bits: agreement.clientMaxWindowBits,
  };
  return { header: agreement.header, deflate };
}

export function negotiate(request: IncomingMessage, headers: HeadersInit | undefined, options: { deflate: DeflateConfig | undefined; maxPayload: number }): Negotiated {
  let protocol: string | undefined;
  const custom = headerPairs(headers).filter(([name, value]) => {
    if (name.toLowerCase() !== "sec-websocket-protocol") return true;
    protocol = protocol === undefined ? value : `${protocol}, ${value}`;
    return false;
  });
  if (protocol === undefined) {
    // Bun picks the client's first subprotocol when the program names none.
    const offered = headerValue(request, "sec-websocket-protocol");
    const first = offered?.split(",")[0]?.trim();
    if (first) protocol = first;
  }
  const deflate = options.deflate === undefined ? undefined : negotiateDeflate(request, options.deflate, options.maxPayload);
  let response = `HTTP/1.1 101 Switching Protocols\r\n${wireHeaders(custom).text}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(headerValue(request, "sec-websocket-key") ?? "")}\r\n`;
  if (protocol !== undefined) response += `Sec-WebSocket-Protocol: ${protocol}\r\n`;
  if (deflate !== undefined) response += `Sec-WebSocket-Extensions: ${deflate.header}\r\n`;
  response += `Date: ${new Date().toUTCString()}\r\n\r\n`;
  return { response, deflate: deflate?.deflate };
}
