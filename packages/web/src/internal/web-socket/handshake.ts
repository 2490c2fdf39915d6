// The opening handshake's request headers in Bun's order and spelling: Host,
// Connection, Upgrade, Sec-WebSocket-Version, Sec-WebSocket-Extensions,
// Sec-WebSocket-Key, Sec-WebSocket-Protocol ("a, b"), then the user's headers
// (Bun keeps them in a Headers object: WebKit's "common" names first, each
// group in the order given). `ws` puts the user's first and Node adds Host last, so
// the request is rearranged just before it is sent (ws's `finishRequest` hook).
import type { ClientRequest } from "node:http";
import { isCommonHeaderName } from "../headers/common-names.ts";

const protocolHeaders = ["Connection", "Upgrade", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Key", "Sec-WebSocket-Protocol"];

export function arrangeHandshake(request: ClientRequest, host: string, userNames: readonly string[]): void {
  const values = new Map<string, ReturnType<ClientRequest["getHeader"]>>();
  for (const name of request.getRawHeaderNames()) {
    values.set(name.toLowerCase(), request.getHeader(name));
    request.removeHeader(name);
  }
  const taken = new Set<string>();
  const put = (name: string): void => {
    const key = name.toLowerCase();
    const value = values.get(key);
    if (value === undefined || taken.has(key)) return;
    taken.add(key);
    request.setHeader(name, key === "sec-websocket-protocol" ? String(value).split(",").join(", ") : value);
  };
  if (!values.has("host")) values.set("host", host);
  const userHost = userNames.find((name) => name.toLowerCase() === "host");
  put(userHost ?? "Host");
  for (const name of protocolHeaders) if (!userNames.some((user) => user.toLowerCase() === name.toLowerCase())) put(name);
  for (const name of userNames) if (isCommonHeaderName(name.toLowerCase())) put(name);
  for (const name of userNames) put(name);
}
