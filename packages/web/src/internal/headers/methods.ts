// Bun's additions to Headers.prototype: toJSON(), getAll("set-cookie") and the
// `count` getter, with Bun's property attributes, errors and output order.
import { isCommonHeaderName } from "./common-names.ts";
import { namesInInsertionOrder } from "./insertion-order.ts";

// Read on first use: touching the Headers global loads Node's bundled undici.
let nodeHas: Headers["has"] | undefined;

function isHeaders(value: unknown): value is Headers {
  if (typeof value !== "object" || value === null) return false;
  try {
    // A brand check: Node's Headers methods throw on anything that is not one.
    (nodeHas ??= Headers.prototype.has).call(value, "x");
    return true;
  } catch {
    return false;
  }
}

function invalidThis(method: string): TypeError {
  const error = new TypeError(`Can only call Headers.${method} on instances of Headers`) as TypeError & { code?: string };
  Object.defineProperty(error, "code", { value: "ERR_INVALID_THIS", writable: true, configurable: true, enumerable: false });
  return error;
}

/** Bun's order: common names (insertion order), then set-cookie, then the rest (insertion order). */
function bunOrder(headers: Headers): string[] {
  const names = namesInInsertionOrder(headers);
  const common = names.filter((name) => name !== "set-cookie" && isCommonHeaderName(name));
  const uncommon = names.filter((name) => name !== "set-cookie" && !isCommonHeaderName(name));
  return [...common, ...(names.includes("set-cookie") ? ["set-cookie"] : []), ...uncommon];
}

function headersToJSON(this: Headers): Record<string, string | string[]> {
  if (!isHeaders(this)) throw invalidThis("toJSON");
  // Bun returns a null-prototype object; set-cookie is always an array.
  const json = Object.create(null) as Record<string, string | string[]>;
  for (const name of bunOrder(this)) {
    json[name] = name === "set-cookie" ? this.getSetCookie() : (this.get(name) as string);
  }
  return json;
}

function headersGetAll(this: Headers, name: string): string[] | undefined {
  if (!isHeaders(this)) return undefined;
  if (arguments.length === 0) throw new TypeError("Missing argument");
  if (String(name).toLowerCase() !== "set-cookie") throw new TypeError('Only "set-cookie" is supported.');
  return this.getSetCookie();
}

function headersCount(this: Headers): number | undefined {
  if (!isHeaders(this)) return undefined;
  let count = 0;
  for (const [name] of this) count += name === "set-cookie" ? 0 : 1;
  return count + this.getSetCookie().length;
}

// The names Bun's functions carry.
Object.defineProperty(headersToJSON, "name", { value: "toJSON" });
Object.defineProperty(headersGetAll, "name", { value: "getAll" });
Object.defineProperty(headersCount, "name", { value: "count" });

/** Adds Bun's Headers members to `prototype` (skipping any it already has); returns the names added. */
export function extendHeadersPrototype(prototype: object): string[] {
  const added: string[] = [];
  const define = (key: string, descriptor: PropertyDescriptor): void => {
    if (Object.hasOwn(prototype, key)) return;
    Object.defineProperty(prototype, key, descriptor);
    added.push(key);
  };
  define("toJSON", { value: headersToJSON, writable: true, enumerable: true, configurable: true });
  define("getAll", { value: headersGetAll, writable: true, enumerable: true, configurable: true });
  // Bun's `count` is not configurable; ours stays configurable so the installer can be undone in tests.
  define("count", { get: headersCount, enumerable: true, configurable: true });
  return added;
}
