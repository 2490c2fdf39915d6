// Bun.deepEquals on V8: a re-statement of Bun's `Bun__deepEquals` (the
// comparison behind `expect().toEqual()`/`toStrictEqual()`), quirks included:
// - SameValue first (NaN equals NaN, 0 does not equal -0);
// - arrays compare their elements and only their *symbol* keys; loose mode
//   lets a hole, a missing trailing element and `undefined` stand for each other;
// - other objects compare own enumerable properties when the engine can walk
//   them directly (no accessors, no indexed properties), and otherwise
//   for-in style names (inherited enumerable ones too), where loose mode only
//   checks the second object's extra names by position;
// - strict mode compares JSC's class names, except for the kinds compared by
//   type below (errors, typed arrays, boxed primitives, Maps, ...);
// - Maps and Sets match keys by identity, then by a linear deep search;
// - DataViews, Promises, WeakMaps and most functions-as-objects compare as
//   plain objects; a non-constructor function equals only itself.
import { isDeepStrictEqual, types } from "node:util";
import { calculatedClassName, errorTypeOf, isHostSymbol, isInternalConstructor, ownDataValue } from "./engine-kinds.ts";
import { intrinsics } from "./intrinsics.ts";
import { withBunStackOverflow } from "./stack-overflow.ts";

/** A property that is not there (a hole, a missing key): JSC's empty JSValue. */
const EMPTY: unique symbol = Symbol("empty");
type Slot = unknown;

interface Walk {
  readonly strict: boolean;
  /** The pairs being compared on the current path, for cycles. */
  readonly left: unknown[];
  readonly right: unknown[];
  /** Per call: class names by prototype, and whether a prototype chain has enumerable properties. */
  classNames: Map<object | null, string> | undefined;
  enumerableChains: Map<object | null, boolean> | undefined;
}

type ObjectLike = object;

function isObjectLike(value: unknown): value is ObjectLike {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

export function bunDeepEquals(a: unknown, b: unknown, strict: boolean): boolean {
  return withBunStackOverflow(() => equalValues(a, b, { strict, left: [], right: [], classNames: undefined, enumerableChains: undefined }, true));
}

function equalValues(a: Slot, b: Slot, walk: Walk, addToStack: boolean): boolean {
  if (a === EMPTY || b === EMPTY) return a === b;
  if (Object.is(a, b)) return true;
  if (!isObjectLike(a) || !isObjectLike(b)) return false;
  const { left, right } = walk;
  for (let i = 0; i < left.length; i++) {
    if (left[i] === a) return right[i] === b;
    if (right[i] === b) return false;
  }
  if (!addToStack) return equalObjects(a, b, walk);
  // No finally needed: an exception ends the whole comparison, and this walk with it.
  left.push(a);
  right.push(b);
  const equal = equalObjects(a, b, walk);
  left.pop();
  right.pop();
  return equal;
}

function equalObjects(a: ObjectLike, b: ObjectLike, walk: Walk): boolean {
  const kindA = kindOf(a);
  const kindB = kindOf(b);
  const special = equalAsKind(a, kindA, b, kindB, walk) ?? equalAsKind(b, kindB, a, kindA, walk);
  if (special !== undefined) return special;
  const aIsArray = kindA === "array";
  if (aIsArray !== (kindB === "array")) return false;
  const aIsProxy = kindA === "proxy" || (aIsArray && types.isProxy(a));
  const bIsProxy = kindB === "proxy" || (aIsArray && types.isProxy(b));
  if (aIsArray && !aIsProxy && !bIsProxy) return equalArrays(a as unknown[], b as unknown[], walk);
  if (walk.strict && !sameClassName(a, aIsProxy, b, bIsProxy, walk)) return false;
  if (!aIsProxy && !bIsProxy) {
    const simple = equalSimpleObjects(a, kindA, b, kindB, walk);
    if (simple !== undefined) return simple;
  }
  const ownA = aIsProxy ? undefined : directProperties(a);
  const ownB = ownA === undefined || bIsProxy ? undefined : directProperties(b);
  if (ownA !== undefined && ownB !== undefined) return equalDirectProperties(a, b, ownA, ownB, walk);
  return equalEnumerableNames(a, b, walk, undefined);
}

// ---------------------------------------------------------------------------
// Kinds JSC compares by type (specialObjectsDequal).

/** What JSC takes an object for, as far as this comparison cares. */
type Kind =
  | "plain" | "proxy" | "array" | "function" | "internal-function" | "global" | "map" | "set" | "typed-array" | "array-buffer" | "date" | "regexp"
  | "error" | "string-object" | "number-object" | "boolean-object" | "symbol-object" | "bigint-object" | "url" | "url-search-params" | "headers";

function kindOf(object: ObjectLike): Kind {
  if (typeof object === "function") return types.isProxy(object) ? "proxy" : isInternalConstructor(object) ? "internal-function" : "function";
  // Arrays (and proxies of arrays) are none of the kinds below.
  if (Array.isArray(object)) return "array";
  if (object === globalThis) return "global";
  if (types.isMap(object)) return "map";
  if (types.isSet(object)) return "set";
  // A DataView compares as a plain object in Bun.deepEquals.
  if (types.isArrayBufferView(object)) return types.isTypedArray(object) ? "typed-array" : "plain";
  if (types.isAnyArrayBuffer(object)) return "array-buffer";
  if (types.isDate(object)) return "date";
  if (types.isRegExp(object)) return "regexp";
  if (types.isNativeError(object)) return "error";
  if (types.isBoxedPrimitive(object)) {
    if (types.isStringObject(object)) return "string-object";
    if (types.isNumberObject(object)) return "number-object";
    if (types.isBooleanObject(object)) return "boolean-object";
    return types.isSymbolObject(object) ? "symbol-object" : "bigint-object";
  }
  if (types.isProxy(object)) return "proxy";
  // instanceof only follows prototypes: an object on Object.prototype (or none) is no web object.
  const prototype = Object.getPrototypeOf(object) as object | null;
  if (prototype === Object.prototype || prototype === null) return "plain";
  if (object instanceof URL) return "url";
  if (object instanceof URLSearchParams) return "url-search-params";
  if (object instanceof Headers) return "headers";
  return "plain";
}

function isWebKind(kind: Kind): boolean {
  return kind === "url" || kind === "url-search-params" || kind === "headers";
}

/** Compares `a` by its kind; undefined when its kind does not decide (the properties then do). */
function equalAsKind(a: ObjectLike, kindA: Kind, b: ObjectLike, kindB: Kind, walk: Walk): boolean | undefined {
  const { strict } = walk;
  switch (kindA) {
    case "plain":
    case "proxy":
    case "array":
    case "internal-function":
      return undefined;
    case "function":
    case "global":
      return false;
    case "map":
      return kindB === "map" && equalMaps(a as Map<unknown, unknown>, b as Map<unknown, unknown>, walk);
    case "set":
      return kindB === "set" && equalSets(a as Set<unknown>, b as Set<unknown>, walk);
    case "typed-array":
      return kindB === "typed-array" && equalTypedArrays(a as ArrayBufferView, b as ArrayBufferView, strict);
    case "array-buffer":
      return kindB === "array-buffer" && equalArrayBuffers(a, b);
    case "date":
      return kindB === "date" && intrinsics().dateValue(a as Date) === intrinsics().dateValue(b as Date);
    case "regexp":
      return kindB === "regexp" && sameRegExp(a as RegExp, b as RegExp);
    case "error":
      return kindB === "error" && equalErrors(a as Error, b as Error, walk);
    case "string-object":
      return kindB === "string-object" && equalStringObjects(a, b, strict);
    case "number-object":
      return kindB === "number-object" && Object.is(intrinsics().numberObjectValue(a), intrinsics().numberObjectValue(b)) ? undefined : false;
    case "boolean-object":
      return kindB === "boolean-object" && intrinsics().booleanObjectValue(a) === intrinsics().booleanObjectValue(b) ? undefined : false;
    case "symbol-object":
      return kindB === "symbol-object" && intrinsics().symbolObjectValue(a) === intrinsics().symbolObjectValue(b) ? undefined : false;
    case "bigint-object":
      return kindB === "bigint-object" && intrinsics().bigIntObjectValue(a) === intrinsics().bigIntObjectValue(b) ? undefined : false;
    case "url":
    case "url-search-params":
    case "headers":
      return equalWebObjects(a, kindA, b, kindB, strict);
  }
}

function equalMaps(a: Map<unknown, unknown>, b: Map<unknown, unknown>, walk: Walk): boolean {
  const { mapSize, mapGet, mapEntries } = intrinsics();
  if (mapSize(a) !== mapSize(b)) return false;
  for (const [key, value] of mapEntries(a)) {
    let other = mapGet(b, key);
    if (other === undefined) {
      // Not there by identity (or there with the value undefined): the first deep-equal key decides.
      let found = false;
      for (const [candidate, candidateValue] of mapEntries(b)) {
        if (equalValues(key, candidate, walk, false)) {
          found = true;
          other = candidateValue;
          break;
        }
      }
      if (!found) return false;
    }
    if (!equalValues(value, other, walk, false)) return false;
  }
  return true;
}

function equalSets(a: Set<unknown>, b: Set<unknown>, walk: Walk): boolean {
  const { setSize, setHas, setValues } = intrinsics();
  if (setSize(a) !== setSize(b)) return false;
  for (const key of setValues(a)) {
    if (setHas(b, key)) continue;
    let found = false;
    for (const candidate of setValues(b)) {
      if (equalValues(key, candidate, walk, false)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

function equalTypedArrays(a: ArrayBufferView, b: ArrayBufferView, strict: boolean): boolean | undefined {
  const { typedArrayKind } = intrinsics();
  const kind = typedArrayKind(a);
  if (kind !== typedArrayKind(b)) return false;
  if (a.byteLength !== b.byteLength) return false;
  let contentsEqual: boolean;
  if (a.byteLength === 0 || (a.buffer === b.buffer && a.byteOffset === b.byteOffset)) contentsEqual = true;
  else if (!strict && (kind === "Float16Array" || kind === "Float32Array" || kind === "Float64Array")) {
    // Loose float comparison is IEEE ==: 0 equals -0, NaN equals nothing.
    const left = a as unknown as ArrayLike<number>;
    const right = b as unknown as ArrayLike<number>;
    contentsEqual = true;
    for (let i = 0; i < left.length; i++) {
      if (left[i] !== right[i]) {
        contentsEqual = false;
        break;
      }
    }
  } else contentsEqual = sameBytes(bytesOf(a), bytesOf(b));
  if (!contentsEqual) return false;
  // Strict mode compares any other own properties as a plain object would.
  if (strict && (hasExtraTypedArrayProperties(a) || hasExtraTypedArrayProperties(b))) return undefined;
  return true;
}

// Listing a large typed array's own keys names every index; above this length
// the check asks Node's isDeepStrictEqual instead, which sees enumerable extras only.
const exactExtraCheckLimit = 1024;

function hasExtraTypedArrayProperties(view: ArrayBufferView): boolean {
  const length = (view as unknown as ArrayLike<unknown>).length;
  if (length <= exactExtraCheckLimit) return Reflect.ownKeys(view).length !== length;
  // A bare view over the same memory: equal to `view` unless `view` has enumerable non-index properties.
  type ViewConstructor = new (buffer: ArrayBufferLike, offset: number, length: number) => ArrayBufferView;
  const Kind = (globalThis as unknown as Record<string, ViewConstructor>)[intrinsics().typedArrayKind(view)!]!;
  const bare = new Kind(view.buffer, view.byteOffset, length);
  Object.setPrototypeOf(bare, Object.getPrototypeOf(view) as object);
  return !isDeepStrictEqual(view, bare);
}

function equalArrayBuffers(a: ObjectLike, b: ObjectLike): boolean {
  const aShared = types.isSharedArrayBuffer(a);
  if (aShared !== types.isSharedArrayBuffer(b)) return false;
  const { arrayBufferByteLength, sharedArrayBufferByteLength } = intrinsics();
  const length = aShared ? sharedArrayBufferByteLength(a as SharedArrayBuffer) : arrayBufferByteLength(a as ArrayBuffer);
  const otherLength = aShared ? sharedArrayBufferByteLength(b as SharedArrayBuffer) : arrayBufferByteLength(b as ArrayBuffer);
  if (length !== otherLength) return false;
  if ((a as ArrayBuffer).detached === true || (b as ArrayBuffer).detached === true) return false;
  return sameBytes(new Uint8Array(a as ArrayBuffer), new Uint8Array(b as ArrayBuffer));
}

function sameRegExp(a: RegExp, b: RegExp): boolean {
  const { regExpSource, regExpFlags } = intrinsics();
  return regExpSource(a) === regExpSource(b) && regExpFlags(a) === regExpFlags(b);
}

/** JSC's sanitizedNameString: a data `name` on the error or its prototype, if primitive; else "Error". */
function sanitizedName(error: Error): string {
  const own = ownDataValue(error, "name");
  const found = own ?? ownDataValue(Object.getPrototypeOf(error) as object, "name");
  const value = found?.value;
  if (found === undefined || (typeof value === "object" && value !== null) || typeof value === "function") return "Error";
  return String(value);
}

/** JSC's sanitizedMessageString: an own data `message`, if primitive; else none (equal to ""). */
function sanitizedMessage(error: Error): string {
  const value = ownDataValue(error, "message")?.value;
  if (value === undefined || (typeof value === "object" && value !== null) || typeof value === "function") return "";
  return String(value);
}

/** What JSC records about the cause an error was given: none, or the type of its value. */
function causeType(error: Error): string {
  const cause = ownDataValue(error, "cause");
  if (cause === undefined) return "none";
  return cause.value === null ? "null" : typeof cause.value;
}

function equalErrors(a: Error, b: Error, walk: Walk): boolean {
  if (errorTypeOf(a) !== errorTypeOf(b)) return false;
  if (sanitizedName(a) !== sanitizedName(b)) return false;
  if (sanitizedMessage(a) !== sanitizedMessage(b)) return false;
  if (walk.strict) {
    if (causeType(a) !== causeType(b)) return false;
    if ("cause" in a !== "cause" in b) return false;
  }
  if (!equalValues((a as { cause?: unknown }).cause, (b as { cause?: unknown }).cause, walk, true)) return false;
  // Enumerable properties, inherited ones too; `stack` never counts.
  return equalEnumerableNames(a, b, walk, "stack");
}

function equalStringObjects(a: ObjectLike, b: ObjectLike, strict: boolean): boolean | undefined {
  // A String subclass instance is another kind of object to JSC.
  if (isDerivedStringObject(a) || isDerivedStringObject(b)) return false;
  if (calculatedClassName(a, false) !== calculatedClassName(b, false)) return false;
  const { stringObjectValue } = intrinsics();
  if (stringObjectValue(a) !== stringObjectValue(b)) return false;
  if (strict && (hasExtraStringProperties(a) || hasExtraStringProperties(b))) return undefined;
  return true;
}

/** A String subclass instance (JSC's DerivedStringObject), told by its prototype. */
function isDerivedStringObject(value: object): boolean {
  return Object.getPrototypeOf(value) !== String.prototype;
}

function hasExtraStringProperties(value: object): boolean {
  // Own keys are the character indices and `length`; anything more is extra.
  return Reflect.ownKeys(value).length !== intrinsics().stringObjectValue(value).length + 1;
}

/** URL (by href), URLSearchParams and Headers (by entries); then their properties, as plain objects. */
function equalWebObjects(a: ObjectLike, kindA: Kind, b: ObjectLike, kindB: Kind, strict: boolean): boolean | undefined {
  if (kindA !== kindB) return strict && isWebKind(kindB) ? false : undefined;
  if (kindA === "url") return (a as URL).href === (b as URL).href ? undefined : false;
  return sameEntries(a as URLSearchParams | Headers, b as URLSearchParams | Headers) ? undefined : false;
}

/** Same size, and each entry of `a` is what `b.get(name)` returns (the first value for a repeated name). */
function sameEntries(a: URLSearchParams | Headers, b: URLSearchParams | Headers): boolean {
  let size = 0;
  for (const _entry of b) size++;
  let count = 0;
  for (const [name, value] of a) {
    count++;
    if (b.get(name) !== value) return false;
  }
  return count === size;
}

// ---------------------------------------------------------------------------
// Arrays: elements by index (own data values only), then symbol keys.

function element(array: unknown[], index: number): Slot {
  const value = array[index];
  if (value !== undefined) return value;
  return Object.hasOwn(array, index) ? undefined : EMPTY;
}

function equalArrays(a: unknown[], b: unknown[], walk: Walk): boolean {
  const { strict } = walk;
  const lengthA = a.length;
  const lengthB = b.length;
  if (strict && lengthA !== lengthB) return false;
  let i = 0;
  for (; i < lengthA; i++) {
    const left = element(a, i);
    const right = i < lengthB ? element(b, i) : EMPTY;
    if (strict) {
      if (left === EMPTY && right === EMPTY) continue;
      if (left === EMPTY || right === EMPTY) return false;
    } else if ((left === EMPTY || right === EMPTY) && (left === undefined || right === undefined)) continue;
    if (!equalValues(left, right, walk, true)) return false;
  }
  for (; i < lengthB; i++) {
    const right = element(b, i);
    if (right !== EMPTY && right !== undefined) return false;
  }
  const symbols = enumerableOwnSymbols(a);
  if (strict && symbols.length !== enumerableOwnSymbols(b).length) return false;
  for (const symbol of symbols) {
    const left = (a as unknown as Record<symbol, unknown>)[symbol];
    const right = symbol in b ? (b as unknown as Record<symbol, unknown>)[symbol] : EMPTY;
    if (!strict && left === undefined && right === EMPTY) continue;
    if (right === EMPTY) return false;
    if (!equalValues(left, right, walk, true)) return false;
  }
  return true;
}

function enumerableOwnSymbols(object: object): symbol[] {
  const symbols = Object.getOwnPropertySymbols(object);
  if (symbols.length === 0) return symbols;
  return symbols.filter((symbol) => !isHostSymbol(symbol) && Object.prototype.propertyIsEnumerable.call(object, symbol));
}

// ---------------------------------------------------------------------------
// The common case, quickly: ordinary objects whose every own property is
// enumerable, with no indexed property, no own __proto__ and nothing
// enumerable inherited. For these JSC's two ways of walking properties agree
// (in loose mode only when no value is undefined), so whether the engine
// would have read them directly or through getters makes no difference, and
// no property descriptors need be built.

/** Whether the class name is the prototype's alone: an ordinary object holding neither a `constructor` nor a Symbol.toStringTag. */
function nameFromPrototype(object: ObjectLike, isProxy: boolean): boolean {
  return !isProxy && typeof object === "object" && !Array.isArray(object) && !Object.hasOwn(object, "constructor") && !Object.hasOwn(object, Symbol.toStringTag);
}

/** Whether JSC's class names agree; those decided by the prototype alone are cached per prototype. */
function sameClassName(a: ObjectLike, aIsProxy: boolean, b: ObjectLike, bIsProxy: boolean, walk: Walk): boolean {
  const byPrototypeA = nameFromPrototype(a, aIsProxy);
  const byPrototypeB = nameFromPrototype(b, bIsProxy);
  if (byPrototypeA && byPrototypeB && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) return true;
  return className(a, aIsProxy, byPrototypeA, walk) === className(b, bIsProxy, byPrototypeB, walk);
}

function className(object: ObjectLike, isProxy: boolean, byPrototype: boolean, walk: Walk): string {
  if (!byPrototype) return calculatedClassName(object, isProxy);
  const prototype = Object.getPrototypeOf(object) as object | null;
  walk.classNames ??= new Map();
  let name = walk.classNames.get(prototype);
  if (name === undefined) {
    name = calculatedClassName(object, false);
    walk.classNames.set(prototype, name);
  }
  return name;
}

/** Whether anything enumerable (string or symbol keyed) is inherited through `prototype`. */
function chainHasEnumerables(prototype: object | null, walk: Walk): boolean {
  walk.enumerableChains ??= new Map();
  const known = walk.enumerableChains.get(prototype);
  if (known !== undefined) return known;
  let found = false;
  for (let current = prototype; current !== null && !found; current = Object.getPrototypeOf(current) as object | null) {
    if (types.isProxy(current)) found = true;
    else if (Object.keys(current).length > 0) found = true;
    else found = Object.getOwnPropertySymbols(current).some((symbol) => !isHostSymbol(symbol) && Object.prototype.propertyIsEnumerable.call(current, symbol));
  }
  walk.enumerableChains.set(prototype, found);
  return found;
}

/** The own keys of a simple object (strings, then symbols), or undefined if it is not one. */
function simpleKeys(object: ObjectLike, kind: Kind, walk: Walk): PropertyKey[] | undefined {
  // Exotic objects (arguments, module namespaces) fail the checks below: they own non-enumerable properties.
  if (kind !== "plain") return undefined;
  const keys: PropertyKey[] = Object.keys(object);
  const count = keys.length;
  // V8 lists array indices first.
  if (count > 0 && isArrayIndex(keys[0] as string)) return undefined;
  for (let i = 0; i < count; i++) if (keys[i] === "__proto__") return undefined;
  // (Reflect.ownKeys would do, but it is several times slower than these two.)
  if (Object.getOwnPropertyNames(object).length !== count) return undefined;
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    if (isHostSymbol(symbol)) continue;
    // Only enumerable symbols keep the object simple.
    if (!Object.prototype.propertyIsEnumerable.call(object, symbol)) return undefined;
    keys.push(symbol);
  }
  if (chainHasEnumerables(Object.getPrototypeOf(object) as object | null, walk)) return undefined;
  return keys;
}

function equalSimpleObjects(a: ObjectLike, kindA: Kind, b: ObjectLike, kindB: Kind, walk: Walk): boolean | undefined {
  const keysA = simpleKeys(a, kindA, walk);
  if (keysA === undefined) return undefined;
  const keysB = simpleKeys(b, kindB, walk);
  if (keysB === undefined) return undefined;
  const recordA = a as Record<PropertyKey, unknown>;
  const recordB = b as Record<PropertyKey, unknown>;
  if (!walk.strict) {
    // An undefined value is where loose mode's two walks part ways: take the exact route.
    for (const key of keysA) if (recordA[key] === undefined) return undefined;
    for (const key of keysB) if (recordB[key] === undefined) return undefined;
  }
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) if (!Object.hasOwn(b, key)) return false;
  for (const key of keysA) {
    if (!equalValues(recordA[key], recordB[key], walk, true)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Objects the engine walks directly: own data properties only.

interface DirectProperties {
  /** Own enumerable keys (strings, then symbols) and their values. */
  readonly keys: PropertyKey[];
  readonly values: unknown[];
}

const arrayIndex = /^(?:0|[1-9]\d{0,9})$/;

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return false;
  return arrayIndex.test(key) && Number(key) < 4294967295;
}

/**
 * The own enumerable properties, when JSC could read them straight from the
 * object's structure: an ordinary object (not a function or an exotic one)
 * with no accessor, no indexed property and no own `__proto__`. `undefined`
 * sends the comparison down the for-in style path instead.
 */
function directProperties(object: ObjectLike): DirectProperties | undefined {
  if (typeof object === "function" || types.isArgumentsObject(object) || types.isTypedArray(object) || types.isStringObject(object) || types.isModuleNamespaceObject(object)) {
    return undefined;
  }
  const descriptors = Object.getOwnPropertyDescriptors(object);
  const keys: PropertyKey[] = [];
  const values: unknown[] = [];
  for (const key of Reflect.ownKeys(descriptors)) {
    if (typeof key === "string" && (key === "__proto__" || isArrayIndex(key))) return undefined;
    if (isHostSymbol(key)) continue;
    const descriptor = (descriptors as Record<PropertyKey, PropertyDescriptor>)[key]!;
    if (descriptor.get !== undefined || descriptor.set !== undefined) return undefined;
    if (descriptor.enumerable === true) {
      keys.push(key);
      values.push(descriptor.value);
    }
  }
  return { keys, values };
}

function equalDirectProperties(a: ObjectLike, b: ObjectLike, ownA: DirectProperties, ownB: DirectProperties, walk: Walk): boolean {
  const { strict } = walk;
  const pairs: unknown[] = [];
  for (let i = 0; i < ownA.keys.length; i++) {
    const key = ownA.keys[i]!;
    const left = ownA.values[i];
    let right: Slot = EMPTY;
    if (strict) {
      const at = ownB.keys.indexOf(key);
      if (at !== -1) right = ownB.values[at];
    } else if (Object.hasOwn(b, key)) right = (b as Record<PropertyKey, unknown>)[key];
    if (!strict && left === undefined && right === EMPTY) continue;
    if (right === EMPTY) return false;
    pairs.push(left, right);
  }
  let remain = ownA.keys.length;
  for (let i = 0; i < ownB.keys.length; i++) {
    if (!strict && ownB.values[i] === undefined) continue;
    if (!Object.hasOwn(a, ownB.keys[i]!)) return false;
    if (remain === 0) return false;
    remain--;
  }
  for (let i = 0; i < pairs.length; i += 2) {
    if (!equalValues(pairs[i], pairs[i + 1], walk, true)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Everything else: for-in style names (own and inherited enumerable keys,
// symbols included), read through getters.

/** JSC's getPropertyNames: each object's enumerable own keys (indices, strings, symbols), then its prototype's. */
export function enumerableNames(object: object): PropertyKey[] {
  const seen = new Set<PropertyKey>();
  const names: PropertyKey[] = [];
  for (let current: object | null = object; current !== null; current = Object.getPrototypeOf(current) as object | null) {
    for (const key of Reflect.ownKeys(current)) {
      if (seen.has(key) || isHostSymbol(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (descriptor?.enumerable !== true) continue;
      seen.add(key);
      names.push(key);
    }
  }
  return names;
}

function equalEnumerableNames(a: ObjectLike, b: ObjectLike, walk: Walk, skipped: string | undefined): boolean {
  const { strict } = walk;
  const namesA = enumerableNames(a);
  const namesB = enumerableNames(b);
  if (strict && namesA.length !== namesB.length) return false;
  const recordA = a as Record<PropertyKey, unknown>;
  const recordB = b as Record<PropertyKey, unknown>;
  let i = 0;
  for (; i < namesA.length; i++) {
    const key = namesA[i]!;
    if (key === skipped) continue;
    const left = recordA[key];
    const right = key in b ? recordB[key] : EMPTY;
    if (!strict && left === undefined && right === EMPTY) continue;
    if (right === EMPTY) return false;
    if (!equalValues(left, right, walk, true)) return false;
  }
  // Names the second object has past the first's count must hold undefined.
  for (; i < namesB.length; i++) {
    const key = namesB[i]!;
    if (key === skipped) continue;
    const right = key in b ? recordB[key] : EMPTY;
    if (right !== undefined) return false;
  }
  return true;
}
