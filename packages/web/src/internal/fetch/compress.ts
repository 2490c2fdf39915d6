// Bun's `compress` fetch option: the request body compressed before it is sent,
// with Content-Encoding set. Only bodies Bun holds in memory are compressed (a
// ReadableStream goes as it is), and a request that names its own
// Content-Encoding is left alone. The bytes come from Node's zlib, so they
// differ from Bun's (libdeflate for gzip and deflate); what they decode to is the same.
import { describeReceived, notImplemented } from "@dx-compat/shared/errors";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { integerInRange, invalidArgType } from "./errors.ts";

type CompressEncoding = "gzip" | "deflate" | "br" | "zstd";

export interface CompressChoice {
  encoding: CompressEncoding;
  /** Bun's level for the encoding, or undefined for its default. */
  level?: number;
}

/** The levels Bun accepts for each encoding (libdeflate's for gzip and deflate). */
const levelRanges: Readonly<Record<CompressEncoding, readonly [number, number]>> = {
  gzip: [0, 12],
  deflate: [0, 12],
  br: [0, 11],
  zstd: [1, 22],
};

function isEncoding(value: string): value is CompressEncoding {
  return Object.hasOwn(levelRanges, value);
}

const encodingList = '"gzip", "deflate", "br", or "zstd"';

function readLevel(value: unknown, encoding: CompressEncoding): number | undefined {
  // undefined, null and NaN mean the default, as in Bun.
  if (value === undefined || value === null || Number.isNaN(value)) return undefined;
  const [low, high] = levelRanges[encoding];
  return integerInRange(value, "compress.level", low, high);
}

function readObject(value: object): CompressChoice {
  const { encoding, level } = value as { encoding?: unknown; level?: unknown };
  if (typeof encoding !== "string") throw invalidArgType(`The "compress.encoding" argument must be of type string. ${describeReceived(encoding)}`);
  if (!isEncoding(encoding)) throw invalidArgType(`fetch: 'compress.encoding' must be ${encodingList}`);
  const chosen = readLevel(level, encoding);
  return chosen === undefined ? { encoding } : { encoding, level: chosen };
}

/** Bun's reading of `compress`: undefined for none; Bun's errors for a value it rejects. */
export function readCompress(value: unknown): CompressChoice | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true) return { encoding: "gzip" };
  if (typeof value === "string") {
    if (!isEncoding(value)) throw invalidArgType(`fetch: 'compress' must be ${encodingList}`);
    return { encoding: value };
  }
  if (typeof value === "object" || typeof value === "function") return readObject(value);
  throw invalidArgType(`The "compress" argument must be of type boolean, string, or object. ${describeReceived(value)}`);
}

type Compressor = (input: Uint8Array, options: object) => Promise<Buffer>;

const compressors: Partial<Record<CompressEncoding, Compressor>> = {};

function compressor(encoding: CompressEncoding): Compressor {
  const made = compressors[encoding];
  if (made) return made;
  // zstd is in node:zlib from Node 22.15 on.
  const native = { gzip: zlib.gzip, deflate: zlib.deflate, br: zlib.brotliCompress, zstd: zlib.zstdCompress as typeof zlib.zstdCompress | undefined }[encoding];
  if (native === undefined) throw notImplemented("fetch", `compress: "zstd" needs node:zlib's zstd (Node 22.15 or later); this is Node ${process.versions.node}`);
  return (compressors[encoding] = promisify(native) as Compressor);
}

function zlibOptions({ encoding, level }: CompressChoice): object {
  if (level === undefined) return {};
  switch (encoding) {
    case "br":
      return { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: level } };
    case "zstd":
      return { params: { [zlib.constants.ZSTD_c_compressionLevel]: level } };
    default:
      // libdeflate's levels 10 to 12 search harder than zlib can: zlib's best is 9.
      return { level: Math.min(level, 9) };
  }
}

/** `body` compressed as `choice` says (async: zlib's thread pool, not the event loop). */
function compressBytes(body: Uint8Array, choice: CompressChoice): Promise<Buffer> {
  return compressor(choice.encoding)(body, zlibOptions(choice));
}

function isStreamBody(body: unknown): boolean {
  return body instanceof ReadableStream || (typeof body === "object" && body !== null && Symbol.asyncIterator in body && !(body instanceof Blob));
}

/**
 * The request to send instead, with its body compressed; undefined when it is
 * sent as it is (no body, a streamed body, or its own Content-Encoding).
 */
export async function compressedRequest(input: string | URL | Request, init: RequestInit | undefined, choice: CompressChoice): Promise<Request | undefined> {
  if (init?.body !== undefined && init.body !== null && isStreamBody(init.body)) return undefined;
  const request = new Request(input as string, init);
  if (request.body === null || request.headers.has("content-encoding")) return undefined;
  const compressed = await compressBytes(new Uint8Array(await request.arrayBuffer()), choice);
  const headers = new Headers(request.headers);
  headers.set("content-encoding", choice.encoding);
  return new Request(request, { body: compressed, headers });
}
