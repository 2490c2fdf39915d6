// Reading single request headers straight from node:http's rawHeaders (Node
// builds `incoming.headers` lazily; most requests never need it).

/** The first value of the header `lowerName` (given in lower case), or undefined. */
export function rawHeader(raw: readonly string[], lowerName: string): string | undefined {
  const length = lowerName.length;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === length && (name === lowerName || name.toLowerCase() === lowerName)) return raw[i + 1];
  }
  return undefined;
}

/**
 * Whether an HTTP/1.1 GET's head leaves nothing for node:http to do: a Host,
 * no body (Content-Length, Transfer-Encoding) and no Expect.
 */
export function plainGetHead(raw: readonly string[]): boolean {
  let host = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const length = name.length;
    if (length === 4) host ||= name.toLowerCase() === "host";
    else if (length === 6 || length === 14 || length === 17) {
      const lower = name.toLowerCase();
      if (lower === "expect" || lower === "content-length" || lower === "transfer-encoding") return false;
    }
  }
  return host;
}

/**
 * Whether the head of an HTTP/1.1 request with a body leaves nothing for
 * node:http to do: a Host, no Expect, and a Content-Length (if any) within
 * `limit` (a chunked body is held to it as it is read).
 */
export function plainBodyHead(raw: readonly string[], limit: number): boolean {
  let host = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const length = name.length;
    if (length === 4) host ||= name.toLowerCase() === "host";
    else if (length === 6) {
      if (name.toLowerCase() === "expect") return false;
    } else if (length === 14 && name.toLowerCase() === "content-length" && !(Number(raw[i + 1]) <= limit)) return false;
  }
  return host;
}

/**
 * Whether a request's head announces a body: a Transfer-Encoding, or a
 * Content-Length other than 0. (While node:http hands over the head, a
 * request without one is not yet `complete`: its end is parsed right after.)
 */
export function announcesBody(raw: readonly string[]): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const length = name.length;
    if (length === 17 && name.toLowerCase() === "transfer-encoding") return true;
    if (length === 14 && name.toLowerCase() === "content-length" && raw[i + 1]!.trim() !== "0") return true;
  }
  return false;
}
