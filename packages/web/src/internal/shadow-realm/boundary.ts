// The callable boundary between two realms, as Bun 1.4.5 (JavaScriptCore)
// draws it: primitives cross as they are, callables cross as wrapped functions
// of the receiving realm, any other object is refused, and what a call throws
// arrives as a TypeError of the caller's realm.
import { types } from "node:util";
import type { Realm } from "./realm.ts";

const notPassable = "value passing between realms must be callable or primitive";
type Callable = (...args: unknown[]) => unknown;

/** A wrapper's target and the realm the target belongs to. */
interface Target {
  readonly fn: Callable;
  readonly realm: Realm;
}
const targets = new WeakMap<object, Target>();

/**
 * `value`, from realm `from`, as realm `into` may hold it. A refused object
 * throws a TypeError of `refuser`: the realm of the code that made the
 * crossing (the caller of `evaluate` or of a wrapped function).
 */
export function crossInto(into: Realm, from: Realm, value: unknown, refuser: Realm = into): unknown {
  if (typeof value === "function") return wrapFunction(into, from, value as Callable);
  if (typeof value === "object" && value !== null) throw new refuser.TypeError(notPassable);
  return value;
}

/**
 * A function of `into` that calls the target (a wrapper's own target, never a
 * wrapper: wrapping twice points at the original): arguments cross to the
 * target's realm, the result back, a throw becomes `into`'s TypeError.
 */
function wrapFunction(into: Realm, from: Realm, callable: Callable): Callable {
  const target = targets.get(callable) ?? { fn: callable, realm: from };
  const wrapped = into.makeFunction((args) => {
    const passed = Array.from(args, (arg) => crossInto(target.realm, into, arg, into));
    let result: unknown;
    try {
      result = Reflect.apply(target.fn, undefined, passed);
    } catch (error) {
      throw new into.TypeError(thrownThroughCall(error));
    }
    return crossInto(into, target.realm, result);
  });
  copyNameAndLength(into, wrapped, target.fn);
  targets.set(wrapped, target);
  return wrapped;
}

/** CopyNameAndLength: an own `length` as a non-negative integer (Infinity kept), `name` if it is a string. */
function copyNameAndLength(into: Realm, wrapped: Callable, target: Callable): void {
  let length = 0;
  let name = "";
  try {
    if (Object.hasOwn(target, "length")) length = Math.max(toIntegerOrInfinity(target.length), 0);
    const targetName: unknown = target.name;
    if (typeof targetName === "string") name = targetName;
  } catch {
    throw new into.TypeError("wrapping returned function throws an error");
  }
  Object.defineProperty(wrapped, "length", { value: length, configurable: true });
  Object.defineProperty(wrapped, "name", { value: name, configurable: true });
}

function toIntegerOrInfinity(value: unknown): number {
  const number = Number(value);
  if (Number.isNaN(number)) return 0;
  return Math.trunc(number);
}

/**
 * A wrapped call's throw, as Bun words the caller's TypeError: the own `message`
 * of a native Error, or a primitive's string; otherwise (another object, a
 * symbol, an empty string) JavaScriptCore's bare "Type error".
 */
function thrownThroughCall(thrown: unknown): string {
  let message = "";
  try {
    if (isNativeError(thrown)) message = ownDataMessage(thrown) ?? "";
    else if (thrown === null || (typeof thrown !== "object" && typeof thrown !== "function" && typeof thrown !== "symbol")) {
      message = String(thrown);
    }
  } catch {
    message = "";
  }
  return message === "" ? "Type error" : message;
}

/**
 * What `evaluate` throws for a completion that threw: a TypeError carrying the
 * value's own `message` (a data property of any non-proxy object) or the
 * primitive as a string; "Error encountered during evaluation" otherwise.
 */
export function thrownByEvaluation(thrown: unknown): string {
  if (typeof thrown === "symbol") return symbolToString;
  if (typeof thrown !== "object" && typeof thrown !== "function") return String(thrown);
  if (thrown === null) return "null";
  const generic = "Error encountered during evaluation";
  if (types.isProxy(thrown)) return generic;
  try {
    const message = ownDataMessage(thrown);
    if (message === undefined) return generic;
    return message;
  } catch {
    return generic;
  }
}

// JavaScriptCore's words for ToString(symbol) (V8 says "Cannot convert a Symbol value to a string").
const symbolToString = "Cannot convert a symbol to a string";

/** ToString of an own data `message`, or undefined without one (an accessor does not count). */
function ownDataMessage(object: object): string | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(object, "message");
  if (descriptor === undefined || !("value" in descriptor)) return undefined;
  const value: unknown = descriptor.value;
  if (typeof value === "symbol") return symbolToString;
  return String(value);
}

/** JavaScriptCore's ErrorInstance: an object an Error constructor made (DOMException is not one there). */
function isNativeError(value: unknown): value is object {
  return types.isNativeError(value) && !(typeof DOMException === "function" && value instanceof DOMException);
}
