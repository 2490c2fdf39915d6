// `req.url` in a Bun.serve handler: the request target on the Host header's
// origin, as a URL parser serializes it. Bun hands handlers the parsed URL, so
// dot segments are gone ("/a/../b" is "/b"), "\" is "/", the host is lower
// case without its default port, and characters URLs escape are escaped
// ("{" is "%7B", a quote in the query "%22"). Learnt from Bun 1.4.5 over raw
// requests (test/serve.differential.test.ts). Routes still match the target as
// sent, as in Bun.

/** A host already in URL form: lower-case labels (the last one not numeric) or a dotted quad, and a port that is not a default. */
const SIMPLE_HOST = /^(?:(?:[a-z0-9-]+\.)*[a-z-][a-z0-9-]*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::[1-9]\d{0,4})?$/;
/** A target no URL parser changes: path characters it keeps as they are, then an optional query likewise. */
const SIMPLE_TARGET = /^\/[!$%&'()*+,\-./0-9:;=@A-Z[\]_a-z|~]*(?:\?[!$%&()*+,\-./0-9:;=?@A-Z[\\\]^_`a-z{|}~]*)?$/;
/** A dot segment ("." or "..", also spelled %2e) in the path part. */
const PATH_DOT_SEGMENT = /^[^?]*?(?:\/\.\.?(?=[/?]|$)|%2e)/i;
/** Code points no host holds (brackets aside: an IPv6 address is left to the parser). */
const FORBIDDEN_HOST = /[\0-\x20#/<>?@\\^|\x7f-\uffff]/;
const PORT_SUFFIX = /:\d*$/;

/**
 * "^" in the path escaped: the URL standard added it to the path's escape set
 * (Bun and Node 24 escape it), which Node 22's parser predates.
 */
function escapePathCaret(target: string): string {
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  return path.includes("^") ? path.replaceAll("^", "%5E") + target.slice(path.length) : target;
}

function isNormalized(scheme: "http" | "https", host: string, target: string): boolean {
  if (!SIMPLE_HOST.test(host) || !SIMPLE_TARGET.test(target) || PATH_DOT_SEGMENT.test(target)) return false;
  return !host.endsWith(scheme === "http" ? ":80" : ":443");
}

/**
 * `scheme://host` + `target` (an origin-form request target), normalized. Without a
 * usable host (none, empty, or one holding characters hosts cannot) Bun's url is
 * the bare target; when the URL does not parse (a host such as 1.2.3.4.5) it is
 * the two joined as they came, as in Bun.
 */
export function requestUrl(scheme: "http" | "https", host: string | undefined, target: string): string {
  if (host === undefined || host === "") return target;
  if (isNormalized(scheme, host, target)) return `${scheme}://${host}${target}`;
  const hostname = host.replace(PORT_SUFFIX, "");
  if (hostname === "" || FORBIDDEN_HOST.test(hostname)) return target;
  const joined = `${scheme}://${host}${target}`;
  try {
    return new URL(`${scheme}://${host}${escapePathCaret(target)}`).href;
  } catch {
    return joined;
  }
}
