// The names Bun prints for functions, classes and class instances. JavaScriptCore
// reads a function's name from its compiled code (so redefining `name` changes
// nothing), which V8 exposes only through the source text: the declared name is
// parsed from `Function.prototype.toString`, and the `name` property stands in
// for names the engine inferred from an assignment.
import type { AnyFunction } from "./types.ts";


const DECLARED = /^(?:async\s+)?(?:function\b\s*\*?\s*|class\b\s*)([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)?/u;
const NATIVE = /\{\s*\[native code\]\s*\}$/;
const ACCESSOR_SOURCE = /^[gs]et\b/;

const sources = new WeakMap<object, string>();

function functionSource(fn: AnyFunction): string {
  let source = sources.get(fn);
  if (source === undefined) {
    try {
      source = Function.prototype.toString.call(fn);
    } catch {
      source = "";
    }
    sources.set(fn, source);
  }
  return source;
}

export function isNativeFunction(fn: AnyFunction): boolean {
  return NATIVE.test(functionSource(fn));
}

/** `fn`'s own `name`, if it is a plain string value. */
function ownNameProperty(fn: AnyFunction): string {
  const descriptor = Object.getOwnPropertyDescriptor(fn, "name");
  return descriptor !== undefined && typeof descriptor.value === "string" ? descriptor.value : "";
}

/** The name a built-in function has: bound functions print their target's name, as in Bun. */
function nativeName(fn: AnyFunction): string {
  const name = ownNameProperty(fn);
  return name.startsWith("bound ") ? name.slice(6) : name;
}

/** The name written in the declaration (`function foo`, `class Foo`), or null when there is none. */
function declaredName(fn: AnyFunction): string | null {
  const source = functionSource(fn);
  if (NATIVE.test(source)) return nativeName(fn);
  const match = DECLARED.exec(source);
  if (match === null) return null;
  const name = match[1];
  return name === undefined || name === "extends" ? null : name;
}

/** A method whose key is computed (`[expr]() {}`, after any `async`, `*`, `get` or `set`). */
const COMPUTED_KEY_METHOD = /^(?:async\s+)?(?:\*\s*)?(?:[gs]et\s+)?\[/;
/** The name a function gets from a symbol key: `[description]`. */
const SYMBOL_KEY_NAME = /^\[[^]*\]$/;

/**
 * A name inferred by the engine (`const f = () => {}`, `{ m() {} }`), accessor prefixes dropped.
 * JavaScriptCore names a function after a computed key only at run time, which Bun does not
 * print: methods with a computed key and functions named after a symbol print no name (a
 * string key spelled like `"[x]"` is taken for a symbol's: V8 does not tell them apart).
 */
function inferredName(fn: AnyFunction): string {
  const name = ownNameProperty(fn);
  if (COMPUTED_KEY_METHOD.test(functionSource(fn)) || SYMBOL_KEY_NAME.test(name)) return "";
  if ((name.startsWith("get ") || name.startsWith("set ")) && ACCESSOR_SOURCE.test(functionSource(fn))) return name.slice(4);
  return name;
}

function displayNameProperty(fn: AnyFunction): string {
  const descriptor = Object.getOwnPropertyDescriptor(fn, "displayName");
  return descriptor !== undefined && typeof descriptor.value === "string" ? descriptor.value : "";
}

/** The name in `[Function: name]`: `displayName`, else the declared or inferred name. */
export function functionName(fn: AnyFunction): string {
  return displayNameProperty(fn) || (declaredName(fn) ?? inferredName(fn));
}

/** The name in `[class Name]`: `Symbol.toStringTag`, else the declared or inferred name. */
export function className(fn: AnyFunction): string {
  const tag = stringTag(fn);
  return tag !== "" ? tag : (declaredName(fn) ?? inferredName(fn));
}

/** The name a constructor gives its instances (`Foo {}`): declared names only, as JavaScriptCore does. */
function constructorDisplayName(ctor: AnyFunction): string {
  return displayNameProperty(ctor) || (declaredName(ctor) ?? "");
}

/** `value[Symbol.toStringTag]` when it is a non-empty string; getters run, their errors are ignored. */
export function stringTag(value: object): string {
  try {
    const tag: unknown = (value as Record<symbol, unknown>)[Symbol.toStringTag];
    return typeof tag === "string" ? tag : "";
  } catch {
    return "";
  }
}

/** A data property's value found by walking the prototype chain without running getters. */
function dataProperty(start: object | null, key: string): { found: boolean; value?: unknown } {
  for (let object = start; object !== null; object = Reflect.getPrototypeOf(object)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
    if (descriptor !== undefined) return "value" in descriptor ? { found: true, value: descriptor.value } : { found: false };
  }
  return { found: false };
}

function constructorName(object: object): string | null {
  const own = Reflect.getOwnPropertyDescriptor(object, "constructor");
  if (own !== undefined && "value" in own && typeof own.value === "function") return constructorDisplayName(own.value as AnyFunction);
  const inherited = dataProperty(Reflect.getPrototypeOf(object), "constructor");
  if (inherited.found && typeof inherited.value === "function") return constructorDisplayName(inherited.value as AnyFunction);
  return null;
}

/**
 * JavaScriptCore's class name for an object: its constructor's name, else a
 * `Symbol.toStringTag`, else "Object". Never throws.
 */
export function objectClassName(object: object): string {
  let name: string | null;
  try {
    name = constructorName(object);
  } catch {
    name = null;
  }
  if (name === null || name === "Object") {
    const tag = stringTag(object);
    return tag !== "" ? tag : "Object";
  }
  return name === "" ? "Object" : name;
}

/** The prefix Bun writes before `{`: the class name, `[Object: null prototype]`, or nothing. */
export function objectPrefix(object: object): string | null {
  const name = objectClassName(object);
  if (name !== "Object") return name;
  return Reflect.getPrototypeOf(object) === null ? "[Object: null prototype]" : null;
}
