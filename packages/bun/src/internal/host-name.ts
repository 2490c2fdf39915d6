// Host names as Bun checks them before any lookup. Bun.serve and Bun.listen
// refuse, with getaddrinfo's ENOTFOUND, a name its resolver (c-ares) would
// never send: an ASCII character outside letters, digits and `-._*/`, an empty
// label, a label over 63 bytes, or more than 253 bytes (one trailing dot
// aside). Measured against Bun 1.4.5; anything else goes to getaddrinfo.
import { isIPv6 } from "node:net";

const allowedAscii = /^[A-Za-z0-9._*/\-\u0080-\uffff]*$/;

/** Whether Bun refuses `hostname` before looking it up. */
export function isRefusedHostName(hostname: string): boolean {
  const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  if (name.length === 0 || name.length > 253 || !allowedAscii.test(name)) return true;
  return name.split(".").some((label) => label.length === 0 || label.length > 63);
}

/** Whether `hostname` has a character beyond ASCII, which Bun.serve refuses outright (it wants the punycode). */
export function isUnicodeHostName(hostname: string): boolean {
  return /[^\x00-\x7f]/.test(hostname);
}

/** Bun's error for a refused name: "getaddrinfo ENOTFOUND <name>", errno 4 (c-ares's ENOTFOUND). */
export function hostNotFound(hostname: string): Error {
  const error = new Error(`getaddrinfo ENOTFOUND ${hostname}`) as Error & { code: string; syscall: string; hostname: string; errno: number };
  error.code = "ENOTFOUND";
  error.syscall = "getaddrinfo";
  error.hostname = hostname;
  error.errno = 4;
  return error;
}

/** The address inside `[…]` when `hostname` is a bracketed IPv6 literal, as Bun.serve takes it. */
export function bracketedIPv6(hostname: string): string | undefined {
  if (!hostname.startsWith("[") || !hostname.endsWith("]")) return undefined;
  const inner = hostname.slice(1, -1);
  return isIPv6(inner) ? inner : undefined;
}
