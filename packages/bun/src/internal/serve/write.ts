// Turning a handler's Response into the bytes Bun sends: Bun's status line,
// header order and spelling, its default Content-Type, Date and framing.
// Strings and bytes go out in one write; streams are sent with Content-Length
// when they finish before the next turn of the event loop (as Bun does) and
// chunked otherwise; BunFiles stream from disk with Range support (a slice,
// only its part, as Bun sends it).
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeadersInit } from "bun";
import { fileSpan, fileTarget, type FileSpan } from "../file/target.ts";
import { httpDate } from "./http-date.ts";
import { sendWhole, setHead } from "./raw-socket.ts";
import { parseRange } from "./range.ts";
import { rawHeader } from "./raw-headers.ts";
import { fastParts, type FastParts } from "./response.ts";
import { statusLine } from "./status.ts";
import { wireHeaders, type WireHeaders } from "./wire-headers.ts";

const textType = "text/plain;charset=utf-8";
const bytesType = "application/octet-stream";
const jsonHeader = "Content-Type: application/json;charset=utf-8\r\n";
const noHeaders: WireHeaders = { text: "", hasContentType: false, hasDate: false };
const jsonHeaders: WireHeaders = { text: jsonHeader, hasContentType: true, hasDate: false };

/** What a response write needs to know about the request. */
export interface WriteContext {
  /** A HEAD request: Bun sends the head with a lower-case content-length and no body. */
  readonly headOnly: boolean;
  /** Set-Cookie values from `req.cookies` (route handlers). */
  readonly cookies: readonly string[] | undefined;
  /** The request (its Range header matters for BunFile bodies). */
  readonly incoming: IncomingMessage | undefined;
}

function isNullBodyStatus(status: number): boolean {
  return status === 204 || status === 304 || status === 101;
}

function initPairs(init: HeadersInit): Iterable<readonly [string, string]> {
  if (Array.isArray(init)) return init as [string, string][];
  if (init instanceof Headers) return init;
  return Object.entries(init as Record<string, string>);
}

function fastWire(parts: FastParts, cookies: readonly string[] | undefined): WireHeaders {
  if (parts.headers === undefined && parts.headersInit === undefined && cookies === undefined) return parts.jsonType ? jsonHeaders : noHeaders;
  const pairs: (readonly [string, string])[] = [...(parts.headers ?? (parts.headersInit === undefined ? [] : initPairs(parts.headersInit)))];
  if (parts.jsonType) pairs.push(["Content-Type", "application/json;charset=utf-8"]);
  // A Response made with headers holds its Blob body's type among them, as in Bun.
  const body = parts.body;
  if (pairs.length > 0 && body instanceof Blob && body.type !== "" && !pairs.some(([name]) => name.toLowerCase() === "content-type")) pairs.push(["Content-Type", body.type]);
  return wireHeaders(pairs, cookies);
}

/**
 * A native (undici) Response's headers. undici adds its own Content-Type for
 * string bodies ("text/plain;charset=UTF-8"), which Bun's Response would not
 * hold: that one is treated as the default Bun writes instead.
 */
function nativeWire(headers: Headers, cookies: readonly string[] | undefined): { wire: WireHeaders; defaultType: string | undefined } {
  const pairs: [string, string][] = [];
  let defaultType: string | undefined;
  for (const pair of headers) {
    if (pair[0] === "content-type" && pair[1] === "text/plain;charset=UTF-8") {
      defaultType = textType;
      continue;
    }
    pairs.push(pair);
  }
  return { wire: wireHeaders(pairs, cookies), defaultType };
}

function defaultTypeOf(body: unknown): string | undefined {
  if (typeof body === "string") return textType;
  if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) return bytesType;
  if (body instanceof Blob) return body.type === "" ? undefined : body.type;
  return undefined;
}

/** Bun's head for a body of known length (or chunked when `length` is undefined). */
function headFor(status: number, wire: WireHeaders, defaultType: string | undefined, length: number | undefined, context: WriteContext): string {
  let head = statusLine(status) + wire.text;
  if (context.headOnly) return length === undefined ? `${head}\r\n` : `${head}content-length: ${length}\r\n\r\n`;
  if (isNullBodyStatus(status)) return wire.hasDate ? `${head}\r\n` : `${head}Date: ${httpDate()}\r\n\r\n`;
  if (!wire.hasContentType && defaultType !== undefined) head += `content-type: ${defaultType}\r\n`;
  if (!wire.hasDate) head += `Date: ${httpDate()}\r\n`;
  if (length !== undefined) return `${head}Content-Length: ${length}\r\n\r\n`;
  // HTTP/1.0 has no chunked coding: Bun sends the bytes as they come and closes.
  return isHttp10(context.incoming) ? `${head}\r\n` : `${head}Transfer-Encoding: chunked\r\n\r\n`;
}

function isHttp10(incoming: IncomingMessage | undefined): boolean {
  return incoming?.httpVersionMajor === 1 && incoming.httpVersionMinor === 0;
}

function asBytes(body: ArrayBufferView | ArrayBuffer): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Write `response` to `out`. Returns a promise only when the body has to be
 * read first (streams, blobs, files); it rejects if the body fails before any
 * byte was sent (the server then answers as for a thrown error).
 */
export function writeResponse(out: ServerResponse, response: Response, context: WriteContext): Promise<void> | undefined {
  const parts = fastParts(response);
  if (parts !== undefined && !parts.bodyUsed) {
    const wire = fastWire(parts, context.cookies);
    return writeBody(out, parts.status, wire, parts.body, context);
  }
  const { wire, defaultType } = nativeWire(response.headers, context.cookies);
  return writeBody(out, response.status, wire, response.body, context, defaultType);
}

/** A whole answer known at once: the head, and the body bytes to send after it (undefined: none). */
export interface WholeAnswer {
  readonly head: string;
  readonly body: string | Uint8Array | undefined;
}

/** The whole answer for no body, a string or bytes; undefined for a body that must be read first. */
function wholeAnswer(status: number, wire: WireHeaders, body: unknown, context: WriteContext): WholeAnswer | undefined {
  if (body === null || body === undefined) return { head: headFor(status, wire, undefined, 0, context), body: undefined };
  const bodyless = context.headOnly || isNullBodyStatus(status);
  if (typeof body === "string") {
    const head = headFor(status, wire, textType, Buffer.byteLength(body), context);
    return { head, body: bodyless || body.length === 0 ? undefined : body };
  }
  if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) {
    const bytes = asBytes(body);
    return { head: headFor(status, wire, bytesType, bytes.byteLength, context), body: bodyless || bytes.byteLength === 0 ? undefined : bytes };
  }
  return undefined;
}

/**
 * The whole answer to a handler's result when it is one of Bun's Responses
 * with no body, a string or bytes (what can be written without node:http's
 * ServerResponse); undefined for anything else.
 */
export function immediateAnswer(result: unknown, context: WriteContext): WholeAnswer | undefined {
  if (typeof result !== "object" || result === null) return undefined;
  const parts = fastParts(result);
  if (parts === undefined || parts.bodyUsed) return undefined;
  return wholeAnswer(parts.status, fastWire(parts, context.cookies), parts.body, context);
}

function writeBody(out: ServerResponse, status: number, wire: WireHeaders, body: unknown, context: WriteContext, streamType?: string): Promise<void> | undefined {
  const whole = wholeAnswer(status, wire, body, context);
  if (whole !== undefined) {
    sendWhole(out, status, whole.head, whole.body, whole.body === undefined);
    return undefined;
  }
  if (body instanceof Blob) {
    const target = fileTarget(body);
    if (target !== undefined && target.kind === "path") return sendFile(out, status, wire, body, target.path, context);
    return body.arrayBuffer().then((buffer) => {
      sendWhole(out, status, headFor(status, wire, defaultTypeOf(body), buffer.byteLength, context), new Uint8Array(buffer), context.headOnly || isNullBodyStatus(status));
    });
  }
  if (body instanceof ReadableStream) return sendStream(out, status, wire, body as ReadableStream<unknown>, context, streamType);
  sendWhole(out, status, headFor(status, wire, undefined, 0, context), undefined, true);
  return undefined;
}

const nextTurn = Symbol("next turn");

function chunkBytes(value: unknown): Uint8Array {
  if (typeof value === "string") return Buffer.from(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return asBytes(value);
  throw new TypeError("ReadableStream chunks must be strings or ArrayBuffer views");
}

function waitWritable(out: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}

async function sendStream(out: ServerResponse, status: number, wire: WireHeaders, stream: ReadableStream<unknown>, context: WriteContext, type: string | undefined): Promise<void> {
  const reader = stream.getReader();
  if (isNullBodyStatus(status)) {
    void reader.cancel().catch(() => {});
    sendWhole(out, status, headFor(status, wire, undefined, 0, context), undefined, true);
    return;
  }
  const buffered: Uint8Array[] = [];
  let size = 0;
  let pending = reader.read();
  // Nothing is committed before the first chunk (a failing body is still a
  // handler error then); what follows it before the event loop turns is sent
  // with a Content-Length, as Bun does, and the rest chunked.
  let turn: Promise<typeof nextTurn> | undefined;
  for (;;) {
    const result = turn === undefined ? await pending : await Promise.race([pending, turn]);
    if (result === nextTurn) break;
    if (result.done) {
      const whole = buffered.length === 1 ? buffered[0]! : Buffer.concat(buffered, size);
      sendWhole(out, status, headFor(status, wire, type, size, context), whole, context.headOnly);
      return;
    }
    const bytes = chunkBytes(result.value);
    buffered.push(bytes);
    size += bytes.byteLength;
    pending = reader.read();
    turn ??= new Promise((resolve) => setImmediate(resolve, nextTurn));
  }
  if (context.headOnly) {
    void reader.cancel().catch(() => {});
    sendWhole(out, status, headFor(status, wire, type, undefined, context), undefined, true);
    return;
  }
  setHead(out, status, headFor(status, wire, type, undefined, context), !isHttp10(context.incoming));
  for (const bytes of buffered) out.write(bytes);
  try {
    for (;;) {
      const result = await pending;
      if (result.done) break;
      if (out.destroyed) {
        await reader.cancel();
        return;
      }
      if (!out.write(chunkBytes(result.value))) await waitWritable(out);
      pending = reader.read();
    }
    out.end();
  } catch {
    out.destroy();
  }
}

/** Streams bytes `start`..`end` (inclusive) of the file to `out`, whose head is set. */
export function pipeFile(out: ServerResponse, path: string, start: number, end: number): void {
  const source = createReadStream(path, { start, end });
  source.on("error", () => out.destroy());
  out.on("close", () => source.destroy());
  source.pipe(out);
}

/**
 * A slice of a file from a handler, as Bun sends it: the slice's bytes with the
 * Response's status, or, when the Response has no headers of its own and the
 * slice is less than the file, a 206 with an open-ended Content-Range (whatever
 * the status). The request's Range does not apply.
 */
function sendFileSlice(out: ServerResponse, status: number, wire: WireHeaders, path: string, span: FileSpan, fileSize: number, type: string, context: WriteContext): void {
  const start = Math.min(span.start, fileSize);
  const length = Math.max(Math.min(span.end ?? Infinity, fileSize) - start, 0);
  if (context.headOnly) {
    sendWhole(out, status, `${statusLine(status)}${wire.text}content-length: ${length}\r\n\r\n`, undefined, true);
    return;
  }
  const partial = wire.text === "" && length < fileSize;
  const code = partial ? 206 : status;
  const rangeLine = partial ? `content-range: bytes ${start}-${start + Math.max(length - 1, 0)}/*\r\n` : "";
  const date = wire.hasDate ? "" : `Date: ${httpDate()}\r\n`;
  setHead(out, code, `${statusLine(code)}${wire.text}${type}content-length: ${length}\r\n${rangeLine}${date}\r\n`);
  if (length === 0) out.end();
  else pipeFile(out, path, start, start + length - 1);
}

async function sendFile(out: ServerResponse, status: number, wire: WireHeaders, file: Blob, path: string, context: WriteContext): Promise<void> {
  const stats = await stat(path);
  const size = stats.size;
  const type = wire.hasContentType || file.type === "" ? "" : `content-type: ${file.type}\r\n`;
  const span = fileSpan(file);
  if (span !== undefined && (span.start > 0 || span.end !== undefined)) {
    sendFileSlice(out, status, wire, path, span, size, type, context);
    return;
  }
  if (context.headOnly) {
    sendWhole(out, status, `${statusLine(status)}${wire.text}content-length: ${size}\r\n\r\n`, undefined, true);
    return;
  }
  const range = status === 200 ? parseRange(context.incoming === undefined ? undefined : rawHeader(context.incoming.rawHeaders, "range"), size) : undefined;
  const date = wire.hasDate ? "" : `Date: ${httpDate()}\r\n`;
  if (range === "unsatisfiable") {
    const head = `${statusLine(416)}${wire.text}content-range: bytes */${size}\r\naccept-ranges: bytes\r\n${date}Content-Length: 0\r\n\r\n`;
    sendWhole(out, 416, head, undefined, true);
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = Math.max(end - start + 1, 0);
  const rangeLines = range === undefined ? "" : `content-range: bytes ${start}-${end}/${size}\r\naccept-ranges: bytes\r\n`;
  const code = range === undefined ? status : 206;
  setHead(out, code, `${statusLine(code)}${wire.text}${type}content-length: ${length}\r\n${rangeLines}${date}\r\n`);
  if (length === 0) out.end();
  else pipeFile(out, path, start, end);
}
