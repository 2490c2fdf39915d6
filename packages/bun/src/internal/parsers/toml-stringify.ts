// Bun's TOML writer: a table's plain values first, then its sub-tables as
// `[a.b]` sections and arrays of tables as `[[a]]` sections, each section
// after a blank line; everything else inline.
import { getTemporal } from "./temporal.ts";

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function fail(message: string): Error {
  return new Error(message);
}

function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0c) out += "\\f";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += s[i];
  }
  return `${out}"`;
}

function formatKey(key: string): string {
  return BARE_KEY.test(key) ? key : quoteString(key);
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  if (Object.is(n, -0)) return "-0.0";
  const text = String(n);
  // Integers past 2^53 are floats to TOML readers: mark them as such.
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && !/[.e]/.test(text)) return `${text}.0`;
  return text;
}

function isTemporal(value: object): boolean {
  const temporal = getTemporal();
  return (
    value instanceof temporal.Instant ||
    value instanceof temporal.PlainDateTime ||
    value instanceof temporal.PlainDate ||
    value instanceof temporal.PlainTime ||
    value instanceof temporal.ZonedDateTime
  );
}

function formatDate(value: Date): string {
  if (Number.isNaN(value.getTime())) throw fail("TOML.stringify cannot serialize an invalid Date");
  return value.toISOString().replace(".000Z", "Z");
}

function formatTemporal(value: object): string {
  const temporal = getTemporal();
  if (value instanceof temporal.ZonedDateTime) return value.toString({ timeZoneName: "never", calendarName: "never" });
  return String(value);
}

/** A value that is written as its own section rather than inline. */
function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !isTemporal(value);
}

function isArrayOfTables(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isTable);
}

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

class Writer {
  private readonly stack: object[] = [];

  enter(value: object): void {
    if (this.stack.includes(value)) throw fail("Converting circular structure to TOML");
    this.stack.push(value);
  }

  leave(): void {
    this.stack.pop();
  }

  inline(value: unknown, key: string): string {
    if (value === null) throw fail(`TOML cannot represent null (key '${key}'); remove the key or use a sentinel value`);
    switch (typeof value) {
      case "string":
        return quoteString(value);
      case "number":
        return formatNumber(value);
      case "boolean":
        return String(value);
      case "bigint":
        throw fail("TOML.stringify cannot serialize BigInt");
    }
    if (value instanceof Date) return formatDate(value);
    const object = value as object;
    if (isTemporal(object)) return formatTemporal(object);
    this.enter(object);
    try {
      if (Array.isArray(object)) {
        const items = object.map((item: unknown) => {
          if (skipped(item)) throw fail(`TOML cannot represent ${item === undefined ? "undefined" : typeof item} in an array`);
          return this.inline(item, key);
        });
        return `[${items.join(", ")}]`;
      }
      const pairs: string[] = [];
      for (const [k, v] of Object.entries(object)) {
        if (!skipped(v)) pairs.push(`${formatKey(k)} = ${this.inline(v, k)}`);
      }
      return pairs.length === 0 ? "{}" : `{ ${pairs.join(", ")} }`;
    } finally {
      this.leave();
    }
  }

  /** The sections of `table` at `path` (its own header first when it has one). */
  sections(table: Record<string, unknown>, path: string, header: "table" | "array" | "none", out: string[]): void {
    this.enter(table);
    const lines: string[] = [];
    const nested: [string, unknown][] = [];
    for (const [key, value] of Object.entries(table)) {
      if (skipped(value)) continue;
      if (isTable(value) || isArrayOfTables(value)) nested.push([key, value]);
      else lines.push(`${formatKey(key)} = ${this.inline(value, key)}`);
    }
    // A plain table with nothing but sub-tables needs no header of its own.
    if (header === "array") out.push([`[[${path}]]`, ...lines].join("\n"));
    else if (header === "table" && (lines.length > 0 || nested.length === 0)) out.push([`[${path}]`, ...lines].join("\n"));
    else if (lines.length > 0) out.push(lines.join("\n"));
    for (const [key, value] of nested) {
      const childPath = path === "" ? formatKey(key) : `${path}.${formatKey(key)}`;
      if (Array.isArray(value)) for (const item of value as Record<string, unknown>[]) this.sections(item, childPath, "array", out);
      else this.sections(value as Record<string, unknown>, childPath, "table", out);
    }
    this.leave();
  }
}

export function stringifyToml(value: unknown): string | undefined {
  if (skipped(value)) return undefined;
  if (!isTable(value)) throw fail("TOML.stringify expects an object at the top level (a TOML document is a table)");
  const out: string[] = [];
  new Writer().sections(value, "", "none", out);
  return out.length === 0 ? "" : `${out.join("\n\n")}\n`;
}
