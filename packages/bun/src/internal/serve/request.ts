// The Request a Bun.serve handler receives: a thin view of node:http's
// IncomingMessage. URL, headers and body are built on first touch; the body
// methods read the IncomingMessage directly. Its prototype chains to the
// platform's Request.prototype, so `req instanceof Request` holds.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bunCoded } from "../errors.ts";
import type { CookieMap } from "../cookie/cookie-map.ts";
import { rawHeader } from "./raw-headers.ts";
import { requestUrl } from "./request-url.ts";

/** What a request needs from its server. */
export interface RequestHost {
  readonly secure: boolean;
  /** maxRequestBodySize. */
  readonly bodyLimit: number;
  /** Answer 413 on this connection and close it (the body grew past the limit). */
  tooLarge(incoming: IncomingMessage): void;
}

let incomingOf: (request: object) => IncomingMessage | undefined;
let responseOf: (request: object) => ServerResponse | undefined;

/**
 * The registered symbol by which Bun's Request and Bun's fetch rebuild a served
 * request as a platform one: `request[requestArguments]()` gives `[url, init]`.
 */
export const requestArguments: symbol = Symbol.for("dx-compat.serve.requestArguments");

/** The IncomingMessage behind a Bun.serve request (undefined for any other Request). */
export function requestIncoming(request: object): IncomingMessage | undefined {
  return incomingOf(request);
}

/** The ServerResponse that will answer a Bun.serve request (undefined for an upgrade request or any other Request). */
export function requestResponse(request: object): ServerResponse | undefined {
  return responseOf(request);
}

function bodyUsed(): Error {
  return bunCoded("Body already used", "ERR_BODY_ALREADY_USED", TypeError);
}

function connectionClosed(): DOMException {
  return new DOMException("The connection was closed.", "AbortError");
}

/** Whether the message carries a body at all (Bun gives `body: null` when it does not). */
function hasBody(incoming: IncomingMessage): boolean {
  const method = incoming.method;
  if (method === "GET" || method === "HEAD") return false;
  // An HTTP/2 request has a body unless its stream ended with the headers.
  if (incoming.httpVersionMajor === 2) return (incoming as unknown as { stream?: { endAfterHeaders?: boolean } }).stream?.endAfterHeaders !== true;
  const raw = incoming.rawHeaders;
  if (rawHeader(raw, "transfer-encoding") !== undefined) return true;
  const length = rawHeader(raw, "content-length");
  return length !== undefined && length.trim() !== "0";
}

function decodeUtf8(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(bytes: Buffer): unknown {
  return JSON.parse(decodeUtf8(bytes)) as unknown;
}

/** A copy: the Buffer may be a view of Node's pooled memory. */
function ownArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function asIs(bytes: Buffer): Buffer {
  return bytes;
}

/** `decode(bytes)` as a promise: a throw becomes a rejection. */
function decoded<T>(decode: (bytes: Buffer) => T, bytes: Buffer): Promise<T> {
  try {
    return Promise.resolve(decode(bytes));
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/**
 * Read the whole body, enforcing the server's limit, and settle with
 * `decode(body)`: decoding in the "end" listener saves `json()` and `text()` a
 * second promise and microtask per request. The listeners stay: the message
 * is read once and ends (or closes) right after, and removing four listeners
 * costs more per request than leaving them.
 */
function readAll<T>(incoming: IncomingMessage, host: RequestHost, decode: (bytes: Buffer) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    let settled = false;
    incoming.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > host.bodyLimit) {
        settled = true;
        host.tooLarge(incoming);
        reject(new RangeError("Request body is larger than maxRequestBodySize"));
        return;
      }
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    });
    incoming.on("end", () => {
      if (settled) return;
      settled = true;
      const bytes = chunks !== undefined ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0));
      let value: T;
      try {
        value = decode(bytes);
      } catch (error) {
        reject(error as Error);
        return;
      }
      resolve(value);
    });
    // Listeners passed inline, not bound to names: the build keeps function
    // names (`keepNames`), which costs a defineProperty per named closure per request.
    incoming.on("error", (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    incoming.on("close", () => {
      if (settled || incoming.complete) return;
      settled = true;
      reject(connectionClosed());
    });
  });
}

/** The body as a byte stream that pauses the socket while the reader is behind. */
function bodyStream(incoming: IncomingMessage, host: RequestHost): ReadableStream<Uint8Array> {
  let size = 0;
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = (error?: unknown): void => {
          if (settled) return;
          settled = true;
          if (error === undefined) controller.close();
          else controller.error(error);
        };
        incoming.on("data", (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          if (size > host.bodyLimit) {
            host.tooLarge(incoming);
            finish(new RangeError("Request body is larger than maxRequestBodySize"));
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) incoming.pause();
        });
        incoming.on("end", () => finish());
        incoming.on("error", (error) => finish(error));
        incoming.on("close", () => {
          if (!incoming.complete) finish(connectionClosed());
        });
      },
      pull() {
        incoming.resume();
      },
      cancel() {
        settled = true;
        incoming.resume();
      },
    },
    { highWaterMark: 1 },
  );
}

/** A request whose answer was written before node:http made a ServerResponse for it (see early-answer.ts). */
const answeredEarly = { writableFinished: true } as const;

let respondWith: (request: ServeRequest, response: ServerResponse | typeof answeredEarly) => void;

/** The ServerResponse node:http made after the handler ran (see Server#answerEarly). */
export function attachResponse(request: ServeRequest, response: ServerResponse): void {
  respondWith(request, response);
}

/** The answer is on the socket already: a later disconnect does not abort `req.signal`. */
export function markAnsweredEarly(request: ServeRequest): void {
  respondWith(request, answeredEarly);
}

export class ServeRequest {
  readonly #incoming: IncomingMessage;
  #response: ServerResponse | typeof answeredEarly | undefined;
  readonly #host: RequestHost;
  #url: string | undefined;
  #headers: Headers | undefined;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null | undefined;
  #abort: AbortController | undefined;

  constructor(incoming: IncomingMessage, response: ServerResponse | undefined, host: RequestHost) {
    this.#incoming = incoming;
    this.#response = response;
    this.#host = host;
  }

  static {
    incomingOf = (request) => (#incoming in request ? request.#incoming : undefined);
    responseOf = (request) => {
      const response = #response in request ? request.#response : undefined;
      return response === answeredEarly ? undefined : (response as ServerResponse | undefined);
    };
    respondWith = (request, response) => (request.#response = response);
    Object.setPrototypeOf(this.prototype, Request.prototype);
    // What rebuilds this request as the platform's own (undici's) Request, taking
    // this one's body. undici brand-checks its inputs, so `new Request(req)` and
    // `fetch(req)` go through this: Bun's Request and Bun's fetch call it by the
    // registered symbol, so @dx-compat/web needs no import of this package.
    Object.defineProperty(this.prototype, requestArguments, {
      value(this: ServeRequest): [string, RequestInit] {
        return [this.url, this.#platformInit(this.method === "GET" || this.method === "HEAD" ? null : this.body)];
      },
      configurable: true,
    });
  }

  get method(): string {
    return this.#incoming.method ?? "GET";
  }

  get url(): string {
    if (this.#url === undefined) {
      const target = this.#incoming.url ?? "/";
      if (target.charCodeAt(0) !== 47 /* "/" */ && /^https?:\/\//i.test(target)) {
        this.#url = target;
      } else {
        const raw = this.#incoming.rawHeaders;
        const host = rawHeader(raw, "host") ?? rawHeader(raw, ":authority");
        this.#url = requestUrl(this.#host.secure ? "https" : "http", host, target);
      }
    }
    return this.#url;
  }

  get headers(): Headers {
    if (this.#headers === undefined) {
      const headers = new Headers();
      const raw = this.#incoming.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i]!;
        // HTTP/2 pseudo-headers (":path", ":authority"...) are not headers of the Request.
        if (name.charCodeAt(0) !== 58 /* ":" */) headers.append(name, raw[i + 1]!);
      }
      this.#headers = headers;
    }
    return this.#headers;
  }

  get signal(): AbortSignal {
    if (this.#abort === undefined) {
      const controller = new AbortController();
      this.#abort = controller;
      const socket = this.#incoming.socket;
      const closed = (): void => {
        // (Read now: the response may have been attached after the signal was made.)
        const response = this.#response;
        if (response === undefined ? true : !response.writableFinished) controller.abort(connectionClosed());
      };
      if (socket.destroyed) closed();
      else socket.once("close", closed);
    }
    return this.#abort.signal;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream === undefined) {
      if (!hasBody(this.#incoming)) this.#stream = null;
      else this.#stream = bodyStream(this.#incoming, this.#host);
    }
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  get cache(): Request["cache"] {
    return "default";
  }
  get credentials(): Request["credentials"] {
    return "include";
  }
  get destination(): Request["destination"] {
    return "";
  }
  get integrity(): string {
    return "";
  }
  get mode(): Request["mode"] {
    return "cors";
  }
  get redirect(): Request["redirect"] {
    return "follow";
  }
  get referrer(): string {
    return "";
  }
  get referrerPolicy(): Request["referrerPolicy"] {
    return "";
  }
  // Bun's server requests have no keepalive/duplex/navigation flags.
  get keepalive(): boolean {
    return undefined as never;
  }
  get duplex(): "half" {
    return undefined as never;
  }
  get isHistoryNavigation(): boolean {
    return undefined as never;
  }
  get isReloadNavigation(): boolean {
    return undefined as never;
  }

  /** `decode` of the whole body (empty when there is none); rejects when already read. */
  #read<T>(decode: (bytes: Buffer) => T): Promise<T> {
    if (this.bodyUsed) return Promise.reject(bodyUsed());
    // A request without a body reads as empty and stays unused, as in Bun (and the Fetch standard).
    if (this.#stream === null || (this.#stream === undefined && !hasBody(this.#incoming))) return decoded(decode, Buffer.alloc(0));
    this.#used = true;
    if (this.#stream === undefined) return readAll(this.#incoming, this.#host, decode);
    return new Response(this.#stream).arrayBuffer().then((buffer) => decode(Buffer.from(buffer)));
  }

  #bytes(): Promise<Buffer> {
    return this.#read(asIs);
  }

  text(): Promise<string> {
    return this.#read(decodeUtf8);
  }
  json(): Promise<unknown> {
    return this.#read(parseJson);
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read(ownArrayBuffer);
  }
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }
  blob(): Promise<Blob> {
    return this.#bytes().then((bytes) => new Blob([bytes], { type: this.headers.get("content-type") ?? "" }));
  }
  formData(): Promise<FormData> {
    return this.#bytes().then((bytes) => new Response(bytes, { headers: { "content-type": this.headers.get("content-type") ?? "" } }).formData() as Promise<FormData>);
  }

  clone(): Request {
    if (this.bodyUsed) throw bodyUsed();
    const body = this.body;
    let mine: ReadableStream<Uint8Array> | null = null;
    let theirs: ReadableStream<Uint8Array> | null = null;
    if (body !== null) [mine, theirs] = body.tee();
    this.#stream = mine;
    return new Request(this.url, this.#platformInit(theirs));
  }

  #platformInit(body: ReadableStream<Uint8Array> | null): RequestInit {
    const init: RequestInit & { duplex?: "half" } = { method: this.method, headers: this.headers, signal: this.signal, redirect: this.redirect };
    if (body !== null) {
      init.body = body;
      init.duplex = "half";
    }
    return init;
  }
}

/** A request matched by a `routes` entry: Bun adds `params` and a lazily parsed `cookies` map. */
export class RouteRequest extends ServeRequest {
  readonly params: Record<string, string>;
  #cookies: CookieMap | undefined;
  readonly #makeCookies: (header: string) => CookieMap;

  constructor(incoming: IncomingMessage, response: ServerResponse | undefined, host: RequestHost, params: Record<string, string>, makeCookies: (header: string) => CookieMap) {
    super(incoming, response, host);
    this.params = params;
    this.#makeCookies = makeCookies;
  }

  get cookies(): CookieMap {
    if (this.#cookies === undefined) {
      const raw = requestIncoming(this)!.headers.cookie ?? "";
      this.#cookies = this.#makeCookies(raw);
    }
    return this.#cookies;
  }

  /** The cookie map if the handler touched it (its changes become Set-Cookie headers). */
  touchedCookies(): CookieMap | undefined {
    return this.#cookies;
  }
}
