// Bun's printers for arrays (holes, the 100-item cut, extra properties), Map,
// Set, their iterators, and typed arrays / ArrayBuffer / DataView.
import { inspect as nodeInspect, types } from "node:util";
import type { Formatter, PropertyListing } from "./formatter.ts";
import { forEachNonIndexProperty } from "./properties.ts";
import { quoteLatin1 } from "./quote.ts";
import { isPrimitiveTag } from "./tag.ts";
import type { Cell, TagResult } from "./tag.ts";

const MAX_ARRAY_ITEMS = 100;
const MAX_TYPED_ITEMS = 512;
const UNDEFINED_TAG: TagResult = { tag: "Undefined", cell: "plain" };

/** Beyond the depth limit a non-empty container prints as `[Array ...]`, `[Map ...]`… */
function printTooDeep(f: Formatter, name: string): void {
  f.addForNewLine(name.length + 6);
  f.write(`${f.style.r}${f.style.cyan}[${name} ...]${f.style.r}`);
}

/**
 * The indices of an array that hold an element, in order. Arrays with long
 * runs of holes switch to the list of own keys, so `a[1e9] = 1` stays cheap.
 */
class PresentIndices {
  private readonly array: ArrayLike<unknown>;
  private keys: number[] | undefined;
  private position = 0;
  constructor(array: ArrayLike<unknown>) {
    this.array = array;
  }

  /** The first index >= `from` holding an element, or `length` if none. */
  next(from: number, length: number): number {
    if (this.keys === undefined) {
      const stop = Math.min(length, from + 1024);
      for (let index = from; index < stop; index++) if (Object.prototype.hasOwnProperty.call(this.array, index)) return index;
      if (stop >= length) return length;
      this.keys = ownIndices(this.array);
    }
    while (this.position < this.keys.length && (this.keys[this.position] as number) < from) this.position++;
    const found = this.keys[this.position];
    return found === undefined || found >= length ? length : found;
  }
}

function ownIndices(array: ArrayLike<unknown>): number[] {
  const indices: number[] = [];
  for (const key of Object.keys(array)) {
    const index = Number(key);
    if (Number.isInteger(index) && index >= 0 && String(index) === key) indices.push(index);
  }
  return indices.sort((a, b) => a - b);
}

/** An element (its getter runs, as in Bun); only own elements count, the rest are holes. */
function elementAt(array: ArrayLike<unknown>, index: number): unknown {
  return array[index];
}

interface ArrayPrint {
  wasGoodTime: boolean;
}

function breakOrSpace(f: Formatter, state: ArrayPrint): void {
  if (!f.singleLine && (f.orderedProperties || f.goodTimeForANewLine())) {
    state.wasGoodTime = true;
    f.write("\n");
    f.writeIndent();
  } else f.space();
}

function printEmptyItems(f: Formatter, state: ArrayPrint, start: number, count: number): void {
  const s = f.style;
  if (start > 0) {
    f.printComma();
    breakOrSpace(f, state);
  }
  if (count === 1) return f.pretty(`${s.r}${s.d}empty item${s.r}`, 10);
  f.estimatedLineLength += String(count).length;
  f.pretty(`${s.r}${s.d}${count} x empty items${s.r}`, 14);
}

function openArray(f: Formatter, state: ArrayPrint, first: TagResult): void {
  state.wasGoodTime = state.wasGoodTime || !isPrimitiveTag(first.tag) || f.goodTimeForANewLine();
  if (!f.singleLine && (f.orderedProperties || state.wasGoodTime)) {
    f.resetLine();
    f.write("[\n");
    f.writeIndent();
    f.addForNewLine(1);
  } else {
    f.write("[ ");
    f.addForNewLine(2);
  }
}

function printElements(f: Formatter, array: ArrayLike<unknown>, length: number, state: ArrayPrint): number {
  const present = new PresentIndices(array);
  const hasFirst = present.next(0, length) === 0;
  const first = hasFirst ? elementAt(array, 0) : undefined;
  const firstTag = hasFirst ? f.tagOf(first) : UNDEFINED_TAG;
  openArray(f, state, firstTag);
  let emptyStart: number | null = null;
  if (hasFirst) {
    f.format(firstTag, first);
    f.endStringLike(firstTag);
  } else emptyStart = 0;
  let printed = 1;
  let index = 1;
  while (index < length) {
    const next = present.next(index, length);
    if (next > index) emptyStart ??= index;
    index = next;
    if (index >= length) break;
    if (printed >= MAX_ARRAY_ITEMS) {
      const s = f.style;
      f.printComma();
      f.write("\n");
      f.estimatedLineLength = 0;
      f.writeIndent();
      f.pretty(`${s.r}${s.d}... ${length - index} more items${s.r}`, 15);
      break;
    }
    printed += 1;
    if (emptyStart !== null) {
      printEmptyItems(f, state, emptyStart, index - emptyStart);
      emptyStart = null;
    }
    f.printComma();
    breakOrSpace(f, state);
    const element = elementAt(array, index);
    f.endStringLike(f.formatNested(element));
    index += 1;
  }
  if (emptyStart !== null) printEmptyItems(f, state, emptyStart, length - emptyStart);
  return index;
}

function lengthOf(array: ArrayLike<unknown>): number {
  const length = Number(array.length);
  return Number.isFinite(length) && length > 0 ? Math.floor(length) : 0;
}

export function printArray(f: Formatter, array: ArrayLike<unknown>, cell: Cell): void {
  const length = lengthOf(array);
  if (length === 0) {
    f.write("[]");
    f.addForNewLine(2);
    return;
  }
  if (f.depth > f.maxDepth) return printTooDeep(f, "Array");
  const state: ArrayPrint = { wasGoodTime: f.alwaysNewlineScope || length > 10 };
  const previousQuote = f.quoteStrings;
  f.indent += 1;
  f.depth += 1;
  f.addForNewLine(2);
  f.quoteStrings = true;
  try {
    const stoppedAt = printElements(f, array, length, state);
    if (cell !== "arguments") printExtraProperties(f, array, stoppedAt);
  } finally {
    f.quoteStrings = previousQuote;
    f.depth = Math.max(0, f.depth - 1);
    f.indent = Math.max(0, f.indent - 1);
  }
  if (!f.singleLine && (f.orderedProperties || state.wasGoodTime || f.goodTimeForANewLine())) {
    f.resetLine();
    f.write("\n");
    f.writeIndent();
    f.write("]");
    f.resetLine();
    f.addForNewLine(1);
  } else {
    f.write(" ]");
    f.addForNewLine(2);
  }
}

const EXTRA_KEYS_PROBE = { showHidden: true, maxArrayLength: 0, maxStringLength: 0, depth: 0, customInspect: false, compact: true, breakLength: Infinity };

/**
 * Whether a long array certainly has no own keys besides its indices and
 * `length`. Listing an array's own keys costs one string per element; Node's
 * inspector finds the others natively, so its summary line answers cheaply.
 */
function hasOnlyIndexKeys(array: ArrayLike<unknown>): boolean {
  if (!Array.isArray(array) || types.isProxy(array) || array.length < 1024) return false;
  return nodeInspect(array, EXTRA_KEYS_PROBE).endsWith(`[length]: ${array.length} ]`);
}

function printExtraProperties(f: Formatter, array: ArrayLike<unknown>, stoppedAt: number): void {
  if (hasOnlyIndexKeys(array)) return;
  const listing: PropertyListing = {
    parent: array as object,
    count: stoppedAt,
    alwaysNewline: !f.singleLine && (f.alwaysNewlineScope || f.goodTimeForANewLine()),
  };
  forEachNonIndexProperty(array as object, (key, value) => f.printProperty(listing, key, value));
}

function sizeOf(collection: object): number {
  try {
    const size = Number((collection as { size?: unknown }).size);
    return Number.isFinite(size) ? Math.trunc(size) | 0 : 0;
  } catch {
    return 0;
  }
}

export function printMap(f: Formatter, map: Map<unknown, unknown>, cell: Cell): void {
  const name = cell === "weak" ? "WeakMap" : "Map";
  const size = sizeOf(map);
  const previousQuote = f.quoteStrings;
  f.quoteStrings = true;
  try {
    if (size === 0) return f.write(`${name} {}`);
    if (f.depth > f.maxDepth) return printTooDeep(f, name);
    f.write(`${name}(${size}) {${f.singleLine ? " " : "\n"}`);
    f.indent += 1;
    f.depth += 1;
    let count = 0;
    try {
      for (const entry of map as Iterable<unknown>) {
        if (f.singleLine && count > 0) {
          f.printComma();
          f.write(" ");
        }
        if (!f.singleLine) f.writeIndent();
        const pair = entry as ArrayLike<unknown>;
        f.formatNested(pair[0]);
        f.write(": ");
        f.formatNested(pair[1]);
        count += 1;
        if (!f.singleLine) {
          f.printComma();
          f.write("\n");
        }
      }
      if (f.singleLine && count > 0) f.write(" ");
    } finally {
      f.indent = Math.max(0, f.indent - 1);
      f.depth = Math.max(0, f.depth - 1);
    }
    if (!f.singleLine) f.writeIndent();
    f.write("}");
  } finally {
    f.quoteStrings = previousQuote;
  }
}

export function printSet(f: Formatter, set: Set<unknown>, cell: Cell): void {
  const name = cell === "weak" ? "WeakSet" : "Set";
  const size = sizeOf(set);
  const previousQuote = f.quoteStrings;
  f.quoteStrings = true;
  try {
    if (size === 0) return f.write(`${name} {}`);
    if (f.depth > f.maxDepth) return printTooDeep(f, name);
    f.write(`${name}(${size}) {${f.singleLine ? " " : "\n"}`);
    f.indent += 1;
    f.depth += 1;
    let first = true;
    try {
      for (const item of set as Iterable<unknown>) {
        if (f.singleLine) {
          if (!first) {
            f.printComma();
            f.write(" ");
          }
          first = false;
        } else f.writeIndent();
        f.formatNested(item);
        if (!f.singleLine) {
          f.printComma();
          f.write("\n");
        }
      }
      if (f.singleLine && !first) f.write(" ");
    } finally {
      f.indent = Math.max(0, f.indent - 1);
      f.depth = Math.max(0, f.depth - 1);
    }
    if (!f.singleLine) f.writeIndent();
    f.write("}");
  } finally {
    f.quoteStrings = previousQuote;
  }
}

/** Map and Set iterators print their remaining entries, consuming them as Bun does. */
function printIterator(f: Formatter, iterator: Iterable<unknown>, label: string): number {
  f.write(`${label} { `);
  let count = 0;
  for (const item of iterator) {
    if (f.singleLine && count > 0) {
      f.printComma();
      f.write(" ");
    }
    if (!f.singleLine) {
      f.write("\n");
      f.writeIndent();
    }
    f.formatNested(item);
    count += 1;
    if (!f.singleLine) f.printComma();
  }
  return count;
}

function withIterator(f: Formatter, label: string, iterator: Iterable<unknown>, close: (count: number) => void): void {
  if (f.depth > f.maxDepth) return printTooDeep(f, label);
  const previousQuote = f.quoteStrings;
  f.quoteStrings = true;
  f.indent += 1;
  f.depth += 1;
  try {
    close(printIterator(f, iterator, label));
  } finally {
    f.indent = Math.max(0, f.indent - 1);
    f.depth = Math.max(0, f.depth - 1);
    f.quoteStrings = previousQuote;
  }
  if (!f.singleLine) f.writeIndent();
  f.write("}");
}

export function printMapIterator(f: Formatter, iterator: Iterable<unknown>): void {
  withIterator(f, "MapIterator", iterator, (count) => {
    if (count > 0) f.write(f.singleLine ? " " : "\n");
  });
}

export function printSetIterator(f: Formatter, iterator: Iterable<unknown>): void {
  withIterator(f, "SetIterator", iterator, (count) => {
    if (count > 0 && !f.singleLine) f.write("\n");
  });
}

const typedArrayName = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!.get! as (this: unknown) => string | undefined;

interface BinaryView {
  name: string;
  /** The count in the header: elements of a typed array, bytes of a buffer or DataView. */
  length: number;
  bytes: Uint8Array;
  elements: ArrayLike<number | bigint>;
}

function binaryView(value: ArrayBufferView | ArrayBufferLike): BinaryView {
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    const name = typedArrayName.call(value);
    if (name === undefined) return { name: "DataView", length: value.byteLength, bytes, elements: bytes };
    const elements = value as unknown as ArrayLike<number | bigint>;
    return { name: Buffer.isBuffer(value) ? "Buffer" : name, length: elements.length, bytes, elements };
  }
  const bytes = new Uint8Array(value);
  const shared = typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer;
  return { name: shared ? "SharedArrayBuffer" : "ArrayBuffer", length: value.byteLength, bytes, elements: bytes };
}

function isValidUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function printTypedArray(f: Formatter, value: ArrayBufferView | ArrayBufferLike): void {
  const view = binaryView(value);
  const s = f.style;
  if (f.formatBufferAsText && (view.name === "Uint8Array" || view.name === "Buffer")) {
    const text = isValidUtf8(view.bytes);
    if (text !== undefined) return f.write(`${s.r}${s.green}${quoteLatin1(text)}${s.r}`);
  }
  f.write(view.name);
  if (view.bytes.length === 0) return f.write(`(${view.length}) []`);
  f.write(`(${view.length}) [ `);
  writeElements(f, view.elements);
  f.write(" ]");
}

function writeElements(f: Formatter, elements: ArrayLike<number | bigint>): void {
  const s = f.style;
  const count = elements.length;
  const bigints = typeof elements[0] === "bigint";
  const suffix = bigints ? "n" : "";
  f.write(`${s.r}${s.yellow}${String(elements[0])}${suffix}${s.r}`);
  const last = Math.min(count, MAX_TYPED_ITEMS + 1);
  for (let index = 1; index < last; index++) {
    f.printComma();
    f.space();
    f.write(`${s.r}${s.yellow}${String(elements[index])}${suffix}${s.r}`);
  }
  if (count > MAX_TYPED_ITEMS + 1) f.write(`${s.r}${s.d}${suffix}, ... ${count - MAX_TYPED_ITEMS - 1} more${s.r}`);
}
