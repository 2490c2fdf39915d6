import { CookieMapClass } from "./internal/cookie/cookie-map.ts";

/**
 * `Bun.CookieMap`: the cookies of a request and the changes to send back.
 * Built from a Cookie header string (values percent-decoded), a record or an
 * array of `[name, value]` pairs. `get`, `has`, `set(name, value, options?)` /
 * `set(cookieInit | Cookie)`, `delete(name | options)`, `size`, iteration
 * (changed cookies first, then the original ones), `toJSON()`, and
 * `toSetCookieHeaders()`: one Set-Cookie value per cookie set or deleted.
 * In `Bun.serve`, route handlers get one as `req.cookies`.
 *
 * @example
 * ```ts
 * import { CookieMap } from "@dx-compat/bun";
 * const cookies = new CookieMap("session=abc; theme=dark");
 * cookies.set("theme", "light", { maxAge: 86400 });
 * cookies.delete("session");
 * cookies.toSetCookieHeaders();
 * // ["theme=light; Path=/; Max-Age=86400; SameSite=Lax",
 * //  "session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax"]
 * ```
 */
export const CookieMap: typeof import("bun").CookieMap = CookieMapClass;
