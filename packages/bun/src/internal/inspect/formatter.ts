// A port of Bun's value formatter (`ConsoleObject.Formatter`): the state it
// carries while printing one value and the per-tag printers for primitives,
// functions and plain objects. Bun decides where to break lines from a running
// estimate of the current line's length (`estimated_line_length`) that every
// printer feeds in its own particular way; the bookkeeping is reproduced call
// for call, because a different estimate means different line breaks.
import { inspect as nodeInspect } from "node:util";
import { printArray, printMap, printMapIterator, printSet, printSetIterator, printTypedArray } from "./collections.ts";
import { printError } from "./errors.ts";
import { printJSX } from "./jsx.ts";
import { className, functionName, objectClassName, objectPrefix, stringTag } from "./names.ts";
import { forEachProperty, forEachPropertySorted } from "./properties.ts";
import type { Accessor } from "./properties.ts";
import { isLatin1, isPlainKey, quoteLatin1 } from "./quote.ts";
import { styleFor } from "./style.ts";
import type { Style } from "./style.ts";
import { getTag, isClass } from "./tag.ts";
import type { Cell, Tag, TagResult } from "./tag.ts";
import { printWeb } from "./web.ts";
import type { AnyFunction } from "./types.ts";

export interface FormatterOptions {
  colors: boolean;
  maxDepth: number;
  singleLine: boolean;
  orderedProperties: boolean;
  quoteStrings: boolean;
}

/** One object's property listing in progress (Bun's `PropertyIterator`). */
export interface PropertyListing {
  parent: object;
  /** Properties printed so far (arrays start it past their elements). */
  count: number;
  alwaysNewline: boolean;
}

const CIRCULAR_TAGS: ReadonlySet<Tag> = new Set(["Function", "Array", "Object", "Map", "Set", "Error", "Class"]);

export class Formatter {
  private text = "";
  readonly colors: boolean;
  readonly style: Style;
  indent = 0;
  depth = 0;
  maxDepth: number;
  quoteStrings: boolean;
  quoteKeys = false;
  singleLine: boolean;
  orderedProperties: boolean;
  estimatedLineLength = 0;
  alwaysNewlineScope = false;
  disableInspectCustom = false;
  formatBufferAsText = false;
  /** Set while an error is being printed: errors found inside it are then printed inline, not appended. */
  printingError = false;
  readonly visited: Set<object> = new Set<object>();

  constructor(options: FormatterOptions) {
    this.colors = options.colors;
    this.style = styleFor(options.colors);
    this.maxDepth = options.maxDepth;
    this.singleLine = options.singleLine;
    this.orderedProperties = options.orderedProperties;
    this.quoteStrings = options.quoteStrings;
  }

  output(): string {
    // Bun writes UTF-8, so a lone surrogate that reaches the output unescaped becomes U+FFFD.
    return this.text.isWellFormed() ? this.text : this.text.toWellFormed();
  }

  write(text: string): void {
    this.text += text;
  }

  addForNewLine(length: number): void {
    this.estimatedLineLength += length;
  }

  resetLine(): void {
    this.estimatedLineLength = this.indent * 2;
  }

  goodTimeForANewLine(): boolean {
    if (this.estimatedLineLength > 80) {
      this.resetLine();
      return true;
    }
    return false;
  }

  writeIndent(): void {
    if (this.indent > 0) this.write("  ".repeat(this.indent));
  }

  printComma(): void {
    const s = this.style;
    this.write(`${s.r}${s.d},${s.r}`);
    this.estimatedLineLength += 1;
  }

  space(): void {
    this.estimatedLineLength += 1;
    this.write(" ");
  }

  /** Bun's `writer.pretty`: counts the format's literal text, not the values put into it. */
  pretty(text: string, literalLength: number): void {
    this.estimatedLineLength += literalLength;
    this.write(text);
  }

  /** The tag of a nested value (a property, element or entry). */
  tagOf(value: unknown): TagResult {
    return getTag(value, { hideGlobal: true, disableCustom: this.disableInspectCustom });
  }

  formatNested(value: unknown): TagResult {
    const result = this.tagOf(value);
    this.format(result, value);
    return result;
  }

  /** Reset the colour after a string element, as Bun does after each string-like element. */
  endStringLike(result: TagResult): void {
    if (this.colors && isStringLike(result.cell)) this.write(this.style.r);
  }

  format(result: TagResult, value: unknown): void {
    if (!CIRCULAR_TAGS.has(result.tag)) {
      this.printAs(result, value);
      return;
    }
    const object = value as object;
    if (this.visited.has(object)) {
      this.write(`${this.style.r}${this.style.cyan}[Circular]${this.style.r}`);
      return;
    }
    this.visited.add(object);
    try {
      this.printAs(result, value);
    } finally {
      this.visited.delete(object);
    }
  }

  private printAs(result: TagResult, value: unknown): void {
    switch (result.tag) {
      case "String":
        return this.printString(value as string | object, result.cell);
      case "Double":
        return this.printNumber(value as number | object);
      case "Boolean":
        return this.printBoolean(value as boolean | object);
      case "Undefined":
        this.addForNewLine(9);
        return this.write(`${this.style.r}${this.style.d}undefined${this.style.r}`);
      case "Null":
        this.addForNewLine(4);
        return this.write(`${this.style.r}${this.style.yellow}null${this.style.r}`);
      case "BigInt":
        return this.printBigInt(value as bigint);
      case "Symbol":
        return this.printSymbol(value as symbol);
      case "CustomFormattedObject":
        return this.printCustom(value as object, result.custom as AnyFunction);
      case "Function":
        return this.printFunction(value as AnyFunction);
      case "Class":
        return this.printClass(value as AnyFunction);
      case "GetterSetter":
        return this.printAccessor(value as Accessor);
      case "Object":
        return this.printObject(value as object);
      case "Array":
        return printArray(this, value as ArrayLike<unknown>, result.cell);
      case "Map":
        return printMap(this, value as Map<unknown, unknown>, result.cell);
      case "Set":
        return printSet(this, value as Set<unknown>, result.cell);
      case "MapIterator":
        return printMapIterator(this, value as Iterable<unknown>);
      case "SetIterator":
        return printSetIterator(this, value as Iterable<unknown>);
      case "TypedArray":
        return printTypedArray(this, value as ArrayBufferView | ArrayBufferLike);
      case "Promise":
        return this.printPromise(value as Promise<unknown>);
      case "JSON":
        return this.printJSON(value as object, result.cell);
      case "Error":
        return printError(this, value as Error);
      case "JSX":
        return printJSX(this, value as Record<string, unknown>);
      case "GlobalObject":
        this.addForNewLine(15);
        return this.write(`${this.style.cyan}[Global Object]${this.style.r}`);
      case "RevokedProxy":
        this.addForNewLine(15);
        return this.write(`${this.style.r}${this.style.cyan}<Revoked Proxy>${this.style.r}`);
      case "Web":
        return printWeb(this, value as object, result.web!);
    }
  }

  private printString(value: string | object, cell: Cell): void {
    const s = this.style;
    const text = stringText(value, cell);
    this.addForNewLine(text.length);
    if (this.quoteStrings && cell !== "regexp") {
      if (text === "") return this.write('""');
      return this.write(`${s.r}${s.green}${this.quoted(text)}${s.r}`);
    }
    if (cell === "stringObject") return this.write(`${s.r}${s.green}[String: ${this.quoted(text)}]${s.r}`);
    if (cell === "regexp") return this.write(`${s.r}${s.red}${text}${s.r}`);
    this.write(text);
  }

  /** A quoted string; UTF-16 ones go through Bun's JSON printer, which counts the quoted text again. */
  private quoted(text: string): string {
    if (isLatin1(text)) return quoteLatin1(text);
    const json = JSON.stringify(text);
    this.addForNewLine(json.length);
    return json;
  }

  private printNumber(value: number | object): void {
    const s = this.style;
    if (typeof value === "object") return this.printBoxed(value, "Number", 12, 4 + "Number".length);
    const text = Object.is(value, -0) ? "-0" : String(value);
    this.addForNewLine(text.length);
    this.write(`${s.r}${s.yellow}${text}${s.r}`);
  }

  private printBoolean(value: boolean | object): void {
    if (typeof value === "object") return this.printBoxed(value, "Boolean", 14, 11);
    this.addForNewLine(value ? 4 : 5);
    this.write(`${this.style.r}${this.style.yellow}${String(value)}${this.style.r}`);
  }

  /** `[Number: 3]`, or `[Number (Sub): 3]` for a subclass; the extra lengths are Bun's own counts. */
  private printBoxed(value: object, kind: string, subclassExtra: number, plainExtra: number): void {
    const s = this.style;
    const name = objectClassName(value);
    const text = boxedText(value);
    if (name !== kind) {
      this.addForNewLine(name.length + text.length + subclassExtra);
      return this.write(`${s.r}${s.yellow}[${kind} (${name}): ${text}]${s.r}`);
    }
    this.addForNewLine(text.length + plainExtra);
    this.write(`${s.r}${s.yellow}[${kind}: ${text}]${s.r}`);
  }

  private printBigInt(value: bigint): void {
    const text = value.toString();
    this.addForNewLine(text.length);
    this.write(`${this.style.r}${this.style.yellow}${text}n${this.style.r}`);
  }

  private printSymbol(value: symbol): void {
    const s = this.style;
    const description = value.description ?? "";
    this.addForNewLine(6);
    if (description === "") return this.write(`${s.r}${s.blue}Symbol()${s.r}`);
    this.addForNewLine(description.length + 2);
    this.write(`${s.r}${s.blue}Symbol(${description})${s.r}`);
  }

  /** `inspect.custom(depth, { stylize, depth, colors }, inspect)`: strings print raw, anything else is formatted again. */
  private printCustom(value: object, custom: AnyFunction): void {
    // Bun's own URL inspector prints the URL's fields one level shallower than Node's does,
    // and its Buffer inspector never colours a buffer's extra properties.
    const depth = custom === builtinInspector(URL) ? this.maxDepth - 1 : this.maxDepth;
    const colors = this.colors && custom !== builtinInspector(Buffer);
    const options = { stylize: colors ? stylizeWithColor : stylizeNoColor, depth, colors };
    const returned: unknown = custom.call(value, Math.max(0, this.maxDepth - this.depth), options, nodeInspect);
    if (typeof returned === "string") return this.write(returned);
    // An inspector that hands back the object itself gets it printed as a plain object, as in Bun
    // (and not inspected again: Node's MessagePort inspector does that for a copy it makes).
    this.format(getTag(returned, { hideGlobal: false, disableCustom: returned === value }), returned);
  }

  printFunction(fn: AnyFunction): void {
    const s = this.style;
    const name = functionName(fn);
    const kind = functionKind(fn);
    let label: string;
    if (name === "" || kind === name) label = kind === "" ? "[Function]" : `[${kind}]`;
    else label = kind === "" ? `[Function: ${name}]` : `[${kind}: ${name}]`;
    this.write(`${s.cyan}${label}${s.r}`);
  }

  printClass(fn: AnyFunction): void {
    const s = this.style;
    const name = className(fn);
    this.addForNewLine(name.length);
    const parent = Reflect.getPrototypeOf(fn);
    const parentName = typeof parent === "function" && isClass(parent) ? className(parent) : "";
    this.addForNewLine(parentName.length);
    const shown = name === "" ? "(anonymous)" : name;
    const label = parentName === "" ? `[class ${shown}]` : `[class ${shown} extends ${parentName}]`;
    this.write(`${s.cyan}${label}${s.r}`);
  }

  private printAccessor(value: Accessor): void {
    const s = this.style;
    if (value.hasGetter && value.hasSetter) this.write(`${s.cyan}[Getter/Setter]${s.r}`);
    else if (value.hasGetter) this.write(`${s.cyan}[Getter]${s.r}`);
    else if (value.hasSetter) this.write(`${s.cyan}[Setter]${s.r}`);
  }

  private printPromise(value: Promise<unknown>): void {
    const s = this.style;
    if (!this.singleLine && this.goodTimeForANewLine()) {
      this.write("\n");
      this.writeIndent();
    }
    this.write(`Promise { ${s.r}${s.cyan}${promiseState(value)}${s.r} }`);
  }

  /** Dates (and generator objects, string iterators): printed through `JSON.stringify`. */
  private printJSON(value: object, cell: Cell): void {
    const text = JSON.stringify(value, null, this.indent > 0 ? this.indent : undefined) ?? "undefined";
    this.addForNewLine(text.length);
    if (cell !== "date") return this.write(text);
    let shown = text;
    if (text === "null") shown = "Invalid Date";
    else if (text.length > 2) shown = text.slice(1, -1);
    this.write(`${this.style.r}${this.style.magenta}${shown}${this.style.r}`);
  }

  printObject(value: object): void {
    const previousQuote = this.quoteStrings;
    const previousScope = this.alwaysNewlineScope;
    this.quoteStrings = true;
    try {
      this.printObjectBody(value);
    } finally {
      this.quoteStrings = previousQuote;
      this.alwaysNewlineScope = previousScope;
    }
  }

  private printObjectBody(value: object): void {
    const listing: PropertyListing = {
      parent: value,
      count: 0,
      alwaysNewline: !this.singleLine && (this.alwaysNewlineScope || this.goodTimeForANewLine()),
    };
    if (this.depth > this.maxDepth) return this.printObjectTooDeep(value);
    const visit = (key: string | symbol, property: unknown): void => this.printProperty(listing, key, property);
    if (this.orderedProperties) forEachPropertySorted(value, visit);
    else forEachProperty(value, visit);
    if (listing.count === 0) return this.printEmptyObject(value);
    this.depth -= 1;
    if (listing.alwaysNewline) {
      this.indent = Math.max(0, this.indent - 1);
      this.printComma();
      this.write("\n");
      this.writeIndent();
      this.write("}");
      this.estimatedLineLength += 1;
    } else {
      this.estimatedLineLength += 2;
      this.write(" }");
    }
  }

  private printObjectTooDeep(value: object): void {
    if (this.singleLine) this.write(" ");
    else if (this.alwaysNewlineScope || this.goodTimeForANewLine()) {
      this.write("\n");
      this.writeIndent();
      this.resetLine();
    }
    const name = stringTag(value) || "Object";
    this.write(`${this.style.r}${this.style.cyan}[${name} ...]${this.style.r}`);
  }

  private printEmptyObject(value: object): void {
    if (typeof value === "function") {
      if (isClass(value)) return this.printClass(value);
      return this.printFunction(value);
    }
    const prefix = safePrefix(value);
    if (prefix !== null) this.write(`${prefix} `);
    this.write("{}");
  }

  /** Bun's `PropertyIterator.forEach`: one `key: value` of an object or an array's extra properties. */
  printProperty(listing: PropertyListing, key: string | symbol, value: unknown): void {
    const name = typeof key === "symbol" ? (key.description ?? "") : key;
    if (name === "constructor") return;
    const result = this.tagOf(value);
    if (listing.count === 0) this.openObject(listing);
    else this.printComma();
    if (listing.count > 0) {
      if (!this.singleLine && (listing.alwaysNewline || this.alwaysNewlineScope || this.goodTimeForANewLine())) {
        this.write("\n");
        this.writeIndent();
        this.resetLine();
      } else this.space();
    }
    listing.count += 1;
    this.printKey(key);
    const stringLike = this.colors && isStringLike(result.cell);
    if (stringLike) this.write(`${this.style.r}${this.style.green}`);
    this.format(result, value);
    if (stringLike) this.write(this.style.r);
  }

  /** Bun's `handleFirstProperty`: the class-name prefix and the opening brace. */
  private openObject(listing: PropertyListing): void {
    if (typeof listing.parent !== "function") {
      const prefix = safePrefix(listing.parent);
      if (prefix !== null) this.write(`${prefix} `);
    }
    if (!this.singleLine) listing.alwaysNewline = true;
    this.estimatedLineLength = this.indent * 2 + 1;
    this.indent += 1;
    this.depth += 1;
    if (this.singleLine) this.write("{ ");
    else {
      this.write("{\n");
      this.writeIndent();
    }
  }

  private printKey(key: string | symbol): void {
    const s = this.style;
    if (typeof key === "symbol") {
      const description = key.description ?? "";
      this.addForNewLine(12 + description.length);
      return this.write(`${s.r}${s.d}[${s.r}${s.blue}Symbol(${description})${s.r}${s.d}]:${s.r} `);
    }
    if (!this.quoteKeys && isPlainKey(key)) {
      this.addForNewLine(key.length + 1);
      return this.write(`${s.r}${key}${s.d}:${s.r} `);
    }
    this.addForNewLine(key.length + 2);
    if (isLatin1(key)) return this.write(`${s.r}${s.green}${quoteLatin1(key)}${s.r}${s.d}:${s.r} `);
    this.write(`${s.r}${s.green}"${key}"${s.r}${s.d}:${s.r} `);
  }
}

function isStringLike(cell: Cell): boolean {
  return cell === "string" || cell === "stringObject";
}

function stringText(value: string | object, cell: Cell): string {
  if (typeof value === "string") return value;
  if (cell === "stringObject") return String.prototype.valueOf.call(value);
  try {
    return String(value);
  } catch {
    return "";
  }
}

function boxedText(value: object): string {
  try {
    return String(value);
  } catch {
    return "";
  }
}

function safePrefix(value: object): string | null {
  try {
    return objectPrefix(value);
  } catch {
    return null;
  }
}

/** "AsyncFunction", "GeneratorFunction", …: the prototype's name or `Symbol.toStringTag`; "" for plain functions. */
function functionKind(fn: AnyFunction): string {
  const proto = Reflect.getPrototypeOf(fn);
  if (proto === null) return "";
  const name = typeof proto === "function" ? functionName(proto) : "";
  return name !== "" ? name : stringTag(proto);
}

function promiseState(value: Promise<unknown>): string {
  const shown = nodeInspect(value, { depth: 0, customInspect: false, showProxy: false, maxStringLength: 0, maxArrayLength: 0 });
  const body = shown.slice(shown.indexOf("{") + 1).trimStart();
  if (body.startsWith("<pending>")) return "<pending>";
  if (body.startsWith("<rejected>")) return "<rejected>";
  return "<resolved>";
}

function builtinInspector(ctor: { prototype: unknown } | undefined): unknown {
  return typeof ctor === "function" ? (ctor.prototype as Record<symbol, unknown>)[Symbol.for("nodejs.util.inspect.custom")] : undefined;
}

function stylizeNoColor(text: string): string {
  return text;
}

function stylizeWithColor(text: string, styleType: string): string {
  const style = (nodeInspect.styles as Record<string, string | undefined>)[styleType];
  const codes = style === undefined ? undefined : (nodeInspect.colors as Record<string, [number, number] | undefined>)[style];
  return codes === undefined ? text : `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m`;
}
