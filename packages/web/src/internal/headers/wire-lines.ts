// The header lines Bun 1.4.5 writes for a program's headers (a WebSocket's
// handshake headers, its proxy's CONNECT headers), as WebKit's header map
// keeps them: one line per name, repeats joined with ", " (Cookie's with
// "; "), the first spelling kept but common names in WebKit's spelling,
// sorted by that spelling code unit by code unit; Set-Cookie last, in lower
// case, one line per value in the order given.
import type { HeaderPairs } from "./header-init.ts";
import { commonHeaderSpelling } from "./common-names.ts";

export function wireLines(headers: HeaderPairs): HeaderPairs {
  const merged = new Map<string, [string, string]>();
  const setCookies: HeaderPairs = [];
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (key === "set-cookie") {
      setCookies.push([key, value]);
      continue;
    }
    const existing = merged.get(key);
    if (existing) existing[1] = `${existing[1]}${key === "cookie" ? "; " : ", "}${value}`;
    else merged.set(key, [commonHeaderSpelling(key) ?? name, value]);
  }
  const sorted = [...merged.values()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [...sorted, ...setCookies];
}
