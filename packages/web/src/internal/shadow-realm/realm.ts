// A realm as the ShadowRealm code sees one: the global its values belong to and
// the few functions made inside it, so that wrappers and errors are that realm's.
import { notImplemented } from "@dx-compat/shared/errors";
import vm from "node:vm";

/** What the boundary needs of one realm: its error classes and a maker of its functions. */
export interface Realm {
  readonly TypeError: TypeErrorConstructor;
  readonly SyntaxError: SyntaxErrorConstructor;
  /** A function of this realm that is no constructor and has no `prototype` (as Bun's wrapped functions). */
  readonly makeFunction: (body: (args: unknown[]) => unknown) => (...args: unknown[]) => unknown;
}

/** A realm a ShadowRealm made, which code can also be evaluated in. */
export interface ShadowRealmRecord extends Realm {
  /** Indirect eval in this realm: lexical declarations stay local to the call, `var`s land on its global. */
  readonly eval: (source: string) => unknown;
}

// Made inside the realm, so the wrapper's [[Prototype]] and `arguments` array are the realm's.
const functionMakerSource = `(body) => (...args) => body(args)`;

// The realm's own eval, taken once (code in the realm may replace `globalThis.eval`) and
// called indirectly from a script of the realm: evaluated code inherits that script's
// loader for `import()`, not the loader of whoever called evaluate (which would load
// modules into the main realm and resolve them from this package's files).
const evaluatorSource = `((indirect) => (source) => indirect(source))(eval)`;

/**
 * `import()` in a realm: Node has no loader for a vm context unless started with
 * --experimental-vm-modules (without it, Node itself rejects with
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG before calling this).
 */
function refuseImport(specifier: string): never {
  throw notImplemented("ShadowRealm", `import(${JSON.stringify(specifier)}) inside a realm: Node has no module loader for a new realm`);
}

/** The realm this code runs in: the caller's side of a top-level ShadowRealm. */
export const mainRealm: Realm = {
  TypeError,
  SyntaxError,
  makeFunction: (body) => (...args: unknown[]) => body(args),
};

/**
 * The host globals Bun 1.4.5 puts in every ShadowRealm, beyond the language's
 * own. A fresh V8 context has only the latter; the rest are lent from this
 * realm (the same objects, where Bun's realm has copies of its own).
 */
const hostGlobals = [
  "AbortController", "AbortSignal", "Blob", "BroadcastChannel", "Buffer", "BuildError", "BuildMessage", "Bun",
  "ByteLengthQueuingStrategy", "CloseEvent", "CompressionStream", "CountQueuingStrategy", "Crypto", "CryptoKey",
  "CustomEvent", "DOMException", "DecompressionStream", "ErrorEvent", "Event", "EventTarget", "File", "FormData",
  "HTMLRewriter", "Headers", "MessageChannel", "MessageEvent", "MessagePort", "Performance", "PerformanceEntry",
  "PerformanceMark", "PerformanceMeasure", "PerformanceObserver", "PerformanceObserverEntryList",
  "PerformanceResourceTiming", "PerformanceServerTiming", "PerformanceTiming", "ReadableByteStreamController",
  "ReadableStream", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest", "ReadableStreamDefaultController",
  "ReadableStreamDefaultReader", "Request", "ResolveError", "ResolveMessage", "Response", "ShadowRealm",
  "SubtleCrypto", "Temporal", "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream",
  "TransformStream", "TransformStreamDefaultController", "URL", "URLPattern", "URLSearchParams", "WebSocket",
  "Worker", "WritableStream", "WritableStreamDefaultController", "WritableStreamDefaultWriter", "addEventListener",
  "alert", "atob", "btoa", "clearImmediate", "clearInterval", "clearTimeout", "confirm", "console", "crypto",
  "dispatchEvent", "fetch", "navigator", "performance", "postMessage", "process", "prompt", "queueMicrotask",
  "removeEventListener", "reportError", "setImmediate", "setInterval", "setTimeout", "structuredClone",
] as const;

/** A main-realm global as the realm's: Node's accessors (`crypto`, `navigator`…) insist on being read from their own global. */
function lent(descriptor: PropertyDescriptor): PropertyDescriptor {
  const { get, set } = descriptor;
  if (get === undefined && set === undefined) return descriptor;
  const bound: PropertyDescriptor = { enumerable: descriptor.enumerable ?? false, configurable: descriptor.configurable ?? false };
  if (get !== undefined) bound.get = (): unknown => Reflect.apply(get, globalThis, []) as unknown;
  if (set !== undefined) bound.set = (value: unknown): void => void Reflect.apply(set, globalThis, [value]);
  return bound;
}

function lendHostGlobals(target: typeof globalThis, overrides: Record<string, unknown>): void {
  for (const name of hostGlobals) {
    if (name in overrides) {
      Object.defineProperty(target, name, { value: overrides[name], writable: true, enumerable: false, configurable: true });
      continue;
    }
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    // V8's contexts carry their own `console` (an inspector-only one): Bun's realm logs like the main one.
    if (descriptor !== undefined) Object.defineProperty(target, name, lent(descriptor));
  }
  for (const name of ["global", "self"]) {
    Object.defineProperty(target, name, { value: target, writable: true, enumerable: true, configurable: true });
  }
}

/**
 * A new realm: a V8 context with its own intrinsics, an ordinary global
 * object (`DONT_CONTEXTIFY`: no interceptors between code and its global), and
 * Bun's host globals. `ownShadowRealm` is the realm's own `ShadowRealm`.
 */
export function createRealm(ownShadowRealm: (realm: Realm) => unknown): ShadowRealmRecord {
  const global = vm.createContext(vm.constants.DONT_CONTEXTIFY) as typeof globalThis;
  const run = <T>(source: string): T => vm.runInContext(source, global) as T;
  const realm: ShadowRealmRecord = {
    TypeError: run<TypeErrorConstructor>("TypeError"),
    SyntaxError: run<SyntaxErrorConstructor>("SyntaxError"),
    eval: new vm.Script(evaluatorSource, { importModuleDynamically: refuseImport }).runInContext(global) as (source: string) => unknown,
    makeFunction: run<Realm["makeFunction"]>(functionMakerSource),
  };
  lendHostGlobals(global, { ShadowRealm: ownShadowRealm(realm) });
  return realm;
}
