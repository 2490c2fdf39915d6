// Bun's character rules for cookie names, paths, domains and Set-Cookie strings.

/** RFC 6265 cookie-name: printable ASCII except ';' '=' (and space, controls, DEL). Non-empty. */
export function isValidCookieName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 0x3b || c === 0x3d) return false;
  }
  return true;
}

/** Printable ASCII and space, except ';' and '<'. May be empty. */
export function isValidCookiePath(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x3b || c === 0x3c) return false;
  }
  return true;
}

/** Lower-case letters, digits, '.' and '-' only (Bun does not check the label structure). May be empty. */
export function isValidCookieDomain(domain: string): boolean {
  for (let i = 0; i < domain.length; i++) {
    const c = domain.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;
    if (!ok) return false;
  }
  return true;
}

/** WebKit's HTTP header value check: Latin-1, no NUL/CR/LF, no leading or trailing space or tab. */
export function isValidHeaderValue(value: string): boolean {
  if (value.length === 0) return true;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x00 || c === 0x0a || c === 0x0d || c > 0xff) return false;
  }
  return true;
}

/** WebKit's `isASCIIWhitespace`: space, \t, \n, \f, \r (not \v). */
function isTrimmable(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** Trims WebKit's ASCII whitespace from both ends. */
export function trimASCIIWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
