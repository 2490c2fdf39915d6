// file: URLs and paths the way Bun converts them (WebKit's URL code), on
// POSIX systems.
import { isAbsolute, resolve } from "node:path";
import { bunCoded, describeReceived, invalidArgType } from "../errors.ts";

// Bytes WebKit percent-encodes in a file path before parsing it as a URL:
// NUL, tab, LF, CR, space, " # % < > ? [ \ ] ^ ` { | } ~, DEL and every
// non-ASCII byte. Other control characters stay raw, so the URL parser drops
// them at the end of the path and encodes them elsewhere (as in Bun). Node
// 22's own pathToFileURL encodes differently, hence the explicit set.
const encodedAscii = new Set([..."\0\t\n\r \"#%<>?[\\]^`{|}~\x7f"].map((c) => c.charCodeAt(0)));

function percentEncodePath(path: string): string {
  let out = "";
  for (const byte of Buffer.from(path, "utf8")) {
    out += byte > 0x7e || encodedAscii.has(byte) ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(byte);
  }
  return out;
}

/**
 * `pathToFileURL`: a relative path is resolved against the working directory
 * (and normalised); an absolute one is kept as written, except that the URL
 * parser folds its `.` and `..` segments (so `//a` stays `file:////a`).
 */
export function pathToBunFileURL(path: string): URL {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return new URL(`file://${percentEncodePath(absolute)}`);
}

function schemeError(): Error {
  return bunCoded("The URL must be of scheme file", "ERR_INVALID_URL_SCHEME", TypeError);
}

/** The bytes a percent-encoded path stands for (a `%` not followed by two hex digits stays itself). */
function percentDecode(path: string): Buffer {
  const bytes: number[] = [];
  const raw = Buffer.from(path, "utf8");
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x25 && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      bytes.push(Number.parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16));
      i += 2;
    } else bytes.push(byte);
  }
  return Buffer.from(bytes);
}

function isHex(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}

const strictUTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * `fileURLToPath`: a URL object or a string. Bun's errors: a non-file (or
 * unparsable) URL is ERR_INVALID_URL_SCHEME, a host other than localhost is
 * ERR_INVALID_FILE_URL_HOST, an encoded `/` is ERR_INVALID_FILE_URL_PATH. A
 * path whose escapes are not valid UTF-8 comes back empty, as from WebKit.
 */
export function fileURLToBunPath(value: unknown): string {
  let url: URL;
  if (value instanceof URL) url = value;
  else if (typeof value === "string") {
    const parsed = URL.parse(value);
    if (parsed === null) throw schemeError();
    url = parsed;
  } else throw invalidArgType(`The "url" argument must be of type string. ${describeReceived(value)}`);
  if (url.protocol !== "file:") throw schemeError();
  if (url.hostname !== "" && url.hostname !== "localhost") {
    throw bunCoded(`File URL host must be "localhost" or empty on ${process.platform === "darwin" ? "darwin" : "linux"}`, "ERR_INVALID_FILE_URL_HOST", TypeError);
  }
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) throw bunCoded("File URL path must not include encoded / characters", "ERR_INVALID_FILE_URL_PATH", TypeError);
  try {
    return strictUTF8.decode(percentDecode(pathname));
  } catch {
    return "";
  }
}
