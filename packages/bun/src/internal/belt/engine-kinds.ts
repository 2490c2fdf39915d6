// What JavaScriptCore knows about a value that V8 does not show directly, as
// far as Bun's deepEquals depends on it: which functions are "internal"
// constructors, an error's construction type, and JSC's class name.

/**
 * Global constructors Bun 1.4.5 implements as JSC InternalFunctions, measured
 * with `Bun.deepEquals(globalThis[name], Object)`: Bun compares these as plain
 * objects, where every other function equals only itself.
 */
const internalConstructorNames = [
  "AbortController", "AggregateError", "Array", "ArrayBuffer", "AsyncDisposableStack", "BigInt", "BigInt64Array",
  "BigUint64Array", "Blob", "BroadcastChannel", "ByteLengthQueuingStrategy", "CompressionStream", "CountQueuingStrategy",
  "Crypto", "CryptoKey", "DataView", "Date", "DecompressionStream", "DisposableStack", "Error", "EvalError", "EventTarget",
  "File", "FinalizationRegistry", "Float16Array", "Float32Array", "Float64Array", "Function", "Headers", "Int16Array",
  "Int32Array", "Int8Array", "Iterator", "Map", "MessageChannel", "MessagePort", "Object", "Performance", "PerformanceEntry",
  "PerformanceMark", "PerformanceMeasure", "PerformanceObserverEntryList", "PerformanceResourceTiming", "Proxy", "RangeError",
  "ReadableByteStreamController", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest", "ReadableStreamDefaultController",
  "ReadableStreamDefaultReader", "ReferenceError", "RegExp", "Request", "Set", "SharedArrayBuffer", "SuppressedError", "Symbol",
  "SyntaxError", "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream", "TransformStream",
  "TransformStreamDefaultController", "TypeError", "URIError", "URLPattern", "URLSearchParams", "Uint16Array", "Uint32Array",
  "Uint8Array", "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet", "WritableStream", "WritableStreamDefaultController",
  "WritableStreamDefaultWriter",
];

let internalConstructors: WeakSet<object> | undefined;

function collectInternalConstructors(): WeakSet<object> {
  const found = new WeakSet<object>();
  const globals = globalThis as unknown as Record<string, unknown>;
  const add = (value: unknown): void => {
    if (typeof value === "function") found.add(value);
  };
  for (const name of internalConstructorNames) add(globals[name]);
  const intl = globals["Intl"] as Record<string, unknown> | undefined;
  if (intl) for (const name of Object.getOwnPropertyNames(intl)) if (/^[A-Z]/.test(name)) add(intl[name]);
  add((async () => {}).constructor);
  add(function* () {}.constructor);
  add(async function* () {}.constructor);
  add(Object.getPrototypeOf(Uint8Array));
  return found;
}

/** Whether Bun's engine would hold this function as an InternalFunction (compared as an object). */
export function isInternalConstructor(fn: object): boolean {
  internalConstructors ??= collectInternalConstructors();
  return internalConstructors.has(fn);
}

const errorTypeNames = ["EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "AggregateError", "SuppressedError"];
let errorPrototypes: Map<object, string> | undefined;

/**
 * The native error type an error was made with, as JSC records it at
 * construction (`class E extends TypeError` makes TypeErrors). V8 does not
 * keep it; the nearest native error prototype on the chain stands in.
 */
export function errorTypeOf(error: object): string {
  if (!errorPrototypes) {
    errorPrototypes = new Map();
    const globals = globalThis as unknown as Record<string, { prototype?: object } | undefined>;
    for (const name of errorTypeNames) {
      const prototype = globals[name]?.prototype;
      if (prototype) errorPrototypes.set(prototype, name);
    }
  }
  for (let proto = Object.getPrototypeOf(error) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    const name = errorPrototypes.get(proto);
    if (name !== undefined) return name;
  }
  return "Error";
}

/** An own data property's value, without running a getter (JSC's "VM inquiry"). */
export function ownDataValue(object: object, key: PropertyKey): { value: unknown } | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && "value" in descriptor ? { value: descriptor.value as unknown } : undefined;
}

/** A data property found along the prototype chain from `start` (stops at the first own property, data or not). */
function chainDataValue(start: object | null, key: PropertyKey): { value: unknown } | undefined {
  for (let current = start; current !== null; current = Object.getPrototypeOf(current) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor !== undefined) return "value" in descriptor ? { value: descriptor.value as unknown } : undefined;
  }
  return undefined;
}

/** JSC's calculatedDisplayName of a constructor: its `displayName`, else its name; empty counts as none. */
function constructorName(candidate: { value: unknown } | undefined): string | undefined {
  const fn = candidate?.value;
  if (typeof fn !== "function") return undefined;
  const displayName = ownDataValue(fn, "displayName")?.value;
  if (typeof displayName === "string" && displayName !== "") return displayName;
  const name = ownDataValue(fn, "name")?.value;
  return typeof name === "string" && name !== "" ? name : undefined;
}

/** JSC's ClassInfo name for the kinds of object that reach a class-name comparison without a constructor name. */
function engineClassName(object: object, isProxy: boolean): string {
  if (isProxy) return "ProxyObject";
  if (typeof object === "function") return "Function";
  if (Array.isArray(object)) return "Array";
  return "Object";
}

/**
 * JSC's `JSObject::calculatedClassName`, which Bun's strict deepEquals
 * compares: the own `constructor`'s name, else the prototype chain's
 * `constructor`'s name (not for proxies), and when that is missing or
 * "Object", a `Symbol.toStringTag` string on the chain, else the engine's
 * class name ("ProxyObject" for every proxy).
 */
export function calculatedClassName(object: object, isProxy: boolean): string {
  let name = isProxy ? undefined : constructorName(ownDataValue(object, "constructor"));
  if (name === undefined && !isProxy) name = constructorName(chainDataValue(Object.getPrototypeOf(object) as object | null, "constructor"));
  if (name === undefined || name === "Object") {
    const tag = isProxy ? undefined : chainDataValue(object, Symbol.toStringTag)?.value;
    if (typeof tag === "string") return tag;
    return engineClassName(object, isProxy);
  }
  return name;
}

let hostSymbols: Set<symbol> | undefined;

function collectHostSymbols(): Set<symbol> {
  const found = new Set<symbol>();
  const samples: (() => object)[] = [
    () => new Blob([]),
    () => new File([], ""),
    () => new TextEncoder(),
    () => new TextDecoder(),
    () => new EventTarget(),
    () => new AbortController().signal,
    () => new ReadableStream(),
    () => new WritableStream(),
    () => new TransformStream(),
    () => new Event("x"),
    () => new (PerformanceMark as unknown as new (name: string) => object)("x"),
    () => EventTarget,
    () => AbortSignal,
    () => Event,
  ];
  for (const sample of samples) {
    try {
      for (const symbol of Object.getOwnPropertySymbols(sample())) found.add(symbol);
    } catch {
      // A class this Node lacks holds no symbols of its own.
    }
  }
  return found;
}

/**
 * Symbols Node's own web classes keep on their instances and constructors
 * (`Symbol(kHandle)` on a Blob, `Symbol(kEvents)` on an EventTarget, ...).
 * Bun's objects of those classes have no such properties, so a comparison
 * must not see them; no program can make one of these symbols.
 */
export function isHostSymbol(key: PropertyKey): boolean {
  if (typeof key !== "symbol") return false;
  hostSymbols ??= collectHostSymbols();
  return hostSymbols.has(key);
}
