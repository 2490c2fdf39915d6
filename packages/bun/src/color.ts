import { colorDepth } from "./internal/color/depth.ts";
import { alphaFraction, ansi16Code, ansi256Index, cssString, hexString, hslString, labString, rgbaOf } from "./internal/color/format.ts";
import { parseCssColor, type Color, type Rgba } from "./internal/color/parse.ts";
import { toBunString } from "./internal/strings/coerce.ts";
import { invalidArgType } from "./internal/errors.ts";

type ColorFunction = typeof import("bun").color;

const FORMATS: Record<string, string> = {
  "[r,g,b,a]": "[rgba]",
  "[rgb]": "[rgb]",
  "[rgba]": "[rgba]",
  "{r,g,b}": "{rgb}",
  "{rgb}": "{rgb}",
  "{rgba}": "{rgba}",
  ansi_256: "ansi-256",
  "ansi-256": "ansi-256",
  ansi_16: "ansi-16",
  "ansi-16": "ansi-16",
  ansi_16m: "ansi-16m",
  "ansi-16m": "ansi-16m",
  "ansi-24bit": "ansi-16m",
  "ansi-truecolor": "ansi-16m",
  ansi: "ansi",
  ansi256: "ansi-256",
  css: "css",
  hex: "hex",
  HEX: "HEX",
  hsl: "hsl",
  lab: "lab",
  number: "number",
  rgb: "rgb",
  rgba: "rgba",
};

const FORMAT_LIST = Object.keys(FORMATS).map((name) => `'${name}'`);
const FORMAT_MESSAGE = `format must be one of ${FORMAT_LIST.slice(0, -1).join(", ")} or ${FORMAT_LIST.at(-1)!}`;

function resolveFormat(format: unknown): string {
  if (format === undefined || format === null) return "css";
  const name = format instanceof String ? format.valueOf() : format;
  if (typeof name !== "string") throw invalidArgType("Expected format to be a string for 'color'.");
  const resolved = FORMATS[name];
  if (resolved === undefined || !Object.hasOwn(FORMATS, name)) throw invalidArgType(FORMAT_MESSAGE);
  return resolved;
}

/** A channel from an array or object: a number, truncated to an int32 and clamped to 0–255. */
function channel(value: unknown, property: string): number {
  if (typeof value !== "number") throw invalidArgType(`Expected ${property} to be a integer for 'color'.`);
  return Math.min(Math.max(value | 0, 0), 255);
}

function fromNumber(value: number): Rgba {
  // JSC's toInt64 (saturating, NaN → 0), then the low 32 bits as 0x??RRGGBB.
  const int64 = Number.isNaN(value) ? 0n : value >= 2 ** 63 ? 2n ** 63n - 1n : value <= -(2 ** 63) ? -(2n ** 63n) : BigInt(Math.trunc(value));
  const bits = Number(BigInt.asUintN(32, int64));
  return { kind: "rgba", r: (bits >>> 16) & 255, g: (bits >>> 8) & 255, b: bits & 255, a: 255 };
}

function isArrayLike(value: object): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function fromArray(value: ArrayLike<unknown>): Rgba {
  if (value.length !== 3 && value.length !== 4) throw new Error("Expected array length 3 or 4");
  const r = channel(value[0], "[0]");
  const g = channel(value[1], "[1]");
  const b = channel(value[2], "[2]");
  const a = value.length === 4 ? channel(value[3], "[3]") : 255;
  return { kind: "rgba", r, g, b, a };
}

function fromObject(value: object): Rgba {
  const source = value as Record<string, unknown>;
  const r = channel(source["r"], "r");
  const g = channel(source["g"], "g");
  const b = channel(source["b"], "b");
  const alpha = source["a"];
  const a = typeof alpha === "number" ? Math.trunc(Math.min(Math.max(alpha, 0), 1) * 255) || 0 : 255;
  return { kind: "rgba", r, g, b, a };
}

function parseInput(input: unknown): Color | null {
  if (typeof input === "number") return fromNumber(input);
  if ((typeof input === "object" && input !== null) || typeof input === "function") {
    return isArrayLike(input) ? fromArray(input) : fromObject(input);
  }
  return parseCssColor(toBunString(input));
}

function ansiDepthFormat(): string | null {
  switch (colorDepth()) {
    case 0:
      return null;
    case 1:
      return "ansi-16";
    case 2:
      return "ansi-256";
    default:
      return "ansi-16m";
  }
}

function rgbaOutput(rgba: Rgba, format: string): unknown {
  const { r, g, b, a } = rgba;
  switch (format) {
    case "{rgba}":
      return { r, g, b, a: alphaFraction(a) };
    case "{rgb}":
      return { r, g, b };
    case "[rgb]":
      return [r, g, b];
    case "[rgba]":
      return [r, g, b, a];
    case "number":
      return (r << 16) | (g << 8) | b;
    case "hex":
      return hexString(rgba, false);
    case "HEX":
      return hexString(rgba, true);
    case "rgb":
      return `rgb(${r}, ${g}, ${b})`;
    case "rgba":
      return `rgba(${r}, ${g}, ${b}, ${formatAlpha(a)})`;
    case "ansi-16":
      return `\x1b[${ansi16Code(rgba)}m`;
    case "ansi-256":
      return `\x1b[38;5;${ansi256Index(rgba)}m`;
    default:
      return `\x1b[38;2;${r};${g};${b}m`;
  }
}

function formatAlpha(a: number): string {
  const value = alphaFraction(a);
  if (Number.isInteger(value)) return String(value);
  for (let precision = 1; precision <= 9; precision++) {
    const text = value.toPrecision(precision);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(value);
}

/**
 * Bun.color: parses a color (CSS text, a 0xRRGGBB number, [r, g, b(, a)] or
 * { r, g, b, a }) and prints it in the requested format; null when the text
 * is not a color.
 */
export const color = function color(input: unknown, outputFormat?: unknown): unknown {
  if (input === undefined) throw invalidArgType("Expected input to be a string, number, or object for 'color'.");
  let format = resolveFormat(outputFormat);
  const parsed = parseInput(input);
  if (parsed === null) return null;
  if (format === "ansi") {
    const depthFormat = ansiDepthFormat();
    if (depthFormat === null) return "";
    format = depthFormat;
  }
  if (format === "css") return cssString(parsed);
  if (format === "hsl") return hslString(parsed) ?? cssString(parsed);
  if (format === "lab") return labString(parsed) ?? cssString(parsed);
  const rgba = rgbaOf(parsed);
  return rgba === null ? cssString(parsed) : rgbaOutput(rgba, format);
} as ColorFunction;
