// Bun's option objects for gzipSync/deflateSync (ZlibCompressionOptions),
// gunzipSync/inflateSync (ZlibDecompressionOptions) and the zstd functions,
// read in Bun's order with Bun's conversions and errors.
import { bunCoded, describeReceived, invalidArgType, outOfRange } from "../errors.ts";

type Library = "zlib" | "libdeflate";

export interface CompressOptions {
  library: Library;
  /** As given (after conversion); range-checked by the engine, as Bun's zlib and libdeflate do. */
  level: number | undefined;
  memLevel: number | undefined;
  strategy: number | undefined;
}

export interface DecompressOptions {
  library: Library;
  windowBits: number | undefined;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/**
 * Bun's numeric coercion for these options: ToNumber (a bigint converts, a
 * symbol is JSC's TypeError), then NaN to 0, truncation toward zero and
 * saturation at the int32 bounds (so 2^32 + 6 stays out of range, never wraps to 6).
 */
function toInt32(value: unknown): number {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a number");
  const number = Number(value);
  if (Number.isNaN(number)) return 0;
  return Math.trunc(Math.min(Math.max(number, INT32_MIN), INT32_MAX));
}

/** Node's and Bun's "Received …" for an out-of-range number: digit groups past 2^32, -0 kept. */
function receivedNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) {
    const text = String(value);
    let grouped = "";
    let end = text.length;
    const start = text.startsWith("-") ? 1 : 0;
    for (; end >= start + 4; end -= 3) grouped = `_${text.slice(end - 3, end)}${grouped}`;
    return `${text.slice(0, end)}${grouped}`;
  }
  return Object.is(value, -0) ? "-0" : String(value);
}

/** memLevel and strategy: no coercion at all, an integer number within [min, max] or absent. */
function integerInRange(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number") throw invalidArgType(`The "${name}" property must be of type number. ${describeReceived(value)}`);
  if (!Number.isInteger(value)) throw outOfRange(`The value of "${name}" is out of range. It must be an integer. Received ${receivedNumber(value)}`);
  if (value < min || value > max) {
    throw outOfRange(`The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${receivedNumber(value)}`);
  }
  return value;
}

/** `library` is read as a string (absent when undefined, null or empty) and matched against the names later. */
function libraryName(value: unknown, dictionary: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidArgType(`${dictionary}.library must be a string`);
  return value === "" ? undefined : value;
}

function resolveLibrary(name: string | undefined): Library {
  if (name === undefined || name === "zlib") return "zlib";
  if (name === "libdeflate") return "libdeflate";
  throw invalidArgType("Expected library to be one of 'zlib' or 'libdeflate'");
}

/**
 * Bun reads windowBits, library, level, memLevel, strategy in that order,
 * validating each as it goes; the library name is matched only afterwards.
 * `windowBits` is converted but unused: Bun always compresses with a 15-bit window.
 */
export function compressOptions(options: unknown): CompressOptions {
  if (options === undefined) return { library: "zlib", level: undefined, memLevel: undefined, strategy: undefined };
  if (!isObject(options)) throw invalidArgType("ZlibCompressionOptions must be an object");
  const windowBits = options["windowBits"];
  if (windowBits !== undefined) toInt32(windowBits);
  const library = libraryName(options["library"], "ZlibCompressionOptions");
  const levelValue = options["level"];
  const level = levelValue === undefined ? undefined : toInt32(levelValue);
  const memLevel = integerInRange(options["memLevel"], "ZlibCompressionOptions.memLevel", 1, 9);
  const strategy = integerInRange(options["strategy"], "ZlibCompressionOptions.strategy", 0, 4);
  return { library: resolveLibrary(library), level, memLevel, strategy };
}

/** Bun reads windowBits, level, memLevel, strategy (converted, then ignored), library. */
export function decompressOptions(options: unknown): DecompressOptions {
  if (options === undefined) return { library: "zlib", windowBits: undefined };
  if (!isObject(options)) throw invalidArgType("ZlibDecompressionOptions must be an object");
  const windowBitsValue = options["windowBits"];
  const windowBits = windowBitsValue === undefined ? undefined : toInt32(windowBitsValue);
  for (const ignored of ["level", "memLevel", "strategy"]) {
    const value = options[ignored];
    if (value !== undefined) toInt32(value);
  }
  const library = libraryName(options["library"], "ZlibDecompressionOptions");
  return { library: resolveLibrary(library), windowBits };
}

/** zstd's `level`: 1 to 22, default 3. */
export function zstdLevel(options: unknown): number {
  if (options === undefined) return 3;
  if (!isObject(options)) throw invalidArgType("ZstdCompressionOptions must be an object");
  const value = options["level"];
  if (value === undefined) return 3;
  const level = toInt32(value);
  if (level < 1 || level > 22) throw invalidArgType("Compression level must be between 1 and 22");
  return level;
}

/** The plain `Error` (no code) Bun's zlib binding throws: corrupt input, bad arguments to the engine. */
export function zlibError(message: string): Error {
  return new Error(message);
}

/** Bun's `ERR_ZSTD` errors. */
export function zstdError(message: string): Error {
  return bunCoded(message, "ERR_ZSTD");
}
