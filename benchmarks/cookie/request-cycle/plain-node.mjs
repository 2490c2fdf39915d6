// The plain-Node alternative: split the header by hand, decode values, build Set-Cookie strings with templates.
import { runCycles } from "../lib.mjs";

function parseCookieHeader(header) {
  const cookies = new Map();
  for (const part of header.split(";")) {
    const equals = part.indexOf("=");
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim();
    if (name === "" || cookies.has(name)) continue;
    const value = part.slice(equals + 1).trim();
    cookies.set(name, value.includes("%") ? decodeURIComponent(value) : value);
  }
  return cookies;
}

runCycles((header, i) => {
  const cookies = parseCookieHeader(header);
  const session = cookies.get("session");
  const theme = cookies.get("theme");
  const headers = [
    `theme=${encodeURIComponent(theme === "dark" ? "light" : "dark")}; Path=/; SameSite=Lax`,
    `visits=${encodeURIComponent(String(i))}; Path=/; Max-Age=86400; HttpOnly; SameSite=Strict`,
    "_gid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax",
  ];
  return session.length + headers.length + headers[1].length;
});
