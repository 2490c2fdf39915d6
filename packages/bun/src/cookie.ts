import { CookieClass } from "./internal/cookie/cookie.ts";

/**
 * `Bun.Cookie`: one HTTP cookie. `new Cookie(name, value, options?)`,
 * `new Cookie("name=value; Path=/; …")` (a Set-Cookie string), `new Cookie({ name, value, … })`,
 * `Cookie.parse(string)`, `Cookie.from(name, value, options?)`. Attributes
 * `domain`, `path` (default "/"), `expires` (a Date; set with a Date, seconds
 * since the epoch or a date string), `maxAge`, `secure`, `httpOnly`,
 * `partitioned`, `sameSite` (default "lax"); `isExpired()`, `serialize()` /
 * `toString()` (Bun's attribute order, the value percent-encoded), `toJSON()`.
 * Validation errors are Bun's.
 *
 * @example
 * ```ts
 * import { Cookie } from "@dx-compat/bun";
 * new Cookie("session", "abc", { httpOnly: true, maxAge: 3600 }).serialize();
 * // "session=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax"
 * Cookie.parse("id=1; Domain=example.com; Secure").domain; // "example.com"
 * ```
 */
export const Cookie: typeof import("bun").Cookie = CookieClass;
