// NO_PROXY as Bun reads it for a `proxy` option (`respectNoProxy`, on by
// default): comma-separated entries, trimmed and case-insensitive; `*` for
// every host; a name matches itself and its subdomains (a leading `.` or `*.`
// changes nothing), at a label boundary; an IP matches itself; `a.b.c.d/n` is a
// range; `:port` narrows an entry to that port (the scheme's default counts).
import { BlockList, isIP } from "node:net";

interface Entry {
  host: string;
  port: string | undefined;
}

function parseEntry(text: string): Entry {
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    const port = text.slice(close + 1).replace(/^:/, "");
    return { host: text.slice(1, close), port: port === "" ? undefined : port };
  }
  // A bare IPv6 address has colons and no port.
  if (isIP(text) === 6) return { host: text, port: undefined };
  const colon = text.lastIndexOf(":");
  return colon === -1 ? { host: text, port: undefined } : { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

function inRange(host: string, range: string): boolean {
  const [address = "", bits = ""] = range.split("/");
  const family = isIP(address);
  const prefix = Number(bits);
  if (family === 0 || family !== isIP(host) || !Number.isInteger(prefix)) return false;
  const list = new BlockList();
  try {
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  } catch {
    return false;
  }
  return list.check(host, family === 6 ? "ipv6" : "ipv4");
}

function hostMatches(host: string, pattern: string): boolean {
  if (pattern.includes("/")) return inRange(host, pattern);
  if (isIP(pattern) !== 0 || isIP(host) !== 0) return pattern === host;
  const domain = pattern.replace(/^\*?\./, "");
  return domain !== "" && (host === domain || host.endsWith(`.${domain}`));
}

/** Whether NO_PROXY (or no_proxy) names `url`'s host: such a request goes direct. */
export function bypassesProxy(url: URL, environment: NodeJS.ProcessEnv = process.env): boolean {
  const list = environment["NO_PROXY"] || environment["no_proxy"] || "";
  if (list === "") return false;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  for (const raw of list.split(",")) {
    const text = raw.trim().toLowerCase();
    if (text === "") continue;
    if (text === "*") return true;
    const entry = parseEntry(text);
    if (entry.port !== undefined && entry.port !== port) continue;
    if (hostMatches(host, entry.host)) return true;
  }
  return false;
}
