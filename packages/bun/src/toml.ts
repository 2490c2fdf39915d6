// Bun.TOML: parse (TOML 1.0 via smol-toml, adapted to Bun's values: date-times
// as Temporal objects, integers past 2^53 refused) and stringify (Bun's layout).
import { smolToml } from "./internal/parsers/libraries.ts";
import { documentText } from "./internal/parsers/input.ts";
import { getTemporal, withGlobalTemporal } from "./internal/parsers/temporal.ts";
import { stringifyToml } from "./internal/parsers/toml-stringify.ts";

type BunToml = typeof import("bun").TOML;

// smol-toml's wording, mapped to Bun's where the two mean the same thing.
const messages: [RegExp, string][] = [
  [/^unfinished string/, "Unterminated string"],
  [/^invalid date/, "Invalid date"],
  [/^incomplete key-value: cannot find end of key/, "Expected '=' after a key but found end of file"],
];

function syntaxError(cause: unknown): SyntaxError {
  if (!(cause instanceof smolToml().TomlError)) return cause as SyntaxError;
  let text = cause.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
  for (const [pattern, replacement] of messages) if (pattern.test(text)) text = replacement;
  // `a = ` with nothing after it.
  if (text === "invalid value" && /=[ \t]*$/.test(cause.message.split("\n").find((line) => /^\d+:/.test(line) && line.includes("=")) ?? "")) {
    text = "Missing value after '='";
  }
  return new SyntaxError(`TOML Parse error: ${text.charAt(0).toUpperCase()}${text.slice(1)}`);
}

function unsafeInteger(): SyntaxError {
  return new SyntaxError("TOML Parse error: Integer cannot be losslessly represented as a JavaScript number; it must be within +/-(2^53 - 1)");
}

/** Bun's value shapes: offset date-times as Temporal.Instant, and no bigints. */
function adapt(value: unknown): unknown {
  if (typeof value === "bigint") throw unsafeInteger();
  if (typeof value !== "object" || value === null) return value;
  const temporal = getTemporal();
  if (value instanceof temporal.ZonedDateTime) return value.toInstant();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = adapt(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) !== null) return value;
  // smol-toml's tables have no prototype; Bun's are plain objects.
  const table: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(table, key, { value: adapt(item), writable: true, enumerable: true, configurable: true });
  }
  return table;
}

function parse(input: unknown): object {
  const text = documentText(input, "reject");
  let result: object;
  try {
    result = withGlobalTemporal(() => smolToml().parse(text, { integersAsBigInt: "asNeeded", useLegacyDate: false }));
  } catch (error) {
    throw syntaxError(error);
  }
  return adapt(result) as object;
}

// `space` is accepted (and ignored) for parity with YAML.stringify and JSON5.stringify.
function stringify(input: unknown, replacer?: unknown, _space?: unknown): string | undefined {
  if (replacer !== undefined && replacer !== null) throw new Error("TOML.stringify does not support the replacer argument");
  return stringifyToml(input);
}

export const TOML: BunToml = { parse, stringify: stringify as BunToml["stringify"] };
