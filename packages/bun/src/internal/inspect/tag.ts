// Sorting a value into one of Bun's formatter tags (its `Formatter.Tag`), using
// what V8 exposes (`util.types`, `Object.prototype.toString`) in place of
// JavaScriptCore's cell types.
import { inspect as nodeInspect, types } from "node:util";
import { Accessor } from "./properties.ts";
import { isNativeFunction } from "./names.ts";
import { webKind } from "./web.ts";
import type { WebKind } from "./web.ts";
import type { AnyFunction } from "./types.ts";

export type Tag =
  | "String"
  | "Undefined"
  | "Double"
  | "Null"
  | "Boolean"
  | "Array"
  | "Object"
  | "Function"
  | "Class"
  | "Error"
  | "TypedArray"
  | "Map"
  | "MapIterator"
  | "SetIterator"
  | "Set"
  | "BigInt"
  | "Symbol"
  | "CustomFormattedObject"
  | "GlobalObject"
  | "Promise"
  | "JSON"
  | "JSX"
  | "GetterSetter"
  | "RevokedProxy"
  | "Web";

/** The few distinctions of JavaScriptCore's cell type the printers look at. */
export type Cell = "plain" | "string" | "stringObject" | "regexp" | "date" | "arguments" | "weak";

export interface TagResult {
  tag: Tag;
  cell: Cell;
  /** The `inspect.custom` function, for `CustomFormattedObject`. */
  custom?: AnyFunction;
  /** Which web class, for `Web`. */
  web?: WebKind;
}

export interface TagOptions {
  hideGlobal: boolean;
  disableCustom: boolean;
}

export const inspectCustom: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

const PRIMITIVE_TAGS: ReadonlySet<Tag> = new Set(["String", "Undefined", "Double", "Null", "Boolean", "Symbol", "BigInt"]);

export function isPrimitiveTag(tag: Tag): boolean {
  return PRIMITIVE_TAGS.has(tag);
}

// Global constructors Bun prints as `[class X]` although their source is native code
// (every built-in constructor but `Promise`, which JavaScriptCore implements in JS).
let nativeClasses: Set<AnyFunction> | undefined;

function isNativeClass(fn: AnyFunction): boolean {
  nativeClasses ??= collectNativeClasses();
  return nativeClasses.has(fn);
}

function collectNativeClasses(): Set<AnyFunction> {
  const found = new Set<AnyFunction>();
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (!/^[A-Z]/.test(name) || name === "Promise") continue;
    const candidate = (globalThis as Record<string, unknown>)[name];
    if (typeof candidate === "function" && isNativeFunction(candidate) && candidate.prototype !== undefined) found.add(candidate);
  }
  return found;
}

export function isClass(fn: AnyFunction): boolean {
  if (isNativeClass(fn)) return true;
  // A proxy hides its target's source; a class's `prototype` is the one that cannot be reassigned.
  if (types.isProxy(fn)) {
    const prototype = Reflect.getOwnPropertyDescriptor(fn, "prototype");
    return prototype !== undefined && prototype.writable === false;
  }
  try {
    return Function.prototype.toString.call(fn).startsWith("class");
  } catch {
    return false;
  }
}

const REACT_TYPES = new Set([Symbol.for("react.element"), Symbol.for("react.transitional.element"), Symbol.for("react.fragment")]);

function isJSX(value: object): boolean {
  const descriptor = Reflect.getOwnPropertyDescriptor(value, "$$typeof");
  return descriptor !== undefined && "value" in descriptor && REACT_TYPES.has(descriptor.value as symbol);
}

function isRevokedProxy(value: object): boolean {
  return nodeInspect(value, { showProxy: true, depth: 0, customInspect: false }).startsWith("<Revoked Proxy>");
}

function customInspectOf(value: object): AnyFunction | undefined {
  try {
    const custom: unknown = (value as Record<symbol, unknown>)[inspectCustom];
    return typeof custom === "function" ? custom : undefined;
  } catch {
    return undefined;
  }
}

const result = (tag: Tag, cell: Cell = "plain"): TagResult => ({ tag, cell });

function objectTag(value: object): TagResult {
  if (types.isNativeError(value)) return result("Error");
  if (Array.isArray(value)) return result("Array");
  if (types.isArgumentsObject(value)) return result("Array", "arguments");
  if (types.isBoxedPrimitive(value)) return boxedTag(value);
  if (types.isRegExp(value)) return result("String", "regexp");
  if (types.isMap(value)) return result("Map");
  if (types.isWeakMap(value)) return result("Map", "weak");
  if (types.isSet(value)) return result("Set");
  if (types.isWeakSet(value)) return result("Set", "weak");
  if (types.isMapIterator(value)) return result("MapIterator");
  if (types.isSetIterator(value)) return result("SetIterator");
  if (types.isDate(value)) return result("JSON", "date");
  if (types.isPromise(value)) return result("Promise");
  if (ArrayBuffer.isView(value) || types.isAnyArrayBuffer(value)) return result("TypedArray");
  if (types.isGeneratorObject(value) || Object.prototype.toString.call(value) === "[object String Iterator]") return result("JSON");
  return result("Object");
}

function boxedTag(value: object): TagResult {
  if (types.isNumberObject(value)) return result("Double");
  if (types.isStringObject(value)) return result("String", "stringObject");
  if (types.isBooleanObject(value)) return result("Boolean");
  return result("Object");
}

/** Bun's `Tag.getAdvanced`. */
export function getTag(value: unknown, options: TagOptions): TagResult {
  switch (typeof value) {
    case "undefined":
      return result("Undefined");
    case "number":
      return result("Double");
    case "boolean":
      return result("Boolean");
    case "string":
      return result("String", "string");
    case "symbol":
      return result("Symbol");
    case "bigint":
      return result("BigInt");
  }
  if (value === null) return result("Null");
  const object = value as object;
  // Bun prints a proxy's target; V8 cannot reach it, so the proxy is read through its traps.
  if (types.isProxy(object) && isRevokedProxy(object)) return result("RevokedProxy");
  if (object instanceof Accessor) return result("GetterSetter");
  const web = webKind(object);
  if (!options.disableCustom && web === undefined) {
    const custom = customInspectOf(object);
    if (custom !== undefined) return { tag: "CustomFormattedObject", cell: "plain", custom };
  }
  if (web !== undefined) return { tag: "Web", cell: "plain", web };
  if (typeof object === "function") return result(isClass(object) ? "Class" : "Function");
  if (object === globalThis) return result(options.hideGlobal ? "GlobalObject" : "Object");
  if (isJSX(object)) return result("JSX");
  return objectTag(object);
}
