// Bun.CookieMap: the cookies of a request (from its Cookie header) plus the
// changes made to them, which Bun.serve sends back as Set-Cookie headers.
//
// Like Bun it keeps two lists: the original name/value pairs, and the changed
// cookies (set, or deleted: a cookie with an empty value that expires at the
// epoch). Reads look at the changes first; iteration walks the changes (skipping
// deletions) and then the originals, by index, so changes made while iterating
// show the same way they do in Bun.
import type { CookieInit, CookieStoreDeleteOptions } from "bun";
import { CookieClass, CookieImpl, type CookieFields, fieldsFromInit, fieldsFromNameValue, makeMembersEnumerable, serializeFields } from "./cookie.ts";
import { decodeCookieValue } from "./decode.ts";
import { cookieTypeError, illegalConstructor, invalidThis, notEnoughArguments, toJSCString, toUSVString } from "./errors.ts";
import { bunCoded } from "../errors.ts";
import { trimASCIIWhitespace } from "./validate.ts";

type BunCookieMap = import("bun").CookieMap;
type Pair = [string, string];

function fromHeader(header: string): Pair[] {
  const pairs: Pair[] = [];
  if (header === "") return pairs;
  // Values are percent-decoded only when the header has a '%' anywhere.
  const decode = header.includes("%");
  for (const part of header.split(";")) {
    const equals = part.indexOf("=");
    if (equals === -1) continue;
    const name = trimASCIIWhitespace(part.slice(0, equals));
    if (name === "") continue;
    const value = trimASCIIWhitespace(part.slice(equals + 1));
    pairs.push([name, decode ? decodeCookieValue(value) : value]);
  }
  return pairs;
}

function fromPairs(init: readonly unknown[]): Pair[] {
  const pairs: Pair[] = [];
  for (const entry of init) {
    if (!Array.isArray(entry)) throw cookieTypeError("Expected each element to be an array of two strings");
    if (entry.length !== 2) throw cookieTypeError("Expected arrays of exactly two strings");
    pairs.push([toJSCString(entry[0]), toJSCString(entry[1])]);
  }
  return pairs;
}

function fromRecord(init: object): Pair[] {
  // Bun reads every own string-keyed property, enumerable or not (a boxed string has none it lists).
  if (init instanceof String) return [];
  const record = init as Record<string, unknown>;
  return Object.getOwnPropertyNames(init).map((key) => [key, toJSCString(record[key])]);
}

function originalPairs(init: unknown): Pair[] {
  if (init === undefined || init === null) return [];
  if (typeof init === "string") return fromHeader(init);
  if (Array.isArray(init)) return fromPairs(init);
  if (typeof init === "object" || typeof init === "function") return fromRecord(init);
  throw cookieTypeError("Invalid initializer type");
}

/** The cookie Bun records for `delete`: empty value, expired at the epoch. */
function deletionFields(name: string, domain: string | null, path: string): CookieFields {
  return { name, value: "", domain, path, expires: 1, secure: false, sameSite: "lax", httpOnly: false, maxAge: NaN, partitioned: false };
}

type IterationKind = "entries" | "keys" | "values";

interface Store {
  originals: Pair[];
  changes: CookieImpl[];
}

/** The pair at iteration position `index`, skipping deletions; advances past what it returns. */
function pairAt(store: Store, cursor: { index: number }): Pair | undefined {
  while (cursor.index < store.changes.length + store.originals.length) {
    const index = cursor.index++;
    if (index >= store.changes.length) return store.originals[index - store.changes.length];
    const fields = CookieImpl.fieldsOf(store.changes[index]!);
    if (fields.value !== "") return [fields.name, fields.value];
  }
  return undefined;
}

class CookieMapIterator {
  readonly #store: Store;
  readonly #kind: IterationKind;
  readonly #cursor = { index: 0 };

  constructor(store: Store, kind: IterationKind) {
    this.#store = store;
    this.#kind = kind;
  }

  next(): IteratorResult<unknown> {
    const pair = pairAt(this.#store, this.#cursor);
    if (pair === undefined) return { value: undefined, done: true };
    const value = this.#kind === "keys" ? pair[0] : this.#kind === "values" ? pair[1] : [pair[0], pair[1]];
    return { value, done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

Object.setPrototypeOf(CookieMapIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object);
Object.defineProperty(CookieMapIterator.prototype, Symbol.toStringTag, { value: "CookieMap Iterator", configurable: true });

export class CookieMap implements BunCookieMap {
  readonly #store: Store;

  constructor(init?: string | string[][] | Record<string, string>) {
    this.#store = { originals: originalPairs(init), changes: [] };
  }

  static #own(self: unknown, member: string): Store {
    if (typeof self !== "object" || self === null || !(#store in self)) throw invalidThis("CookieMap", member);
    return (self as CookieMap).#store;
  }

  static changesOf(map: CookieMap): readonly CookieImpl[] {
    return map.#store.changes;
  }

  /** Makes `target` a copy of `source` (same cookie objects, separate lists). */
  static copyInto(target: CookieMap, source: CookieMap): void {
    target.#store.originals = [...source.#store.originals];
    target.#store.changes = [...source.#store.changes];
  }

  get size(): number {
    if (typeof this !== "object" || this === null || !(#store in this)) throw new TypeError("Type error");
    const { changes, originals } = this.#store;
    let size = originals.length;
    for (const cookie of changes) if (CookieImpl.fieldsOf(cookie).value !== "") size++;
    return size;
  }

  get(name: string): string | null {
    const store = CookieMap.#own(this, "get");
    if (arguments.length === 0) return null;
    const key = toUSVString(name);
    const changed = store.changes.find((cookie) => CookieImpl.fieldsOf(cookie).name === key);
    if (changed !== undefined) {
      // A changed cookie with an empty value is a deletion.
      const { value } = CookieImpl.fieldsOf(changed);
      return value === "" ? null : value;
    }
    return store.originals.find((pair) => pair[0] === key)?.[1] ?? null;
  }

  has(name: string): boolean {
    CookieMap.#own(this, "has");
    if (arguments.length === 0) return false;
    return this.get(name) !== null;
  }

  set(name: string, value: string, options?: CookieInit): void;
  set(options: CookieInit): void;
  set(...args: unknown[]): void {
    const store = CookieMap.#own(this, "set");
    if (args.length === 0) return;
    const [first, second, third] = args;
    let cookie: CookieImpl;
    if (args.length === 1) {
      if (CookieImpl.isCookie(first)) cookie = first;
      else if (typeof first === "object" && first !== null) cookie = new CookieImpl(fieldsFromInit(first));
      else throw notEnoughArguments();
    } else {
      const fields = fieldsFromNameValue(toUSVString(first), toUSVString(second), third, true);
      cookie = new CookieImpl(fields);
    }
    replace(store, CookieImpl.fieldsOf(cookie).name, cookie);
  }

  delete(name: string): void;
  delete(options: CookieStoreDeleteOptions): void;
  delete(name: string, options: Omit<CookieStoreDeleteOptions, "name">): void;
  delete(...args: unknown[]): void {
    const store = CookieMap.#own(this, "delete");
    if (args.length === 0) return;
    const [first, second] = args;
    let options: Record<string, unknown> = {};
    let name: string;
    if (typeof first === "string") {
      name = first.toWellFormed();
      if (args.length >= 2) {
        if (typeof second !== "object" || second === null) throw cookieTypeError("Options must be an object");
        options = second as Record<string, unknown>;
      }
    } else if (typeof first === "object" && first !== null) {
      options = first as Record<string, unknown>;
      const rawName = options["name"];
      if (typeof rawName !== "string") throw cookieTypeError("Cookie name is required");
      name = rawName.toWellFormed();
    } else throw cookieTypeError("Cookie name is required");
    const domain = options["domain"];
    const path = options["path"];
    // Bun drops the cookie before it validates the deletion record: a bad domain still deletes.
    removeNamed(store, name);
    const cookie = new CookieImpl(
      deletionFields(name, domain === undefined || domain === null ? null : toUSVString(domain), path === undefined || path === null ? "/" : toUSVString(path)),
    );
    store.changes.push(cookie);
  }

  toSetCookieHeaders(): string[] {
    return CookieMap.#own(this, "toSetCookieHeaders").changes.map((cookie) => serializeFields(CookieImpl.fieldsOf(cookie)));
  }

  toJSON(): Record<string, string> {
    const { changes, originals } = CookieMap.#own(this, "toJSON");
    const json: Record<string, string> = {};
    for (const cookie of changes) {
      const { name, value } = CookieImpl.fieldsOf(cookie);
      if (value !== "") Object.defineProperty(json, name, { value, writable: true, enumerable: true, configurable: true });
    }
    // The first of each name wins; changed cookies come first.
    for (const [name, value] of originals) {
      if (!Object.hasOwn(json, name)) Object.defineProperty(json, name, { value, writable: true, enumerable: true, configurable: true });
    }
    return json;
  }

  entries(): MapIterator<[string, string]> {
    return new CookieMapIterator(CookieMap.#own(this, "entries"), "entries") as unknown as MapIterator<[string, string]>;
  }

  keys(): MapIterator<string> {
    return new CookieMapIterator(CookieMap.#own(this, "keys"), "keys") as unknown as MapIterator<string>;
  }

  values(): MapIterator<string> {
    return new CookieMapIterator(CookieMap.#own(this, "values"), "values") as unknown as MapIterator<string>;
  }

  forEach(callback: (value: string, key: string, map: BunCookieMap) => void, thisArg?: unknown): void {
    const store = CookieMap.#own(this, "forEach");
    if (typeof callback !== "function") throw bunCoded("Cannot call callback on a non-function", "ERR_INVALID_ARG_TYPE", TypeError);
    const cursor = { index: 0 };
    for (let pair = pairAt(store, cursor); pair !== undefined; pair = pairAt(store, cursor)) callback.call(thisArg, pair[1], pair[0], this);
  }

  declare [Symbol.iterator]: () => MapIterator<[string, string]>;
}

/** A set or delete replaces every earlier cookie of that name, original or changed. */
function replace(store: Store, name: string, cookie: CookieImpl): void {
  removeNamed(store, name);
  store.changes.push(cookie);
}

function removeNamed(store: Store, name: string): void {
  store.originals = store.originals.filter((pair) => pair[0] !== name);
  store.changes = store.changes.filter((existing) => CookieImpl.fieldsOf(existing).name !== name);
}

function shapeCookieMap(): void {
  makeMembersEnumerable(CookieMap.prototype, ["get", "toSetCookieHeaders", "has", "set", "delete", "entries", "keys", "values", "forEach", "toJSON", "size"]);
  Object.defineProperty(CookieMap.prototype, Symbol.iterator, { value: CookieMap.prototype.entries, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(CookieMap.prototype, Symbol.toStringTag, { value: "CookieMap", configurable: true });
  // console.log / Bun.inspect show the map as its toJSON(), as Bun does.
  Object.defineProperty(CookieMap.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value: function inspectCookieMap(this: CookieMap): unknown {
      return this instanceof CookieMap ? this.toJSON() : this;
    },
    configurable: true,
    writable: true,
  });
  for (const [method, length] of [["set", 2], ["delete", 1], ["forEach", 1]] as const) Object.defineProperty(CookieMap.prototype[method], "length", { value: length });
  // CookieMap.set(cookie) stores Bun.Cookie instances; make sure that class is shaped.
  void CookieClass;
}

shapeCookieMap();

/** `Bun.CookieMap`: callable only with `new`, as Bun's is. */
export const CookieMapClass: typeof import("bun").CookieMap = (() => {
  const CookieMapConstructor = function CookieMap(this: unknown, init?: unknown): CookieMap {
    if (new.target === undefined) throw illegalConstructor("CookieMap");
    return new CookieMapImplementation(init as string);
  };
  const CookieMapImplementation = CookieMap;
  Object.defineProperty(CookieMapConstructor, "name", { value: "CookieMap" });
  Object.defineProperty(CookieMapConstructor, "prototype", { value: CookieMap.prototype, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(CookieMap.prototype, "constructor", { value: CookieMapConstructor, writable: true, enumerable: false, configurable: true });
  return CookieMapConstructor as unknown as typeof import("bun").CookieMap;
})();

/** The Set-Cookie header values for every cookie set or deleted since construction, in Bun's order and format. */
export function setCookieHeaders(map: CookieMap): string[] {
  return CookieMap.changesOf(map).map((cookie) => serializeFields(CookieImpl.fieldsOf(cookie)));
}

/** A copy for `req.clone()`: Bun's clone has the original's cookies and changes so far. */
export function cloneCookieMap(map: CookieMap): CookieMap {
  const copy = new CookieMap();
  CookieMap.copyInto(copy, map);
  return copy;
}
