// Bun.color's output formats, and the number printing they need.
import { labToXyzD50, mapSrgbGamut, oklabToXyzD65, polarToRect, srgbToHsl, srgbToXyzD65, toByte, xyzD50ToD65, xyzD50ToLab, xyzD65ToD50, xyzD65ToSrgb, type Vec3 } from "./convert.ts";
import { shortName } from "./named.ts";
import type { Color, LabColor, Rgba } from "./parse.ts";

const f = Math.fround;

/** A decimal string without exponent, from JS's shortest/precision form. */
function plainDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = "", exponentText] = match;
  const digits = whole! + fraction;
  const point = whole!.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The shortest decimal that reads back as the same f32 (how Bun prints its f32 values). */
function f32String(value: number): string {
  if (Object.is(value, -0)) return "-0";
  // Below 2^24 an integer's own digits are the shortest; above, fewer may do.
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 24) return String(value);
  for (let precision = 1; precision <= 9; precision++) {
    const text = value.toPrecision(precision);
    if (f(Number(text)) === value) return plainDecimal(String(Number(text)));
  }
  return plainDecimal(String(value));
}

/**
 * Keeps `precision` significant digits of a JS number string (dtoa-short's
 * restrict_prec, which Bun's CSS printer applies to every number): rounds
 * half up, zero-fills up to the decimal point, strips trailing zeros, keeps
 * any exponent as written.
 */
function restrictPrecision(text: string, precision: number): string {
  const sign = text.startsWith("-") ? "-" : "";
  const body = sign ? text.slice(1) : text;
  const exponentAt = body.indexOf("e");
  // Integers print with ".0" in the formatter Bun uses, so their zeros stay.
  const coefficient = exponentAt === -1 ? (body.includes(".") ? body : `${body}.0`) : body.slice(0, exponentAt);
  const exponent = exponentAt === -1 ? "" : body.slice(exponentAt);
  // A leading "0" catches a carry out of the first digit.
  const digits = ["0", ...coefficient];
  const dotAt = digits.indexOf(".") === -1 ? digits.length : digits.indexOf(".");
  const start = digits.findIndex((char) => char >= "1" && char <= "9");
  if (start === -1) return "0";
  const limit = start + precision + (dotAt > start && dotAt <= start + precision ? 1 : 0);
  let end = digits.length;
  if (limit < digits.length) {
    end = limit;
    if (digits[limit]! >= "5") {
      for (let i = limit - 1; i >= 0; i--) {
        if (digits[i] === ".") continue;
        if (digits[i] !== "9") {
          digits[i] = String(Number(digits[i]) + 1);
          end = i + 1;
          break;
        }
        digits[i] = "0";
      }
    }
  }
  if (end < dotAt) {
    for (let i = end; i < dotAt; i++) digits[i] = "0";
    end = dotAt;
  } else {
    while (end > 0 && digits[end - 1] === "0") end--;
    if (end > 0 && digits[end - 1] === ".") end--;
  }
  let result = digits.slice(0, end).join("");
  if (result.startsWith("0") && result[1] !== "." && result.length > 1) result = result.slice(1);
  return sign + result + exponent;
}

/**
 * Bun's CSS number printing: the f32 value's JS string cut to 6 significant
 * digits; between -1 and 1 the leading zero goes (and a negative one keeps
 * its odd "--1e-7" when the digits came out in exponent form).
 */
function cssNumber(value: number): string {
  const text = restrictPrecision(String(value), 6);
  if (value !== 0 && Math.abs(value) < 1) {
    if (value < 0) return `-${text.replace(/^(?:-0)+/, "")}`;
    return text.replace(/^0+/, "");
  }
  return text;
}

function hex2(value: number, upper: boolean): string {
  const text = value.toString(16).padStart(2, "0");
  return upper ? text.toUpperCase() : text;
}

function compactable(...channels: number[]): boolean {
  return channels.every((channel) => channel % 17 === 0);
}

function rgbaCss({ r, g, b, a }: Rgba): string {
  const nibble = (value: number): string => (value / 17).toString(16);
  if (a === 255) {
    const short = compactable(r, g, b);
    const name = shortName((r << 16) | (g << 8) | b, short ? 4 : 7);
    if (name !== undefined) return name;
    return short ? `#${nibble(r)}${nibble(g)}${nibble(b)}` : `#${hex2(r, false)}${hex2(g, false)}${hex2(b, false)}`;
  }
  if (compactable(r, g, b, a)) return `#${nibble(r)}${nibble(g)}${nibble(b)}${nibble(a)}`;
  return `#${hex2(r, false)}${hex2(g, false)}${hex2(b, false)}${hex2(a, false)}`;
}

function component(value: number | null): string {
  return value === null ? "none" : cssNumber(value);
}

function alphaSuffix(alpha: number | null): string {
  return alpha === 1 ? "" : ` / ${component(alpha)}`;
}

/** The "css" format: Bun's CSS printer. */
export function cssString(color: Color): string {
  switch (color.kind) {
    case "current":
      return "currentColor";
    case "system":
      return color.name;
    case "rgba":
      return rgbaCss(color);
    case "float":
      return rgbaCss(rgbaOf(color)!);
    case "predefined":
      return `color(${color.space} ${color.values.map(component).join(" ")}${alphaSuffix(color.alpha)})`;
    default: {
      const [l, c1, c2] = color.values;
      const oklab = color.space === "oklab" || color.space === "oklch";
      const percent = oklab ? f(l! * 100) : l;
      const lightness = l === null ? "none" : Object.is(percent, -0) ? "-0%" : `${cssNumber(percent!)}%`;
      return `${color.space}(${lightness} ${component(c1)} ${component(c2)}${alphaSuffix(color.alpha)})`;
    }
  }
}

function resolved(values: LabColor["values"]): Vec3 {
  return [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0];
}

/** A lab-family color's Lab (D50) coordinates. */
function labOf(color: LabColor): Vec3 {
  const values = resolved(color.values);
  switch (color.space) {
    case "lab":
      return values;
    case "lch":
      return polarToRect(values);
    case "oklab":
      return xyzD50ToLab(xyzD65ToD50(oklabToXyzD65(values)));
    default:
      return xyzD50ToLab(xyzD65ToD50(oklabToXyzD65(polarToRect(values))));
  }
}

/** sRGB channels (0–1) of a lab-family color, gamut-mapped into range. */
function srgbOfLab(color: LabColor): Vec3 {
  return mapSrgbGamut(unmappedSrgbOfLab(color));
}

function unmappedSrgbOfLab(color: LabColor): Vec3 {
  const values = resolved(color.values);
  switch (color.space) {
    case "oklab":
      return xyzD65ToSrgb(oklabToXyzD65(values));
    case "oklch":
      return xyzD65ToSrgb(oklabToXyzD65(polarToRect(values)));
    default:
      return xyzD65ToSrgb(xyzD50ToD65(labToXyzD50(labOf(color))));
  }
}

function srgbOfRgba({ r, g, b }: Rgba): Vec3 {
  return [f(r / 255), f(g / 255), f(b / 255)];
}

/** 8-bit RGBA of a color Bun can convert (null for currentColor, system and predefined colors). */
export function rgbaOf(color: Color): Rgba | null {
  if (color.kind === "rgba") return color;
  if (color.kind === "float") {
    const [r, g, b] = color.srgb;
    return { kind: "rgba", r: toByte(r), g: toByte(g), b: toByte(b), a: toByte(color.alpha) };
  }
  if (color.kind !== "lab") return null;
  const [r, g, b] = srgbOfLab(color);
  return { kind: "rgba", r: toByte(r), g: toByte(g), b: toByte(b), a: toByte(color.alpha ?? 0) };
}

function hslText(h: number, s: number, l: number): string {
  return `hsl(${f32String(Number.isNaN(h) ? 0 : f(h))}, ${f32String(f(s * 100))}%, ${f32String(f(l * 100))}%)`;
}

export function hslString(color: Color): string | null {
  if (color.kind === "float" && color.space === "hsl") return hslText(...color.values);
  const srgb = color.kind === "rgba" ? srgbOfRgba(color) : color.kind === "lab" ? srgbOfLab(color) : color.kind === "float" ? color.srgb : null;
  if (!srgb) return null;
  const [h, s, l] = srgbToHsl(srgb);
  return hslText(h, s, l);
}

export function labString(color: Color): string | null {
  let lab: Vec3;
  if (color.kind === "rgba" || color.kind === "float") {
    lab = xyzD50ToLab(xyzD65ToD50(srgbToXyzD65(color.kind === "rgba" ? srgbOfRgba(color) : color.srgb)));
  }
  else if (color.kind === "lab") lab = labOf(color);
  else return null;
  return `lab(${f32String(f(f(lab[0] / 100) * 100))}% ${f32String(lab[1])} ${f32String(lab[2])})`;
}

export function alphaFraction(alpha: number): number {
  return f(alpha / 255);
}

export function hexString({ r, g, b }: Rgba, upper: boolean): string {
  return `#${hex2(r, upper)}${hex2(g, upper)}${hex2(b, upper)}`;
}

// xterm's 6×6×6 cube and grey ramp (after tmux's colour.c).
const CUBE = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

function toCube(value: number): number {
  if (value < 48) return 0;
  if (value < 114) return 1;
  return Math.floor((value - 35) / 40);
}

function squareDistance(r1: number, g1: number, b1: number, r2: number, g2: number, b2: number): number {
  return (r1 - r2) ** 2 + (g1 - g2) ** 2 + (b1 - b2) ** 2;
}

export function ansi256Index({ r, g, b }: Rgba): number {
  const qr = toCube(r);
  const qg = toCube(g);
  const qb = toCube(b);
  const [cr, cg, cb] = [CUBE[qr]!, CUBE[qg]!, CUBE[qb]!];
  const cubeIndex = 16 + 36 * qr + 6 * qg + qb;
  if (cr === r && cg === g && cb === b) return cubeIndex;
  const average = Math.floor((r + g + b) / 3);
  const greyIndex = average > 238 ? 23 : Math.floor((average - 3) / 10);
  const grey = 8 + 10 * greyIndex;
  return squareDistance(grey, grey, grey, r, g, b) < squareDistance(cr, cg, cb, r, g, b) ? 232 + greyIndex : cubeIndex;
}

// The nearest of the 16 basic colors for each 256-color index.
const TABLE_16 = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 4, 4, 4, 12, 12, 2, 6, 4, 4, 12, 12, 2, 2, 6, 4, 12, 12, 2, 2, 2, 6, 12, 12, 10, 10, 10, 10, 14, 12, 10, 10, 10, 10, 10, 14, 1, 5, 4, 4, 12, 12, 3, 8, 4, 4, 12, 12, 2, 2, 6, 4, 12, 12, 2, 2, 2, 6, 12, 12, 10, 10, 10, 10, 14, 12, 10, 10, 10, 10, 10, 14, 1, 1, 5, 4, 12, 12, 1, 1, 5, 4, 12, 12, 3, 3, 8, 4, 12, 12, 2, 2, 2, 6, 12, 12, 10, 10, 10, 10, 14, 12, 10, 10, 10, 10, 10, 14, 1, 1, 1, 5, 12, 12, 1, 1, 1, 5, 12, 12, 1, 1, 1, 5, 12, 12, 3, 3, 3, 7, 12, 12, 10, 10, 10, 10, 14, 12, 10, 10, 10, 10, 10, 14, 9, 9, 9, 9, 13, 12, 9, 9, 9, 9, 13, 12, 9, 9, 9, 9, 13, 12, 9, 9, 9, 9, 13, 12, 11, 11, 11, 11, 7, 12, 10, 10, 10, 10, 10, 14, 9, 9, 9, 9, 9, 13, 9, 9, 9, 9, 9, 13, 9, 9, 9, 9, 9, 13, 9, 9, 9, 9, 9, 13, 9, 9, 9, 9, 9, 13, 11, 11, 11, 11, 11, 15, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 8, 7, 7, 7, 7, 7, 7, 15, 15, 15, 15, 15, 15,
];

/** The 16-color SGR foreground code (30–37, 90–97). */
export function ansi16Code(color: Rgba): number {
  const index = TABLE_16[ansi256Index(color)]!;
  return index < 8 ? 30 + index : 90 + index - 8;
}
