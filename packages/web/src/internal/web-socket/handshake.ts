// The opening handshake's request headers exactly as Bun 1.4.5 writes them:
// Host (the program's, else the URL's host), Connection, Upgrade,
// Sec-WebSocket-Version, Sec-WebSocket-Extensions, Sec-WebSocket-Key (always
// Bun's own: the program's values for these are dropped), then
// Sec-WebSocket-Protocol (the program's header replaces the `protocols` list,
// and an empty one sends none), then `Authorization: Basic` for credentials
// in the URL (unless the program gave one), then every other header of the
// program as WebKit's header map keeps them (see wire-lines.ts: merged by
// name, sorted as spelt, Set-Cookie last). `ws` writes its own order and Node
// adds Host, so the request is rewritten just before it is sent (ws's
// `finishRequest` hook); the program's headers are never given to `ws`, whose
// http request would check them Node's way.
import type { ClientRequest } from "node:http";
import { commonHeaderSpelling } from "../headers/common-names.ts";
import type { HeaderPairs } from "../headers/header-init.ts";
import { wireLines } from "../headers/wire-lines.ts";
import { basicCredentials } from "./credentials.ts";
import type { WebSocketSettings } from "./options.ts";

export interface Handshake {
  /** The subprotocols `ws` offers and checks the server's choice against. */
  protocols: string[];
  /** Puts Bun's header lines on `ws`'s request. */
  arrange: (request: ClientRequest) => void;
}

/** Bun's own lines, whose values `ws` made (the key is random); a program's value for them is dropped. */
const ownHeaders = ["connection", "upgrade", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-key"];
const placed = new Set(["host", "sec-websocket-protocol", ...ownHeaders]);

// RFC 7230 `token`: a subprotocol `ws` can offer.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

// What Node's http client refuses in a header value (Bun sends these bytes as they are).
const refusedByNode = /[^\t\x20-\x7e\x80-\xff]/;

/** The subprotocols a program's own Sec-WebSocket-Protocol offers, as `ws` must check them (tokens, once each). */
function offered(header: string): string[] {
  const names = header.split(",").map((name) => name.trim());
  return [...new Set(names.filter((name) => token.test(name)))];
}

/**
 * One name's lines (several values: repeated lines, as Set-Cookie's). A value
 * Node's http client would refuse, and Bun sends as it is, goes in after
 * Node's check, which `setHeader` alone makes: an array value is checked as its
 * joined text and kept by reference, and Node does not check it again when it
 * writes the stored headers.
 */
function setLines(request: ClientRequest, name: string, values: string[]): void {
  if (!values.some((value) => refusedByNode.test(value))) {
    request.setHeader(name, values.length === 1 ? (values[0] as string) : values);
    return;
  }
  request.setHeader(name, values.map(() => "-"));
  const stored = request.getHeader(name);
  if (Array.isArray(stored)) stored.splice(0, stored.length, ...values);
}

/** Lines of one name together, in the order of their first line. */
function grouped(lines: HeaderPairs): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [name, value] of lines) {
    const values = groups.get(name);
    if (values) values.push(value);
    else groups.set(name, [value]);
  }
  return groups;
}

function lines(settings: WebSocketSettings, request: ClientRequest, user: HeaderPairs, protocolHeader: string | undefined): HeaderPairs {
  const given = new Map(user.map(([name, value]) => [name.toLowerCase(), value]));
  const out: HeaderPairs = [["Host", given.get("host") ?? settings.url.host]];
  for (const name of ownHeaders) {
    const value = request.getHeader(name);
    if (value !== undefined) out.push([commonHeaderSpelling(name) ?? name, String(value)]);
  }
  const protocols = protocolHeader ?? settings.protocols.join(", ");
  if (protocols !== "") out.push(["Sec-WebSocket-Protocol", protocols]);
  const credentials = basicCredentials(settings.url);
  if (credentials !== undefined && !given.has("authorization")) out.push(["Authorization", credentials]);
  for (const line of user) if (!placed.has(line[0].toLowerCase())) out.push(line);
  return out;
}

export function planHandshake(settings: WebSocketSettings): Handshake {
  const user = wireLines(settings.headers);
  const protocolHeader = user.find(([name]) => name === "Sec-WebSocket-Protocol")?.[1];
  return {
    protocols: protocolHeader === undefined ? settings.protocols : offered(protocolHeader),
    arrange: (request) => {
      const made = lines(settings, request, user, protocolHeader);
      for (const name of request.getRawHeaderNames()) request.removeHeader(name);
      for (const [name, values] of grouped(made)) setLines(request, name, values);
    },
  };
}
