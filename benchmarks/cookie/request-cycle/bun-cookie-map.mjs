// Bun and Node + dx-compat: Bun.CookieMap over a request's Cookie header and its Set-Cookie output.
import { runCycles } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { CookieMap } = Bun;
runCycles((header, i) => {
  const cookies = new CookieMap(header);
  const session = cookies.get("session");
  const theme = cookies.get("theme");
  cookies.set("theme", theme === "dark" ? "light" : "dark");
  cookies.set("visits", String(i), { maxAge: 86_400, httpOnly: true, sameSite: "strict" });
  cookies.delete("_gid");
  const headers = cookies.toSetCookieHeaders();
  return session.length + headers.length + headers[1].length;
});
