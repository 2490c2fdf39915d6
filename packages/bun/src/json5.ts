// Bun.JSON5: parse with the json5 package (the reference implementation), its
// errors re-worded to Bun's where they mean the same; stringify is Bun's
// layout (unquoted identifier keys, single quotes, trailing commas when indented).
import { json5Library } from "./internal/parsers/libraries.ts";
import { documentText } from "./internal/parsers/input.ts";

type BunJson5 = typeof import("bun").JSON5;

// json5 says where it stopped ("JSON5: invalid character '1' at 1:2"); Bun
// says why. Re-word from what is open at that point and the char found there.
interface Json5Error extends SyntaxError {
  lineNumber?: number;
  columnNumber?: number;
}

/** The offset json5 reports, from its 1-based line and column. */
function offsetOf(text: string, error: Json5Error): number {
  let offset = 0;
  for (let line = 1; line < (error.lineNumber ?? 1); line++) offset = text.indexOf("\n", offset) + 1;
  return offset + (error.columnNumber ?? 1) - 1;
}

/** What is open at the end of `text`: a string, an array, an object, or nothing. */
function openAtEnd(text: string): "string" | "[" | "{" | "" {
  const stack: string[] = [];
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") stack.push(c);
    else if (c === "]" || c === "}") stack.pop();
  }
  if (quote !== "") return "string";
  return (stack.at(-1) as "[" | "{" | undefined) ?? "";
}

/** `text` ends with an object key (quoted or bare) right after `{` or `,`. */
function isKeyEnd(text: string): boolean {
  return /[{,]\s*(?:"[^"]*"|'[^']*'|[\w$]+)$/.test(text);
}

function reason(text: string, error: Json5Error): string {
  const at = offsetOf(text, error);
  const before = text.slice(0, at).trimEnd();
  if (/invalid end of input/.test(error.message)) {
    const open = openAtEnd(text);
    if (open === "string") return "Unterminated string";
    if (/0[xX]$/.test(before)) return "Invalid hex number";
    if (/[0-9.][eE][-+]?$|[-+]$/.test(before)) return "Invalid number";
    // Straight after an opener, a comma or a colon, the input just stopped early.
    if (before === "" || /[[{,:]$/.test(before)) return "Unexpected end of input";
    if (open === "{" && isKeyEnd(before)) return "Expected ':' after object key";
    if (open === "[") return "Unterminated array";
    if (open === "{") return "Unterminated object";
    return "Unexpected token";
  }
  const found = text[at] ?? "";
  if (/[0-9]/.test(found) && /(^|[^0-9.eE])0$/.test(text.slice(0, at))) return "Leading zeros are not allowed in JSON5";
  if (/[eE.]/.test(found) && /[0-9.]$/.test(text.slice(0, at))) return "Invalid number";
  if (found === "," && /[{,]$/.test(before)) return "Invalid identifier start character";
  try {
    json5Library().parse(text.slice(0, at));
    return "Unexpected token after JSON5 value";
  } catch {
    // Not after a complete value.
  }
  if (openAtEnd(before) === "{" && isKeyEnd(before)) return "Expected ':' after object key";
  return "Unexpected token";
}

function parseError(text: string, error: unknown): unknown {
  if (!(error instanceof SyntaxError)) return error;
  return new SyntaxError(`JSON5 Parse error: ${reason(text, error)}`);
}

function parse(input: unknown): unknown {
  const text = documentText(input, "reject");
  try {
    return json5Library().parse(text);
  } catch (error) {
    throw parseError(text, error);
  }
}

// --- stringify ----------------------------------------------------------------

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

function quote(s: string): string {
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x27:
        out += "\\'";
        break;
      case 0x5c:
        out += "\\\\";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x09:
        out += "\\t";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x0c:
        out += "\\f";
        break;
      case 0x0b:
        out += "\\v";
        break;
      case 0x00:
        // Bun writes \\0 even before a digit.
        out += "\\0";
        break;
      case 0x2028:
      case 0x2029:
        out += `\\u${c.toString(16)}`;
        break;
      default:
        out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, "0")}` : s[i];
    }
  }
  return `${out}'`;
}

function indentOf(space: unknown): string {
  if (typeof space === "number") return " ".repeat(Math.max(0, Math.min(10, Math.trunc(space))));
  if (typeof space === "string") return space.slice(0, 10);
  return "";
}

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

class Writer {
  private readonly stack: object[] = [];
  private readonly indent: string;

  constructor(indent: string) {
    this.indent = indent;
  }

  value(value: unknown, depth: number): string | undefined {
    if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
    if (value === null) return "null";
    switch (typeof value) {
      case "string":
        return quote(value);
      case "number":
        return Object.is(value, -0) ? "0" : String(value);
      case "boolean":
        return String(value);
      case "bigint":
        throw new Error("JSON5.stringify cannot serialize BigInt");
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
    }
    const object = value as object;
    if (this.stack.includes(object)) throw new Error("Converting circular structure to JSON5");
    this.stack.push(object);
    try {
      const items: string[] = [];
      const array = Array.isArray(object);
      if (array) {
        for (const item of object as unknown[]) items.push(this.value(item, depth + 1) ?? "null");
      } else {
        for (const [key, item] of Object.entries(object)) {
          if (skipped(item)) continue;
          const name = IDENTIFIER.test(key) ? key : quote(key);
          items.push(`${name}:${this.indent === "" ? "" : " "}${this.value(item, depth + 1) as string}`);
        }
      }
      const [open, close] = array ? ["[", "]"] : ["{", "}"];
      if (items.length === 0) return open + close;
      if (this.indent === "") return `${open}${items.join(",")}${close}`;
      const inner = this.indent.repeat(depth + 1);
      return `${open}\n${items.map((item) => `${inner}${item},\n`).join("")}${this.indent.repeat(depth)}${close}`;
    } finally {
      this.stack.pop();
    }
  }
}

function stringify(input: unknown, replacer?: unknown, space?: unknown): string | undefined {
  if (replacer !== undefined && replacer !== null) throw new Error("JSON5.stringify does not support the replacer argument");
  return new Writer(indentOf(space)).value(input, 0);
}

export const JSON5: BunJson5 = { parse, stringify };
