// CSS color parsing with the grammar Bun's CSS engine accepts (worked out
// against Bun 1.4.5): named colors (exact lower case), transparent and
// currentColor (any case), system colors, #rgb[a] / #rrggbb[aa], rgb[a](),
// hsl[a](), hwb() — resolved to 8-bit RGBA, or kept as floats when a
// component is `none` — and lab(), lch(), oklab(),
// oklch(), color() kept in their own space. Text after the color is ignored;
// an unclosed function is closed at the end. color-mix(), light-dark(),
// relative colors ("from") and calc() are not implemented.
import { notImplemented } from "@dx-compat/shared/errors";
import { hslToSrgb, toByte } from "./convert.ts";
import { namedColor, systemColor } from "./named.ts";
import { Tokenizer, type Token } from "./tokens.ts";

const f = Math.fround;

export interface Rgba {
  kind: "rgba";
  r: number;
  g: number;
  b: number;
  /** 0–255 */
  a: number;
}

/** lab/lch (L 0–100) and oklab/oklch (L 0–1); null is `none`. */
export interface LabColor {
  kind: "lab";
  space: "lab" | "lch" | "oklab" | "oklch";
  values: [number | null, number | null, number | null];
  alpha: number | null;
}

interface PredefinedColor {
  kind: "predefined";
  space: string;
  values: [number | null, number | null, number | null];
  alpha: number | null;
}

/**
 * rgb()/hsl()/hwb() with a `none` component: Bun keeps these as floats (none
 * read as 0) instead of resolving them to 8-bit RGBA, which shows in the hsl
 * and lab outputs.
 */
interface FloatColor {
  kind: "float";
  space: "rgb" | "hsl" | "hwb";
  /** r, g, b, or h, s, l, or h, w, b (fractions, clamped to 0–1; hue as given). */
  values: [number, number, number];
  /** The color's sRGB channels, 0–1. */
  srgb: [number, number, number];
  alpha: number;
}

export type Color = Rgba | LabColor | PredefinedColor | FloatColor | { kind: "current" } | { kind: "system"; name: string };

/** Parse failure: Bun answers null. */
class Invalid extends Error {}

const invalid = (): never => {
  throw new Invalid();
};

const PREDEFINED = new Set(["srgb", "srgb-linear", "display-p3", "prophoto-rgb", "rec2020", "xyz", "xyz-d50", "xyz-d65"]);

function unsupported(feature: string): never {
  throw notImplemented("Bun.color", `${feature} is not supported in color inputs`);
}

function hexColor(value: string): Rgba {
  if (!/^[0-9a-fA-F]+$/.test(value)) return invalid();
  const digit = (i: number): number => Number.parseInt(value[i]!, 16);
  const pair = (i: number): number => Number.parseInt(value.slice(i, i + 2), 16);
  switch (value.length) {
    case 3:
    case 4:
      return { kind: "rgba", r: digit(0) * 17, g: digit(1) * 17, b: digit(2) * 17, a: value.length === 4 ? digit(3) * 17 : 255 };
    case 6:
    case 8:
      return { kind: "rgba", r: pair(0), g: pair(2), b: pair(4), a: value.length === 8 ? pair(6) : 255 };
    default:
      return invalid();
  }
}

/** Arguments of a function, as tokens up to its ")" (or the end). */
class Args {
  private readonly tokens: Tokenizer;

  constructor(tokens: Tokenizer) {
    this.tokens = tokens;
  }

  next(): Token {
    const token = this.tokens.next();
    if (token.type === "function") {
      const name = token.name.toLowerCase();
      if (name === "calc" || name === "min" || name === "max" || name === "clamp" || name === "var") unsupported(`${name}()`);
    }
    if (token.type === "ident" && token.value.toLowerCase() === "from") unsupported("relative color syntax (from)");
    return token;
  }

  peekType(): Token["type"] {
    return this.tokens.peek().type;
  }

  /** The closing ")" (or the end of the input); anything else is invalid. */
  end(): void {
    const token = this.next();
    if (token.type !== "close" && token.type !== "eof") invalid();
  }
}

function isNone(token: Token): boolean {
  return token.type === "ident" && token.value.toLowerCase() === "none";
}

/** Hue in degrees from a number or an angle, in f32 as Bun converts it. */
function hue(token: Token): number {
  if (token.type === "number") return token.value;
  if (token.type !== "dimension") return invalid();
  const value = f(token.value);
  switch (token.unit.toLowerCase()) {
    case "deg":
      return token.value;
    case "rad":
      return f(f(value * 180) / f(Math.PI));
    case "grad":
      return f(f(value * 180) / 200);
    case "turn":
      return f(value * 360);
    default:
      return invalid();
  }
}

/** Alpha from a number or percentage, clamped to 0–1 (null for none). */
function alphaValue(token: Token): number | null {
  if (isNone(token)) return null;
  if (token.type === "number") return Math.min(Math.max(f(token.value), 0), 1);
  if (token.type === "percentage") return Math.min(Math.max(f(token.value / 100), 0), 1);
  return invalid();
}

/** An optional "/ alpha" then ")". */
function modernAlpha(args: Args): number | null {
  const token = args.next();
  if (token.type === "slash") {
    const alpha = alphaValue(args.next());
    args.end();
    return alpha;
  }
  if (token.type !== "close" && token.type !== "eof") invalid();
  return 1;
}

function rgbChannel(token: Token): number {
  if (token.type === "number") return Math.min(Math.max(Math.round(f(token.value)), 0), 255);
  if (token.type === "percentage") return toByte(f(token.value / 100));
  if (isNone(token)) return 0;
  return invalid();
}

function parseRgb(args: Args): Rgba | FloatColor {
  const first = args.next();
  if (args.peekType() === "comma") {
    // Legacy: all numbers or all percentages, comma-separated, optional alpha.
    if (first.type !== "number" && first.type !== "percentage") return invalid();
    const channels = [rgbChannel(first)];
    for (let i = 0; i < 2; i++) {
      if (args.next().type !== "comma") invalid();
      const token = args.next();
      if (token.type !== first.type) invalid();
      channels.push(rgbChannel(token));
    }
    let alpha = 1;
    const after = args.next();
    if (after.type === "comma") {
      alpha = alphaValue(args.next()) ?? invalid();
      args.end();
    } else if (after.type !== "close" && after.type !== "eof") {
      invalid();
    }
    return { kind: "rgba", r: channels[0]!, g: channels[1]!, b: channels[2]!, a: toByte(alpha) };
  }
  const tokens = [first, args.next(), args.next()] as const;
  const channels = tokens.map(rgbChannel);
  const parsedAlpha = modernAlpha(args);
  const alpha = parsedAlpha ?? 0;
  if (parsedAlpha === null || tokens.some(isNone)) {
    const srgb = tokens.map(unitChannel) as [number, number, number];
    return { kind: "float", space: "rgb", values: srgb, srgb, alpha };
  }
  return { kind: "rgba", r: channels[0]!, g: channels[1]!, b: channels[2]!, a: toByte(alpha) };
}

/** A channel of rgb() kept as a float (0–1), for the `none` case: numbers still round to bytes. */
function unitChannel(token: Token): number {
  if (token.type === "number") return f(Math.min(Math.max(Math.round(f(token.value)), 0), 255) / 255);
  if (token.type === "percentage") return Math.min(Math.max(f(token.value / 100), 0), 1);
  return 0;
}

function percentage(token: Token, allowNone: boolean): number {
  if (token.type === "percentage") return f(token.value / 100);
  if (allowNone && isNone(token)) return 0;
  return invalid();
}

function rgbaFromSrgb([r, g, b]: [number, number, number], alpha: number): Rgba {
  return { kind: "rgba", r: toByte(r), g: toByte(g), b: toByte(b), a: toByte(alpha) };
}

function parseHsl(args: Args): Rgba | FloatColor {
  const first = args.next();
  let hasNone = false;
  const noneAware = (token: Token): Token => {
    if (isNone(token)) hasNone = true;
    return token;
  };
  let h: number;
  let s: number;
  let l: number;
  let alpha: number;
  if (args.peekType() === "comma") {
    h = hue(first);
    args.next();
    s = percentage(args.next(), false);
    if (args.next().type !== "comma") invalid();
    l = percentage(args.next(), false);
    const after = args.next();
    alpha = 1;
    if (after.type === "comma") {
      alpha = alphaValue(args.next()) ?? invalid();
      args.end();
    } else if (after.type !== "close" && after.type !== "eof") {
      invalid();
    }
  } else {
    h = isNone(noneAware(first)) ? 0 : hue(first);
    s = percentage(noneAware(args.next()), true);
    l = percentage(noneAware(args.next()), true);
    const parsedAlpha = modernAlpha(args);
    if (parsedAlpha === null) hasNone = true;
    alpha = parsedAlpha ?? 0;
  }
  const clamp = (value: number): number => Math.min(Math.max(value, 0), 1);
  const srgb = hslToSrgb(h, clamp(s), clamp(l));
  if (hasNone) return { kind: "float", space: "hsl", values: [h, clamp(s), clamp(l)], srgb, alpha };
  return rgbaFromSrgb(srgb, alpha);
}

function hwbToSrgb(h: number, whiteness: number, blackness: number): [number, number, number] {
  if (f(whiteness + blackness) >= 1) {
    const gray = f(whiteness / f(whiteness + blackness));
    return [gray, gray, gray];
  }
  const [r, g, b] = hslToSrgb(h, 1, 0.5);
  const scale = f(f(1 - whiteness) - blackness);
  return [f(f(r * scale) + whiteness), f(f(g * scale) + whiteness), f(f(b * scale) + whiteness)];
}

function parseHwb(args: Args): Rgba | FloatColor {
  const tokens = [args.next(), args.next(), args.next()] as const;
  const h = isNone(tokens[0]) ? 0 : hue(tokens[0]);
  const clamp = (value: number): number => Math.min(Math.max(value, 0), 1);
  const whiteness = f(clamp(percentage(tokens[1], true)));
  const blackness = f(clamp(percentage(tokens[2], true)));
  const parsedAlpha = modernAlpha(args);
  const alpha = parsedAlpha ?? 0;
  const srgb = hwbToSrgb(h, whiteness, blackness);
  if (parsedAlpha === null || tokens.some(isNone)) return { kind: "float", space: "hwb", values: [h, whiteness, blackness], srgb, alpha };
  return rgbaFromSrgb(srgb, alpha);
}

function parseLab(space: LabColor["space"], args: Args): LabColor {
  const oklab = space === "oklab" || space === "oklch";
  const polar = space === "lch" || space === "oklch";
  const lightnessToken = args.next();
  let lightness: number | null = null;
  if (!isNone(lightnessToken)) {
    if (lightnessToken.type !== "percentage") return invalid();
    // Bun keeps lightness as a fraction (percentage / 100) and scales lab's back by 100.
    const unit = f(lightnessToken.value / 100);
    const value = oklab ? unit : f(unit * 100);
    lightness = value < 0 ? 0 : value;
  }
  const number = (token: Token): number | null => {
    if (isNone(token)) return null;
    if (token.type !== "number") return invalid();
    return f(token.value);
  };
  const second = number(args.next());
  const thirdToken = args.next();
  const third = isNone(thirdToken) ? null : polar ? f(hue(thirdToken)) : number(thirdToken);
  const chroma = polar && second !== null && second < 0 ? 0 : second;
  return { kind: "lab", space, values: [lightness, chroma, third], alpha: modernAlpha(args) };
}

function parsePredefined(args: Args): PredefinedColor {
  const spaceToken = args.next();
  if (spaceToken.type !== "ident") return invalid();
  const space = spaceToken.value.toLowerCase();
  if (!PREDEFINED.has(space)) return invalid();
  const component = (token: Token): number | null => {
    if (isNone(token)) return null;
    if (token.type === "number") return f(token.value);
    if (token.type === "percentage") return f(token.value / 100);
    return invalid();
  };
  const values: [number | null, number | null, number | null] = [component(args.next()), component(args.next()), component(args.next())];
  return { kind: "predefined", space: space === "xyz-d65" ? "xyz" : space, values, alpha: modernAlpha(args) };
}

function parseFunction(name: string, args: Args): Color {
  switch (name) {
    case "rgb":
    case "rgba":
      return parseRgb(args);
    case "hsl":
    case "hsla":
      return parseHsl(args);
    case "hwb":
      return parseHwb(args);
    case "lab":
    case "lch":
    case "oklab":
    case "oklch":
      return parseLab(name, args);
    case "color":
      return parsePredefined(args);
    case "color-mix":
    case "light-dark":
      return unsupported(`${name}()`);
    default:
      return invalid();
  }
}

function parseIdent(name: string): Color {
  const lower = name.toLowerCase();
  if (lower === "currentcolor") return { kind: "current" };
  if (lower === "transparent") return { kind: "rgba", r: 0, g: 0, b: 0, a: 0 };
  const rgb = namedColor(name);
  if (rgb !== undefined) return { kind: "rgba", r: rgb >> 16, g: (rgb >> 8) & 255, b: rgb & 255, a: 255 };
  const system = systemColor(name);
  if (system !== undefined) return { kind: "system", name: system };
  return invalid();
}

/** A CSS color, or null when Bun's parser would not accept the text. */
export function parseCssColor(text: string): Color | null {
  const tokens = new Tokenizer(text);
  try {
    const token = tokens.next();
    switch (token.type) {
      case "hash":
        return hexColor(token.value);
      case "ident":
        return parseIdent(token.value);
      case "function":
        return parseFunction(token.name.toLowerCase(), new Args(tokens));
      default:
        return null;
    }
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}
