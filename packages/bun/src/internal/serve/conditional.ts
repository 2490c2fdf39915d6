// Conditional requests as Bun.serve answers them for routes: If-None-Match
// on static Responses (their etag), If-Modified-Since on files (whole seconds).
/** An entity tag as If-None-Match compares it: without W/ and quotes; undefined when malformed. */
export function bareTag(tag: string): string | undefined {
  const text = tag.trim();
  const strong = text.startsWith("W/") ? text.slice(2) : text;
  if (strong.startsWith('"')) return strong.length >= 2 && strong.endsWith('"') ? strong.slice(1, -1) : undefined;
  return strong.includes('"') ? undefined : strong;
}

/** If-None-Match holds `*` or, among its comma-separated tags (weak or strong, quoted or bare), `tag`. */
export function noneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => bareTag(candidate) === tag);
}

/** If-Modified-Since is a date at or after `lastModified` (ms since the epoch). */
export function notModifiedSince(header: string | undefined, lastModified: number): boolean {
  if (header === undefined) return false;
  const since = Date.parse(header);
  return Number.isFinite(since) && lastModified <= since;
}
