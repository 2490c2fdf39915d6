// Color space conversions as Bun's CSS engine computes them: the CSS Color 4
// formulas in single precision (every step rounded to f32, which is what
// makes the printed digits match).

import { atan2f, cosf, powf, sinf } from "./libm.ts";

const f = Math.fround;

export type Vec3 = [number, number, number];

function mat(m: readonly number[], x: number, y: number, z: number): Vec3 {
  return [f(f(f(m[0]! * x) + f(m[1]! * y)) + f(m[2]! * z)), f(f(f(m[3]! * x) + f(m[4]! * y)) + f(m[5]! * z)), f(f(f(m[6]! * x) + f(m[7]! * y)) + f(m[8]! * z))];
}

const f32 = (values: number[]): number[] => values.map(f);

const LIN_SRGB_TO_XYZ = f32([0.41239079926595934, 0.357584339383878, 0.1804807884018343, 0.21263900587151027, 0.715168678767756, 0.07219231536073371, 0.01933081871559182, 0.11919477979462598, 0.9505321522496607]);
const XYZ_TO_LIN_SRGB = f32([3.2409699419045226, -1.537383177570094, -0.4986107602930034, -0.9692436362808796, 1.8759675015077202, 0.04155505740717559, 0.05563007969699366, -0.20397695888897652, 1.0569715142428786]);
const D65_TO_D50 = f32([1.0479298208405488, 0.022946793341019088, -0.05019222954313557, 0.029627815688159344, 0.990434484573249, -0.01707382502938514, -0.009243058152591178, 0.015055144896577895, 0.7518742899580008]);
const D50_TO_D65 = f32([0.9554734527042182, -0.023098536874261423, 0.0632593086610217, -0.028369706963208136, 1.0099954580058226, 0.021041398966943008, 0.012314001688319899, -0.020507696433477912, 1.3303659366080753]);
const XYZ_TO_LMS = f32([0.8190224432164319, 0.3619062562801221, -0.12887378261216414, 0.0329836671980271, 0.9292868468965546, 0.03614466816999844, 0.048177199566046255, 0.26423952494422764, 0.6335478258136937]);
const LMS_TO_OKLAB = f32([0.2104542553, 0.793617785, -0.0040720468, 1.9779984951, -2.428592205, 0.4505937099, 0.0259040371, 0.7827717662, -0.808675766]);
const OKLAB_TO_LMS = f32([0.9999999984505198, 0.39633779217376786, 0.2158037580607588, 1.0000000088817609, -0.10556134232365635, -0.06385417477170591, 1.0000000546724108, -0.08948418209496575, -1.2914855378640917]);
const LMS_TO_XYZ = f32([1.2268798733741557, -0.5578149965554813, 0.28139105017721583, -0.04057576262431372, 1.1122868293970594, -0.07171106666151701, -0.07637294974672142, -0.4214933239627914, 1.5869240244272418]);

const WHITE_D50: Vec3 = [f(0.3457 / 0.3585), 1, f((1 - 0.3457 - 0.3585) / 0.3585)];
const EPSILON = f(216 / 24389);
const KAPPA = f(24389 / 27);
const INV_GAMMA = f(1 / f(2.4));

function linear(value: number): number {
  const abs = Math.abs(value);
  if (abs < f(0.04045)) return f(value / f(12.92));
  return f(Math.sign(value) * powf(f(f(abs + f(0.055)) / f(1.055)), f(2.4)));
}

function gamma(value: number): number {
  const abs = Math.abs(value);
  if (abs > f(0.0031308)) return f((value < 0 ? -1 : 1) * f(f(f(1.055) * powf(abs, INV_GAMMA)) - f(0.055)));
  return f(f(12.92) * value);
}

export function srgbToXyzD65([r, g, b]: Vec3): Vec3 {
  return mat(LIN_SRGB_TO_XYZ, linear(r), linear(g), linear(b));
}

export function xyzD65ToSrgb([x, y, z]: Vec3): Vec3 {
  const [r, g, b] = mat(XYZ_TO_LIN_SRGB, x, y, z);
  return [gamma(r), gamma(g), gamma(b)];
}

export function xyzD65ToD50(xyz: Vec3): Vec3 {
  return mat(D65_TO_D50, ...xyz);
}

export function xyzD50ToD65(xyz: Vec3): Vec3 {
  return mat(D50_TO_D65, ...xyz);
}

export function xyzD50ToLab([x, y, z]: Vec3): Vec3 {
  const component = (value: number): number => (value > EPSILON ? cbrtf(value) : f(f(f(KAPPA * value) + 16) / 116));
  const f0 = component(f(x / WHITE_D50[0]));
  const f1 = component(f(y / WHITE_D50[1]));
  const f2 = component(f(z / WHITE_D50[2]));
  return [f(f(116 * f1) - 16), f(500 * f(f0 - f1)), f(200 * f(f1 - f2))];
}

export function labToXyzD50([l, a, b]: Vec3): Vec3 {
  const f1 = f(f(l + 16) / 116);
  const f0 = f(f(a / 500) + f1);
  const f2 = f(f1 - f(b / 200));
  const cube = (value: number): number => powf(value, 3);
  const x = cube(f0) > EPSILON ? cube(f0) : f(f(f(116 * f0) - 16) / KAPPA);
  const y = l > f(KAPPA * EPSILON) ? cube(f(f(l + 16) / 116)) : f(l / KAPPA);
  const z = cube(f2) > EPSILON ? cube(f2) : f(f(f(116 * f2) - 16) / KAPPA);
  return [f(x * WHITE_D50[0]), f(y * WHITE_D50[1]), f(z * WHITE_D50[2])];
}

export function oklabToXyzD65([l, a, b]: Vec3): Vec3 {
  const [lms0, lms1, lms2] = mat(OKLAB_TO_LMS, l, a, b);
  const cube = (value: number): number => powf(value, 3);
  return mat(LMS_TO_XYZ, cube(lms0), cube(lms1), cube(lms2));
}

const PI = f(Math.PI);

/**
 * Single-precision cube root as Bun computes it (Zig's std.math.cbrt, musl's
 * cbrtf: a bit-level estimate and two Newton steps in double); Lab's a and b
 * amplify its last bit.
 */
function cbrtf(x: number): number {
  const buf = new DataView(new ArrayBuffer(4));
  buf.setFloat32(0, x);
  let u = buf.getUint32(0);
  let hx = u & 0x7fffffff;
  if (hx >= 0x7f800000) return x + x;
  if (hx < 0x00800000) {
    if (hx === 0) return x;
    buf.setFloat32(0, f(x * 2 ** 24));
    u = buf.getUint32(0);
    hx = u & 0x7fffffff;
    hx = Math.floor(hx / 3) + 642849266;
  } else {
    hx = Math.floor(hx / 3) + 709958130;
  }
  u = ((u & 0x80000000) | hx) >>> 0;
  buf.setUint32(0, u);
  let t = buf.getFloat32(0);
  let r = t * t * t;
  t = (t * (x + x + r)) / (x + r + r);
  r = t * t * t;
  t = (t * (x + x + r)) / (x + r + r);
  return f(t);
}

function xyzD65ToOklab([x, y, z]: Vec3): Vec3 {
  const [l, m, s] = mat(XYZ_TO_LMS, x, y, z);
  return mat(LMS_TO_OKLAB, cbrtf(l), cbrtf(m), cbrtf(s));
}

/** Polar (lightness, chroma, hue in degrees) to rectangular. */
export function polarToRect([l, c, h]: Vec3): Vec3 {
  const radians = f(f(h * PI) / 180);
  return [l, f(c * cosf(radians)), f(c * sinf(radians))];
}

/** Rectangular to polar (hue in degrees, 0–360). */
function rectToPolar([l, a, b]: Vec3): Vec3 {
  let h = f(f(atan2f(b, a) * 180) / PI);
  if (h < 0) h = f(h + 360);
  const c = f(Math.sqrt(f(f(a * a) + f(b * b))));
  return [l, c, f(h % 360)];
}

/** sRGB (0–1) to hue in degrees (NaN for greys), saturation and lightness (0–1). */
export function srgbToHsl([r, g, b]: Vec3): Vec3 {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let hue = Number.NaN;
  let saturation = 0;
  const lightness = f(f(min + max) / 2);
  const delta = f(max - min);
  if (delta !== 0) {
    saturation = lightness === 0 || lightness === 1 ? 0 : f(f(max - lightness) / Math.min(lightness, f(1 - lightness)));
    if (max === r) hue = f(f(f(g - b) / delta) + (g < b ? 6 : 0));
    else if (max === g) hue = f(f(f(b - r) / delta) + 2);
    else hue = f(f(f(r - g) / delta) + 4);
    hue = f(hue * 60);
  }
  return [hue, saturation, lightness];
}

/** One channel of cssparser's hsl_to_rgb (hue pre-multiplied by 3). */
function hueToChannel(m1: number, m2: number, hueTimes3: number): number {
  let h3 = hueTimes3;
  if (h3 < 0) h3 = f(h3 + 3);
  if (h3 > 3) h3 = f(h3 - 3);
  if (f(h3 * 2) < 1) return f(m1 + f(f(f(m2 - m1) * h3) * 2));
  if (f(h3 * 2) < 3) return m2;
  if (h3 < 2) return f(m1 + f(f(f(m2 - m1) * f(2 - h3)) * 2));
  return m1;
}

/** HSL (hue in degrees, saturation and lightness 0–1) to sRGB, the way Bun's CSS engine (after cssparser) computes it in f32. */
export function hslToSrgb(hue: number, saturation: number, lightness: number): Vec3 {
  const degrees = f(hue - f(360 * Math.floor(f(hue / 360))));
  const turns = f(degrees / 360);
  const m2 = lightness <= 0.5 ? f(lightness * f(saturation + 1)) : f(f(lightness + saturation) - f(lightness * saturation));
  const m1 = f(f(lightness * 2) - m2);
  const hueTimes3 = f(turns * 3);
  return [hueToChannel(m1, m2, f(hueTimes3 + 1)), hueToChannel(m1, m2, hueTimes3), hueToChannel(m1, m2, f(hueTimes3 - 1))];
}

/** A 0–1 channel to a byte: rounded, clamped. */
export function toByte(value: number): number {
  const scaled = Math.round(f(value * 255));
  if (!(scaled > 0)) return 0;
  return scaled > 255 ? 255 : scaled;
}

function inGamut([r, g, b]: Vec3): boolean {
  return r >= 0 && r <= 1 && g >= 0 && g <= 1 && b >= 0 && b <= 1;
}

function clip(values: Vec3): Vec3 {
  return values.map((value) => Math.min(Math.max(value, 0), 1)) as Vec3;
}

function srgbToOklab(srgb: Vec3): Vec3 {
  return xyzD65ToOklab(srgbToXyzD65(srgb));
}

function oklabToSrgb(oklab: Vec3): Vec3 {
  return xyzD65ToSrgb(oklabToXyzD65(oklab));
}

function deltaEok(a: Vec3, b: Vec3): number {
  const dl = f(a[0] - b[0]);
  const da = f(a[1] - b[1]);
  const db = f(a[2] - b[2]);
  return f(Math.sqrt(f(f(f(dl * dl) + f(da * da)) + f(db * db))));
}

/**
 * CSS Color 4 gamut mapping of out-of-range sRGB, as Bun's CSS engine
 * applies it before producing 8-bit RGB or HSL: the color (after a round
 * trip through OKLCH) clipped if that is within a just-noticeable difference,
 * else a binary search on OKLCH chroma.
 */
export function mapSrgbGamut(srgb: Vec3): Vec3 {
  if (inGamut(srgb)) return srgb;
  const JND = f(0.02);
  const EPSILON_GAMUT = f(0.00001);
  const current = rectToPolar(srgbToOklab(srgb));
  if (Math.abs(f(current[0] - 1)) < EPSILON_GAMUT || current[0] > 1) return oklabToSrgb(polarToRect([1, 0, 0]));
  if (current[0] < EPSILON_GAMUT) return oklabToSrgb(polarToRect([0, 0, 0]));
  const originClipped = clip(oklabToSrgb(polarToRect(current)));
  if (deltaEok(srgbToOklab(originClipped), polarToRect(current)) < JND) return originClipped;
  let min = 0;
  let max = current[1];
  while (f(max - min) > EPSILON_GAMUT) {
    const chroma = f(f(min + max) / 2);
    current[1] = chroma;
    const converted = oklabToSrgb(polarToRect(current));
    if (inGamut(converted)) {
      min = chroma;
      continue;
    }
    const clipped = clip(converted);
    if (deltaEok(srgbToOklab(clipped), polarToRect(current)) < JND) return clipped;
    max = chroma;
  }
  return oklabToSrgb(polarToRect(current));
}
