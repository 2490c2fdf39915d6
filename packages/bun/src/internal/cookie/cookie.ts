// Bun.Cookie: one cookie, its attributes, Set-Cookie parsing and serializing.
import type { CookieInit, CookieSameSite } from "bun";
import { formatCookieDate, parseLegacyDate } from "./date.ts";
import { cookieTypeError, illegalConstructor, invalidExpiresValue, invalidThis, notEnoughArguments, toJSCNumber, toUSVString } from "./errors.ts";
import { isValidCookieDomain, isValidCookieName, isValidCookiePath, isValidHeaderValue, trimASCIIWhitespace } from "./validate.ts";

/** The attributes of a cookie. `expires` is whole milliseconds (undefined: a session cookie); `maxAge` NaN: unset. */
export interface CookieFields {
  name: string;
  value: string;
  /** null: never given (reads back as null); "" : given empty. Neither is serialized. */
  domain: string | null;
  path: string;
  expires: number | undefined;
  secure: boolean;
  sameSite: CookieSameSite;
  httpOnly: boolean;
  maxAge: number;
  partitioned: boolean;
}

const INT64_LIMIT = 2 ** 63;

function defaultFields(name: string, value: string): CookieFields {
  return { name, value, domain: null, path: "/", expires: undefined, secure: false, sameSite: "lax", httpOnly: false, maxAge: NaN, partitioned: false };
}

/** Bun keeps `expires` in an int64; a value that does not fit means "no expiry". */
function toStoredMilliseconds(ms: number): number | undefined {
  const whole = Math.trunc(ms) + 0;
  return whole >= INT64_LIMIT || whole < -INT64_LIMIT ? undefined : whole;
}

/** An `expires` option or assignment: a Date, seconds since the epoch, or a date string. */
function readExpires(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    const time = value.getTime();
    if (!Number.isFinite(time)) throw new RangeError("expires must be a valid Date (or Number)");
    return toStoredMilliseconds(time);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("expires must be a valid Number (or Date)");
    return toStoredMilliseconds(value * 1000);
  }
  if (typeof value === "string") {
    const parsed = parseLegacyDate(value.toWellFormed());
    // Bun takes a parse of exactly the epoch for a failure, too.
    if (Number.isNaN(parsed) || parsed === 0) throw cookieTypeError("Invalid cookie expiration date");
    return parsed;
  }
  throw invalidExpiresValue(value);
}

function readSameSite(value: unknown): CookieSameSite {
  const text = toUSVString(value);
  if (text === "strict" || text === "lax" || text === "none") return text;
  throw cookieTypeError("Invalid sameSite value. Must be 'strict', 'lax', or 'none'");
}

/** Reads `options` as Bun does: `in` then get, attribute by attribute, in this order. */
function applyOptions(fields: CookieFields, options: object): void {
  const o = options as Record<string, unknown>;
  if ("domain" in o && o["domain"] !== undefined && o["domain"] !== null) fields.domain = toUSVString(o["domain"]);
  if ("path" in o && o["path"] !== undefined && o["path"] !== null) fields.path = toUSVString(o["path"]);
  if ("expires" in o) fields.expires = readExpires(o["expires"]);
  if ("maxAge" in o && typeof o["maxAge"] === "number") fields.maxAge = o["maxAge"];
  if ("secure" in o && o["secure"] !== undefined) fields.secure = Boolean(o["secure"]);
  if ("httpOnly" in o && o["httpOnly"] !== undefined) fields.httpOnly = Boolean(o["httpOnly"]);
  if ("partitioned" in o && o["partitioned"] !== undefined) fields.partitioned = Boolean(o["partitioned"]);
  if ("sameSite" in o && o["sameSite"] !== undefined && o["sameSite"] !== null) fields.sameSite = readSameSite(o["sameSite"]);
}

/** `(name, value, options?)`: options that are given must be an object. */
export function fieldsFromNameValue(name: string, value: string, options: unknown, strictOptions: boolean): CookieFields {
  const fields = defaultFields(name, value);
  if (options === undefined || options === null) return fields;
  if (typeof options !== "object" && typeof options !== "function") {
    if (strictOptions) throw cookieTypeError("Options must be an object");
    return fields;
  }
  applyOptions(fields, options);
  return fields;
}

/** `{ name, value, ...attributes }`: the name is required. */
export function fieldsFromInit(init: object): CookieFields {
  const o = init as Record<string, unknown>;
  const name = "name" in o ? toUSVString(o["name"]) : "";
  if (name === "") throw cookieTypeError("name is required");
  const value = "value" in o ? toUSVString(o["value"]) : "";
  const fields = defaultFields(name, value);
  applyOptions(fields, init);
  return fields;
}

function validateFields(fields: CookieFields): CookieFields {
  if (!isValidCookieName(fields.name)) throw cookieTypeError("Invalid cookie name: contains invalid characters");
  if (!isValidCookiePath(fields.path)) throw cookieTypeError("Invalid cookie path: contains invalid characters");
  if (fields.domain !== null && !isValidCookieDomain(fields.domain)) throw cookieTypeError("Invalid cookie domain: contains invalid characters");
  return fields;
}

/** An integer at the start of `text` (sign allowed, trailing junk ignored) that fits an int64. */
function parseLeadingInt64(text: string): number | undefined {
  const match = /^[\t\n\v\f\r ]*([+-]?)(\d+)/.exec(text);
  if (match === null) return undefined;
  const magnitude = BigInt(match[2]!);
  const value = match[1] === "-" ? -magnitude : magnitude;
  if (value < -(2n ** 63n) || value > 2n ** 63n - 1n) return undefined;
  return Number(value);
}

function applyAttribute(fields: CookieFields, attribute: string): void {
  const trimmed = trimASCIIWhitespace(attribute);
  const equals = trimmed.indexOf("=");
  const rawName = equals === -1 ? trimmed : trimASCIIWhitespace(trimmed.slice(0, equals));
  const value = equals === -1 ? "" : trimASCIIWhitespace(trimmed.slice(equals + 1));
  switch (rawName.replace(/[A-Z]/g, (c) => c.toLowerCase())) {
    case "domain":
      if (value !== "") fields.domain = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
      break;
    case "path":
      if (value.startsWith("/")) fields.path = value;
      break;
    case "expires": {
      if (value === "") break;
      const parsed = parseLegacyDate(value);
      if (Number.isFinite(parsed)) fields.expires = parsed;
      break;
    }
    case "max-age": {
      const parsed = parseLeadingInt64(value);
      if (parsed !== undefined) fields.maxAge = parsed;
      break;
    }
    case "secure":
      fields.secure = true;
      break;
    case "httponly":
      fields.httpOnly = true;
      break;
    case "partitioned":
      fields.partitioned = true;
      break;
    case "samesite": {
      const lower = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
      if (lower === "strict" || lower === "lax" || lower === "none") fields.sameSite = lower;
      break;
    }
  }
}

/** A Set-Cookie string (already checked to be a valid header value) → its fields. */
function parseSetCookie(text: string): CookieFields {
  if (text.length < 2) throw cookieTypeError("Invalid cookie string: empty");
  const semicolon = text.indexOf(";");
  const pair = semicolon === -1 ? text : text.slice(0, semicolon);
  const equals = pair.indexOf("=");
  if (equals === -1) throw cookieTypeError("Invalid cookie string: no '=' found");
  const name = trimASCIIWhitespace(pair.slice(0, equals));
  if (name === "") throw cookieTypeError("Invalid cookie string: name cannot be empty");
  const fields = defaultFields(name, trimASCIIWhitespace(pair.slice(equals + 1)));
  if (semicolon !== -1) for (const attribute of text.slice(semicolon + 1).split(";")) applyAttribute(fields, attribute);
  return fields;
}

function parseCookieString(text: string): CookieFields {
  if (!isValidHeaderValue(text)) throw cookieTypeError("cookie string is not a valid HTTP header value");
  return parseSetCookie(text);
}

/** `name=value; Domain=…; Path=…; Expires=…; Max-Age=…; Secure; HttpOnly; Partitioned; SameSite=…` */
export function serializeFields(fields: CookieFields): string {
  let out = `${fields.name}=${encodeURIComponent(fields.value)}`;
  if (fields.domain !== null && fields.domain !== "") out += `; Domain=${fields.domain}`;
  if (fields.path !== "") out += `; Path=${fields.path}`;
  if (fields.expires !== undefined) out += `; Expires=${formatCookieDate(fields.expires)}`;
  if (!Number.isNaN(fields.maxAge)) out += `; Max-Age=${String(fields.maxAge)}`;
  if (fields.secure) out += "; Secure";
  if (fields.httpOnly) out += "; HttpOnly";
  if (fields.partitioned) out += "; Partitioned";
  out += fields.sameSite === "strict" ? "; SameSite=Strict" : fields.sameSite === "none" ? "; SameSite=None" : "; SameSite=Lax";
  return out;
}

function isExpiredFields(fields: CookieFields): boolean {
  // A Max-Age wins over Expires: zero or less means "delete now".
  if (!Number.isNaN(fields.maxAge)) return fields.maxAge <= 0;
  if (fields.expires === undefined) return false;
  return Date.now() > fields.expires;
}

export class CookieImpl {
  #fields: CookieFields;
  /** The Date the `expires` getter handed out, reused while it still shows the stored time. */
  #expiresDate: Date | undefined;

  constructor(fields: CookieFields) {
    this.#fields = validateFields(fields);
  }

  static fieldsOf(cookie: CookieImpl): CookieFields {
    return cookie.#fields;
  }

  static isCookie(value: unknown): value is CookieImpl {
    return typeof value === "object" && value !== null && #fields in value;
  }

  static #own(self: unknown, member: string): CookieFields {
    if (!CookieImpl.isCookie(self)) throw invalidThis("Cookie", member);
    return self.#fields;
  }

  get name(): string {
    return CookieImpl.#own(this, "name").name;
  }

  // Bun ignores assignments to `name`, even in strict code.
  set name(_ignored: string) {
    CookieImpl.#own(this, "name");
  }

  get value(): string {
    return CookieImpl.#own(this, "value").value;
  }

  set value(value: string) {
    CookieImpl.#own(this, "value").value = toUSVString(value);
  }

  get domain(): string | undefined {
    // Bun answers null for "no domain", though its types say undefined.
    return CookieImpl.#own(this, "domain").domain as string | undefined;
  }

  set domain(value: string | undefined) {
    const fields = CookieImpl.#own(this, "domain");
    const domain = toUSVString(value);
    if (!isValidCookieDomain(domain)) throw cookieTypeError("Invalid cookie domain: contains invalid characters");
    fields.domain = domain;
  }

  get path(): string {
    return CookieImpl.#own(this, "path").path;
  }

  set path(value: string) {
    const fields = CookieImpl.#own(this, "path");
    const path = toUSVString(value);
    if (!isValidCookiePath(path)) throw cookieTypeError("Invalid cookie path: contains invalid characters");
    fields.path = path;
  }

  get expires(): Date | undefined {
    const { expires } = CookieImpl.#own(this, "expires");
    if (expires === undefined) return undefined;
    // Outside the Date range the stored time reads as an Invalid Date.
    const time = Math.abs(expires) > 8.64e15 ? NaN : expires;
    const cached = this.#expiresDate;
    if (cached !== undefined && Object.is(cached.getTime(), time)) return cached;
    this.#expiresDate = new Date(time);
    return this.#expiresDate;
  }

  set expires(value: Date | number | string | undefined) {
    const fields = CookieImpl.#own(this, "expires");
    fields.expires = readExpires(value);
  }

  get maxAge(): number | undefined {
    const { maxAge } = CookieImpl.#own(this, "maxAge");
    return Number.isNaN(maxAge) ? undefined : maxAge;
  }

  set maxAge(value: number | undefined) {
    const fields = CookieImpl.#own(this, "maxAge");
    if (value === undefined || value === null) {
      fields.maxAge = NaN;
      return;
    }
    const maxAge = toJSCNumber(value);
    if (!Number.isFinite(maxAge)) throw new TypeError("The provided value is non-finite");
    fields.maxAge = maxAge;
  }

  get secure(): boolean {
    return CookieImpl.#own(this, "secure").secure;
  }

  set secure(value: boolean) {
    CookieImpl.#own(this, "secure").secure = Boolean(value);
  }

  get httpOnly(): boolean {
    return CookieImpl.#own(this, "httpOnly").httpOnly;
  }

  set httpOnly(value: boolean) {
    CookieImpl.#own(this, "httpOnly").httpOnly = Boolean(value);
  }

  get sameSite(): CookieSameSite {
    return CookieImpl.#own(this, "sameSite").sameSite;
  }

  set sameSite(value: CookieSameSite) {
    const fields = CookieImpl.#own(this, "sameSite");
    // Unlike the constructor option, the setter ignores case.
    const lower = toUSVString(value).replace(/[A-Z]/g, (c) => c.toLowerCase());
    if (lower !== "strict" && lower !== "lax" && lower !== "none") throw cookieTypeError("Invalid sameSite value. Must be 'strict', 'lax', or 'none'");
    fields.sameSite = lower;
  }

  get partitioned(): boolean {
    return CookieImpl.#own(this, "partitioned").partitioned;
  }

  set partitioned(value: boolean) {
    CookieImpl.#own(this, "partitioned").partitioned = Boolean(value);
  }

  isExpired(): boolean {
    return isExpiredFields(CookieImpl.#own(this, "isExpired"));
  }

  toString(): string {
    return serializeFields(CookieImpl.#own(this, "toString"));
  }

  toJSON(): CookieInit {
    const fields = CookieImpl.#own(this, "toJSON");
    const json = Object.create(null) as Record<string, unknown>;
    json["name"] = fields.name;
    json["value"] = fields.value;
    if (fields.domain !== null && fields.domain !== "") json["domain"] = fields.domain;
    json["path"] = fields.path;
    if (fields.expires !== undefined) json["expires"] = new Date(fields.expires);
    if (!Number.isNaN(fields.maxAge)) json["maxAge"] = fields.maxAge;
    json["secure"] = fields.secure;
    json["sameSite"] = fields.sameSite;
    json["httpOnly"] = fields.httpOnly;
    json["partitioned"] = fields.partitioned;
    return json as CookieInit;
  }

  serialize(): string {
    return serializeFields(CookieImpl.#own(this, "serialize"));
  }
}

/** `new Bun.Cookie(...)`: the argument count picks the form, as in Bun. */
function constructCookie(args: readonly unknown[]): CookieImpl {
  const [first, second, third] = args;
  if (args.length === 1 && typeof first === "string") return new CookieImpl(parseCookieString(first.toWellFormed()));
  if (args.length === 1 && first !== null && (typeof first === "object" || typeof first === "function")) return new CookieImpl(fieldsFromInit(first));
  if (args.length >= 2) {
    const name = toUSVString(first);
    if (name === "") throw cookieTypeError("name is required");
    const value = toUSVString(second);
    return new CookieImpl(args.length > 2 ? fieldsFromNameValue(name, value, third, true) : defaultFields(name, value));
  }
  throw notEnoughArguments();
}

function parse(...args: unknown[]): CookieImpl {
  if (args.length < 1) throw notEnoughArguments();
  const text = toUSVString(args[0]);
  // An empty string makes a cookie without a name, which fails the name check.
  if (text === "") return new CookieImpl(defaultFields("", ""));
  return new CookieImpl(parseCookieString(text));
}

function from(...args: unknown[]): CookieImpl {
  if (args.length < 2) throw notEnoughArguments();
  const name = toUSVString(args[0]);
  if (name === "") throw cookieTypeError("name is required");
  const value = toUSVString(args[1]);
  // from() ignores options that are not an object.
  return new CookieImpl(fieldsFromNameValue(name, value, args[2], false));
}

const prototypeMembers = ["name", "value", "domain", "path", "expires", "maxAge", "secure", "httpOnly", "sameSite", "partitioned", "isExpired", "toString", "toJSON", "serialize"];

/** Bun's native members are enumerable; JS class members are not. Redefine them in Bun's order. */
export function makeMembersEnumerable(prototype: object, members: readonly string[]): void {
  for (const member of members) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, member)!;
    Reflect.deleteProperty(prototype, member);
    Object.defineProperty(prototype, member, { ...descriptor, enumerable: true });
  }
}

function createCookieConstructor(): typeof import("bun").Cookie {
  const Cookie = function Cookie(this: unknown, ...args: unknown[]): CookieImpl {
    if (new.target === undefined) throw illegalConstructor("Cookie");
    return constructCookie(args);
  };
  // Set explicitly: a transpiler may rename the function expression.
  Object.defineProperty(Cookie, "name", { value: "Cookie" });
  Object.defineProperty(Cookie, "length", { value: 2 });
  Object.defineProperty(Cookie, "prototype", { value: CookieImpl.prototype, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(CookieImpl.prototype, "constructor", { value: Cookie, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(CookieImpl.prototype, Symbol.toStringTag, { value: "Cookie", configurable: true });
  makeMembersEnumerable(CookieImpl.prototype, prototypeMembers);
  // console.log / Bun.inspect show a cookie as its toJSON(), as Bun does.
  Object.defineProperty(CookieImpl.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value: function inspectCookie(this: CookieImpl): unknown {
      return CookieImpl.isCookie(this) ? this.toJSON() : this;
    },
    configurable: true,
    writable: true,
  });
  Object.defineProperty(parse, "name", { value: "parse" });
  Object.defineProperty(parse, "length", { value: 1 });
  Object.defineProperty(from, "length", { value: 3 });
  Object.defineProperty(Cookie, "parse", { value: parse, writable: true, enumerable: true, configurable: false });
  Object.defineProperty(Cookie, "from", { value: from, writable: true, enumerable: true, configurable: false });
  return Cookie as unknown as typeof import("bun").Cookie;
}

/** The `Bun.Cookie` constructor. */
export const CookieClass: typeof import("bun").Cookie = createCookieConstructor();
