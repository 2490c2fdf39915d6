// A lightweight `Response`: keeps what it was constructed with and builds
// Node's (undici's) Response only when something needs the body as a stream.
// undici keeps a Response's body source in private state, so a server handed
// an undici Response must read its body back through a stream; handed one of
// these, Bun.serve writes the string or bytes straight to the socket.
//
// Its prototype chains to the native Response.prototype, so `instanceof
// Response` holds either way round, and it follows Bun's Response where the
// two differ: headers hold only what the program set (Bun adds Content-Type
// on the wire), status 101 is allowed, Response.redirect takes relative URLs.
import { inspect } from "node:util";
import type { HeadersInit } from "bun";
import { bunCoded } from "../errors.ts";

type BodyInit = ConstructorParameters<typeof Response>[0];

/** The platform's Response, even when this class has been installed in its place. */
function platformResponse(): typeof Response {
  const current = globalThis.Response as typeof Response & { [nativeKey]?: typeof Response };
  return current[nativeKey] ?? current;
}
const nativeKey = Symbol.for("dx-compat.serve.nativeResponse");

/** What Bun.serve's writer reads off a FastResponse without materialising anything. */
export interface FastParts {
  status: number;
  /** The init headers as given (undefined when `headers` has been read: use `headers`). */
  headersInit: HeadersInit | undefined;
  headers: Headers | undefined;
  /** Content-Type added by Response.json (Bun writes it as a set header). */
  jsonType: boolean;
  /** The body as given; `undefined` once a stream/native view of it exists (use `response.body`). */
  body: unknown;
  bodyUsed: boolean;
}

let partsOf: (value: object) => FastParts | undefined;

/** The raw parts of a FastResponse whose body has not been turned into a stream; undefined otherwise. */
export function fastParts(value: object): FastParts | undefined {
  return partsOf(value);
}

const tokenName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const plainValue = /^(?:[^\0\r\n\t ](?:[^\0\r\n]*[^\0\r\n\t ])?)?$/;

/** True when every pair of a plain-object/array init is already in the form Headers would store. */
function plainHeadersValid(init: HeadersInit | undefined): boolean {
  if (init === undefined || init === null) return true;
  if (init instanceof Headers) return true;
  if (Array.isArray(init)) {
    for (const pair of init as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) return false;
      if (typeof pair[0] !== "string" || typeof pair[1] !== "string") return false;
      if (!tokenName.test(pair[0]) || !plainValue.test(pair[1])) return false;
    }
    return true;
  }
  if (typeof init !== "object" || Object.getPrototypeOf(init) !== Object.prototype) return false;
  for (const name in init) {
    const value = (init as Record<string, unknown>)[name];
    if (typeof value !== "string" || !tokenName.test(name) || !plainValue.test(value)) return false;
  }
  return true;
}

/** Bodies this class keeps as they are; anything else is handed to the native Response at once. */
function keepsBody(body: unknown): boolean {
  return (
    body === undefined ||
    body === null ||
    typeof body === "string" ||
    ArrayBuffer.isView(body) ||
    body instanceof ArrayBuffer ||
    body instanceof Blob ||
    body instanceof ReadableStream
  );
}

function checkStatus(status: unknown): number {
  const value = status === undefined ? 200 : Number(status);
  if (!Number.isInteger(value) || (value !== 101 && (value < 200 || value > 599))) {
    throw new RangeError(`The status provided (${String(status)}) must be 101 or in the range of [200, 599]`);
  }
  return value;
}

/**
 * A byte body's own copy, as the Fetch standard and Bun take it: later writes
 * to the program's buffer (or its transfer) do not change the Response.
 */
function copiedBytes(body: unknown): Uint8Array | undefined {
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  return undefined;
}

function decodeUtf8(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function bodyUsedError(): Error {
  return bunCoded("Body already used", "ERR_BODY_ALREADY_USED", TypeError);
}

export class FastResponse {
  #status: number;
  #statusText: string;
  #headersInit: HeadersInit | undefined;
  #headers: Headers | undefined;
  #jsonType = false;
  #body: unknown;
  #used = false;
  /** The native Response that owns the body once something needed it as a stream. */
  #native: Response | undefined;

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    const status = checkStatus(init?.status);
    this.#status = status;
    this.#statusText = init?.statusText === undefined ? "" : String(init.statusText);
    const headers = init?.headers as HeadersInit | undefined;
    if (plainHeadersValid(headers)) this.#headersInit = headers;
    else this.#headers = new Headers(headers);
    if (keepsBody(body)) {
      this.#body = copiedBytes(body) ?? body ?? null;
    } else {
      this.#body = null;
      this.#native = new (platformResponse())(body, { headers: this.headers });
    }
    if (this.#headers !== undefined) this.#addBlobType(this.#headers);
  }

  /** As in Bun, a Blob body's type shows in the headers (a string body's does not). */
  #addBlobType(headers: Headers): void {
    if (this.#body instanceof Blob && this.#body.type !== "" && !headers.has("content-type")) headers.set("Content-Type", this.#body.type);
  }

  static {
    partsOf = (value) => {
      if (!(#body in value) || value.#native !== undefined) return undefined;
      return { status: value.#status, headersInit: value.#headersInit, headers: value.#headers, jsonType: value.#jsonType, body: value.#body, bodyUsed: value.#used };
    };
    const NativeResponse = platformResponse();
    Object.setPrototypeOf(this.prototype, NativeResponse.prototype);
    Object.setPrototypeOf(this, NativeResponse);
    Object.defineProperty(this, nativeKey, { value: NativeResponse });
    // Installed as the global, it is the program's `Response`: named as Bun's is.
    Object.defineProperty(this, "name", { value: "Response" });
    Object.defineProperty(this.prototype, inspect.custom, {
      value(this: FastResponse, depth: number, options: object) {
        return inspect(this.#toNativeView(), { ...options, depth });
      },
    });
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof platformResponse();
  }

  static json(data?: unknown, init?: ResponseInit): FastResponse {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError("Value is not JSON serializable");
    const response = new FastResponse(text, init);
    if (init?.headers === undefined) response.#jsonType = true;
    else if (!response.headers.has("content-type")) response.headers.set("Content-Type", "application/json;charset=utf-8");
    return response;
  }

  static redirect(url: string | URL, status: number = 302): FastResponse {
    if (![301, 302, 303, 307, 308].includes(status)) {
      throw new RangeError("Failed to execute 'redirect' on 'Response': Invalid status code");
    }
    return new FastResponse(null, { status, headers: { Location: String(url) } });
  }

  static error(): Response {
    return platformResponse().error() as Response;
  }

  get type(): Response["type"] {
    return "default";
  }
  get url(): string {
    return "";
  }
  get redirected(): boolean {
    return false;
  }
  get status(): number {
    return this.#status;
  }
  get ok(): boolean {
    return this.#status >= 200 && this.#status <= 299;
  }
  get statusText(): string {
    return this.#statusText;
  }
  get headers(): Headers {
    if (this.#headers === undefined) {
      this.#headers = new Headers(this.#headersInit);
      if (this.#jsonType) this.#headers.set("Content-Type", "application/json;charset=utf-8");
      this.#addBlobType(this.#headers);
      this.#headersInit = undefined;
      this.#jsonType = false;
    }
    return this.#headers;
  }
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#native === undefined && this.#body === null) return null;
    return this.#nativeBody().body;
  }
  get bodyUsed(): boolean {
    return this.#used || (this.#native?.bodyUsed ?? false);
  }

  text(): Promise<string> {
    const body = this.#takeSimple();
    if (body === notSimple) return this.#nativeBody().text();
    if (body instanceof Error) return Promise.reject(body);
    return Promise.resolve(typeof body === "string" ? body : decodeUtf8(body));
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.#takeSimple();
    if (body === notSimple) return this.#nativeBody().arrayBuffer();
    if (body instanceof Error) return Promise.reject(body);
    // A fresh buffer of exactly the body: Buffer.from() of a short string is a view
    // of Node's shared pool, and Buffer#slice() does not copy.
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body);
    return Promise.resolve(bytes.buffer as ArrayBuffer);
  }
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }
  blob(): Promise<Blob> {
    const body = this.#takeSimple();
    if (body === notSimple) return this.#nativeBody().blob();
    if (body instanceof Error) return Promise.reject(body);
    // Bun types a string or byte body as text unless the headers say otherwise.
    const type = this.headers.get("content-type") ?? "text/plain;charset=utf-8";
    return Promise.resolve(new Blob([body as Uint8Array<ArrayBuffer>], { type }));
  }
  formData(): Promise<FormData> {
    if (this.#used) return Promise.reject(bodyUsedError());
    return this.#nativeBody().formData() as Promise<FormData>;
  }

  clone(): FastResponse {
    if (this.bodyUsed) throw new TypeError("Body is disturbed or locked");
    const init = { status: this.#status, statusText: this.#statusText, headers: this.#headers ?? this.#headersInit } as ResponseInit;
    if (this.#native === undefined && !(this.#body instanceof ReadableStream)) {
      const copy = new FastResponse(this.#body as BodyInit, init);
      copy.#jsonType = this.#jsonType;
      return copy;
    }
    const cloned = this.#nativeBody().clone();
    const copy = new FastResponse(null, init);
    copy.#native = cloned as Response;
    copy.#jsonType = this.#jsonType;
    return copy;
  }

  /** The body as a string or bytes when it is one (marking it used), an error when already used, or `notSimple`. */
  #takeSimple(): string | Uint8Array | Error | typeof notSimple {
    if (this.#used) return bodyUsedError();
    if (this.#native !== undefined) return notSimple;
    const body = this.#body;
    // No body reads as empty and leaves the Response unused, as in Bun (and the Fetch standard).
    if (body === null) return "";
    if (typeof body === "string") {
      this.#used = true;
      return body;
    }
    // (Byte bodies are kept as a Uint8Array copy: see copiedBytes.)
    if (!(body instanceof Uint8Array)) return notSimple;
    this.#used = true;
    return body;
  }

  /** The native Response that owns the body from now on (created once). */
  #nativeBody(): Response {
    if (this.#native === undefined) {
      const NativeResponse = platformResponse();
      const body = this.#used ? null : (this.#body as BodyInit);
      this.#native = new NativeResponse(body, { headers: this.headers });
    }
    return this.#native;
  }

  /** What util.inspect shows: the native view of the same status, headers and body. */
  #toNativeView(): object {
    return { status: this.#status, statusText: this.#statusText, headers: this.headers, bodyUsed: this.bodyUsed, ok: this.ok, redirected: false, type: "default", url: "" };
  }
}

const notSimple = Symbol("not simple");
