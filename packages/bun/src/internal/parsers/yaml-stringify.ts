// Bun's YAML writer. Without `space`: one line of flow style (`{a: 1,b: [x,y]}`).
// With it: block style. Strings are double-quoted when a reader would take
// them for something else (numbers, booleans, nulls, indicators, comments) or
// when they hold characters that need escapes. An object met twice is written
// once with an anchor (named after its key, `item<i>` in a list, `root` at the
// top) and aliased after that, which also covers cycles.

const KEYWORDS = new Set(["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"]);
const NUMBER = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^0[oO][0-7]+$|^0[xX][0-9a-fA-F]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;
const INDICATOR_START = "-?:,[]{}#&*!|>'\"%@`<";
const SPECIAL_INSIDE = /[,[\]{}#"'`]|: |:$/;
/** Made only of number characters, so a reader might try it as one ("7+", "+.", "."). */
const NUMBERISH = /^(?=.*[.0-9])[-+.0-9][-+.0-9eE]*$|^0[xX][-+.0-9a-fA-F]+$/;

function needsQuotes(s: string): boolean {
  if (s === "") return true;
  if (KEYWORDS.has(s.toLowerCase()) || NUMBER.test(s) || NUMBERISH.test(s)) return true;
  if (INDICATOR_START.includes(s[0]!) || s.startsWith("...")) return true;
  if (SPECIAL_INSIDE.test(s)) return true;
  if (s[0] === " " || s[s.length - 1] === " ") return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x5c) {
      if (c === 0x5c) continue;
      return true;
    }
  }
  return false;
}

const NAMED_ESCAPES: Record<number, string> = {
  0x00: "\\0",
  0x07: "\\a",
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0b: "\\v",
  0x0c: "\\f",
  0x0d: "\\r",
  0x1b: "\\e",
  0x22: '\\"',
  0x5c: "\\\\",
  0x85: "\\N",
  0xa0: "\\_",
  0x2028: "\\L",
  0x2029: "\\P",
};

function doubleQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const named = NAMED_ESCAPES[c];
    if (named !== undefined) out += named;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += s[i];
  }
  return `${out}"`;
}

function scalarString(s: string): string {
  return needsQuotes(s) ? doubleQuote(s) : s;
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (n === Infinity) return ".inf";
  if (n === -Infinity) return "-.inf";
  return Object.is(n, -0) ? "-0" : String(n);
}

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function isCollection(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function entriesOf(value: object): [string, unknown][] {
  if (Array.isArray(value)) return value.map((item, i): [string, unknown] => [`item${i}`, item]).filter(([, item]) => !skipped(item));
  return Object.entries(value).filter(([, item]) => !skipped(item));
}

class Writer {
  /** How often each object is referenced (anchors go on those met twice or more). */
  private readonly seen = new Map<object, number>();
  private readonly anchors = new Map<object, string>();

  count(value: unknown): void {
    if (!isCollection(value)) return;
    const times = (this.seen.get(value) ?? 0) + 1;
    this.seen.set(value, times);
    if (times > 1) return;
    for (const [, item] of entriesOf(value)) this.count(item);
  }

  scalar(value: unknown): string | undefined {
    if (value === null) return "null";
    switch (typeof value) {
      case "string":
        return scalarString(value);
      case "number":
        return formatNumber(value);
      case "boolean":
        return String(value);
      case "bigint":
        throw new Error("YAML.stringify cannot serialize BigInt");
    }
    return undefined;
  }

  /** `*name` for an object already written, `&name ` to prefix its first writing, or "". */
  private alias(value: object): string | undefined {
    return this.anchors.has(value) ? `*${this.anchors.get(value) as string}` : undefined;
  }

  private anchor(value: object, name: string): string | undefined {
    if ((this.seen.get(value) ?? 0) < 2) return undefined;
    this.anchors.set(value, name);
    return `&${name}`;
  }

  flow(value: unknown, name: string): string {
    const scalar = this.scalar(value);
    if (scalar !== undefined) return scalar;
    const object = value as object;
    const alias = this.alias(object);
    if (alias !== undefined) return alias;
    const anchor = this.anchor(object, name);
    const array = Array.isArray(object);
    const items = entriesOf(object).map(([key, item]) => (array ? this.flow(item, key) : `${scalarString(key)}: ${this.flow(item, key)}`));
    const body = array ? `[${items.join(",")}]` : `{${items.join(",")}}`;
    return anchor === undefined ? body : `${anchor} ${body}`;
  }

  /** A non-empty collection's block lines, unindented; an anchor comes first, on its own line. */
  block(value: object, name: string, indent: string): string[] {
    const lines: string[] = [];
    const anchor = this.anchor(value, name);
    if (anchor !== undefined) lines.push(anchor);
    const array = Array.isArray(value);
    for (const [key, item] of entriesOf(value)) {
      const inline = this.inlineInBlock(item);
      if (array) {
        if (inline !== undefined) lines.push(`- ${inline}`);
        else {
          const child = this.block(item as object, key, indent);
          const [head, ...rest] = child;
          lines.push(`- ${head as string}`, ...rest.map((line) => `  ${line}`));
        }
        continue;
      }
      const label = `${scalarString(key)}:`;
      if (inline !== undefined && !inline.startsWith("*")) lines.push(`${label} ${inline}`);
      else if (inline !== undefined) lines.push(label, `${indent}${inline}`);
      else lines.push(label, ...this.block(item as object, key, indent).map((line) => `${indent}${line}`));
    }
    return lines;
  }

  /** What fits on the line of its key or dash: scalars, empty collections, aliases. */
  private inlineInBlock(value: unknown): string | undefined {
    const scalar = this.scalar(value);
    if (scalar !== undefined) return scalar;
    const object = value as object;
    const alias = this.alias(object);
    if (alias !== undefined) return alias;
    if (entriesOf(object).length === 0 && (this.seen.get(object) ?? 0) < 2) return Array.isArray(object) ? "[]" : "{}";
    return undefined;
  }
}

function indentOf(space: unknown): string | undefined {
  if (typeof space === "number") {
    const n = Math.max(0, Math.min(10, Math.trunc(space)));
    return n === 0 ? undefined : " ".repeat(n);
  }
  if (typeof space === "string") return space === "" ? undefined : space.slice(0, 10);
  return undefined;
}

export function stringifyYaml(value: unknown, space: unknown): string | undefined {
  if (skipped(value)) return undefined;
  const writer = new Writer();
  writer.count(value);
  const indent = indentOf(space);
  if (indent === undefined || !isCollection(value) || entriesOf(value).length === 0) return writer.flow(value, "root");
  return writer.block(value, "root", indent).join("\n");
}
