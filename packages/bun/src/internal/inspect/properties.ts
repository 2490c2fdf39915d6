// Which properties Bun lists for an object, in which order. Bun's walker
// (`forEachProperty` in its JavaScriptCore bindings) lists non-enumerable own
// properties too and climbs up to five prototypes (stopping at
// `Object.prototype`/`Function.prototype`), so class methods and inherited
// fields appear. It has a fast path for plain objects (insertion order, data
// properties only) and a slow one (integer keys first, accessors as `[Getter]`),
// each with its own skip rules; both are reproduced here from what V8 can see.
import { types } from "node:util";

/** An accessor property: Bun prints it as `[Getter]`, `[Setter]` or `[Getter/Setter]` without calling it. */
export class Accessor {
  readonly hasGetter: boolean;
  readonly hasSetter: boolean;
  constructor(hasGetter: boolean, hasSetter: boolean) {
    this.hasGetter = hasGetter;
    this.hasSetter = hasSetter;
  }
}

export type PropertyVisitor = (key: string | symbol, value: unknown) => void;

const MAX_PROTOTYPES = 5;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;
const DIGITS = /^(?:0|[1-9]\d*)$/;

function isArrayIndex(key: string | symbol): boolean {
  return typeof key === "string" && DIGITS.test(key) && Number(key) <= MAX_ARRAY_INDEX;
}

function isEndOfChain(object: object | null): boolean {
  return object === null || object === Object.prototype || object === Function.prototype;
}

function prototypeOf(object: object): object | null {
  try {
    return Reflect.getPrototypeOf(object);
  } catch {
    return null;
  }
}

type OwnProperty = [key: string | symbol, descriptor: PropertyDescriptor];

/**
 * `object`'s own properties when JavaScriptCore would take its structure-based
 * fast path for it (plain data properties, no index keys), else null.
 */
function fastProperties(object: object): OwnProperty[] | null {
  if (typeof object === "function" || types.isProxy(object) || Array.isArray(object)) return null;
  if (ArrayBuffer.isView(object) || types.isStringObject(object) || types.isArgumentsObject(object)) return null;
  const keys = Reflect.ownKeys(object);
  const properties: OwnProperty[] = new Array(keys.length);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string | symbol;
    if (key === "__proto__" || isArrayIndex(key)) return null;
    const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
    if (descriptor === undefined || !("value" in descriptor)) return null;
    properties[index] = [key, descriptor];
  }
  return properties;
}

function findDescriptor(object: object, key: string | symbol): PropertyDescriptor | undefined {
  for (let current: object | null = object; current !== null; current = prototypeOf(current)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

function valueOf(descriptor: PropertyDescriptor): unknown {
  return "value" in descriptor ? descriptor.value : new Accessor(descriptor.get !== undefined, descriptor.set !== undefined);
}

function isHiddenWhenNonEnumerable(key: string | symbol): boolean {
  return key === "__proto__" || key === Symbol.toStringTag || key === "__esModule";
}

function keyText(key: string | symbol): string {
  return typeof key === "symbol" ? (key.description ?? "") : key;
}

interface Walk {
  object: object;
  visit: PropertyVisitor;
  seen: Set<string | symbol>;
  level: object;
  count: number;
  /** The current level's properties while on the fast path, null once on the slow one. */
  fast: OwnProperty[] | null;
}

/** One fast-path level; true when it listed anything (then the walk climbs, else it falls back). */
function fastLevel(walk: Walk, properties: OwnProperty[]): boolean {
  const { object, level } = walk;
  let hits = false;
  for (const [key, descriptor] of properties) {
    if (key === "constructor" || key === "__proto__" || key === Symbol.toStringTag) continue;
    if (level !== object && key === "__esModule") continue;
    if (walk.seen.has(key)) continue;
    walk.seen.add(key);
    hits = true;
    walk.visit(key, descriptor.value);
  }
  return hits;
}

function slowLevel(walk: Walk, ownKeys: (string | symbol)[], nonIndexedOnly: boolean): void {
  for (const key of ownKeys) {
    if (key === "constructor" || (nonIndexedOnly && key === "length")) continue;
    const descriptor = findDescriptor(walk.object, key);
    if (descriptor === undefined) continue;
    if (descriptor.enumerable !== true && isHiddenWhenNonEnumerable(key)) continue;
    if (walk.seen.has(key)) continue;
    walk.seen.add(key);
    walk.visit(key, valueOf(descriptor));
  }
}

function slowWalk(walk: Walk, nonIndexedOnly: boolean): void {
  let level: object | null = walk.level;
  while (!isEndOfChain(level) && walk.count++ < MAX_PROTOTYPES) {
    const current = level as object;
    const keys = Reflect.ownKeys(current);
    slowLevel(walk, nonIndexedOnly ? keys.filter((key) => !isArrayIndex(key)) : keys, nonIndexedOnly);
    if (nonIndexedOnly || typeof current === "function") return;
    level = prototypeOf(current);
  }
}

/** Visit the properties Bun prints for `object` (own, then inherited), as Bun's walker orders them. */
export function forEachProperty(object: object, visit: PropertyVisitor): void {
  const walk: Walk = { object, visit, seen: new Set(), level: object, count: 0, fast: fastProperties(object) };
  if (walk.fast !== null && walk.fast.length === 0) {
    // An object with no own properties starts at its prototype.
    walk.fast = null;
    const proto = prototypeOf(object);
    if (proto !== null) {
      walk.level = proto;
      walk.fast = fastProperties(proto);
      walk.count = 1;
    }
  }
  while (walk.fast !== null) {
    if (!fastLevel(walk, walk.fast)) break;
    if (walk.count++ >= MAX_PROTOTYPES) return;
    const proto = prototypeOf(walk.level);
    if (isEndOfChain(proto)) return;
    walk.level = proto as object;
    walk.fast = fastProperties(walk.level);
  }
  slowWalk(walk, false);
}

/** An array's (or arguments object's) extra properties: own, non-index, `length` excluded. */
export function forEachNonIndexProperty(object: object, visit: PropertyVisitor): void {
  slowWalk({ object, visit, seen: new Set(), level: object, count: 0, fast: null }, true);
}

function codePointCompare(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const difference = (left[index] as string).codePointAt(0)! - (right[index] as string).codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** `sorted: true`: own properties only (non-enumerable included), by code point. */
export function forEachPropertySorted(object: object, visit: PropertyVisitor): void {
  const keys = Reflect.ownKeys(object).sort((a, b) => codePointCompare(keyText(a), keyText(b)));
  for (const key of keys) {
    if (key === "constructor") continue;
    const descriptor = findDescriptor(object, key);
    if (descriptor === undefined) continue;
    if (descriptor.enumerable !== true && (key === "__proto__" || key === Symbol.toStringTag)) continue;
    visit(key, valueOf(descriptor));
  }
}
