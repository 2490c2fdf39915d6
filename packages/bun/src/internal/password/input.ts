// Bun.password's argument rules: what counts as a password or a hash, and how
// the algorithm argument and the options object are read and checked.
import { isAnyArrayBuffer } from "node:util/types";
import { invalidArgType } from "../errors.ts";
import { expectedArgument, UNKNOWN_ALGORITHM } from "./errors.ts";

export type AlgorithmLabel = "argon2id" | "argon2i" | "argon2d" | "bcrypt";
export type Argon2Variant = Exclude<AlgorithmLabel, "bcrypt">;

export type HashAlgorithm = { algorithm: Argon2Variant; memoryCost: number; timeCost: number } | { algorithm: "bcrypt"; cost: number };

// Bun's defaults: argon2id with 64 MiB and 2 passes (Zig's `interactive_2id`), bcrypt cost 10.
const DEFAULT_MEMORY_COST = 65_536;
const DEFAULT_TIME_COST = 2;
const DEFAULT_BCRYPT_COST = 10;
const DEFAULT_ALGORITHM: HashAlgorithm = { algorithm: "argon2id", memoryCost: DEFAULT_MEMORY_COST, timeCost: DEFAULT_TIME_COST };
const U32_MAX = 0xffff_ffff;

function labelOf(name: string): AlgorithmLabel | undefined {
  return name === "argon2id" || name === "argon2i" || name === "argon2d" || name === "bcrypt" ? name : undefined;
}

/** A string or a `String` object (which Bun reads as its string). */
function isStringLike(value: unknown): boolean {
  return typeof value === "string" || value instanceof String;
}

/** The bytes of a string, a buffer or a view of one, copied (the caller may change them later); else `undefined`. */
function bytesOf(value: unknown): Buffer | undefined {
  if (typeof value === "string") return Buffer.from(value, "utf8");
  if (value instanceof String) return Buffer.from(String(value), "utf8");
  if (ArrayBuffer.isView(value)) return Buffer.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  if (isAnyArrayBuffer(value)) return Buffer.from(new Uint8Array(value));
  return undefined;
}

/**
 * A password or hash argument. The `*Sync` functions accept only strings and
 * binary data; the promise-returning ones turn anything but `undefined` into
 * its string form first (`hash(123)` hashes "123"), as Bun does.
 */
export function argumentBytes(value: unknown, name: "password" | "hash", coerce: boolean): Buffer {
  const bytes = bytesOf(value);
  if (bytes !== undefined) return bytes;
  if (!coerce || value === undefined) throw invalidArgType(`${name} must be a string, ArrayBuffer or ArrayBufferView`);
  // JavaScriptCore's ToString wording, where V8 would say "a Symbol value".
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return Buffer.from(`${value as string}`, "utf8");
}

/** The second argument of `hash`/`hashSync`: a label, an options object, or nothing. */
export function hashAlgorithm(value: unknown): HashAlgorithm {
  if (value === undefined || value === null) return DEFAULT_ALGORITHM;
  if (typeof value === "string") return withDefaults(knownLabel(value, "hash"));
  if (typeof value !== "object" && typeof value !== "function") throw invalidArgType("PasswordHashOptions must be an object");
  return fromOptions(value as Record<string, unknown>);
}

function knownLabel(name: string, fn: "hash" | "verify"): AlgorithmLabel {
  const label = labelOf(name);
  if (label === undefined) throw expectedArgument("algorithm", UNKNOWN_ALGORITHM, fn);
  return label;
}

function withDefaults(label: AlgorithmLabel): HashAlgorithm {
  return label === "bcrypt"
    ? { algorithm: label, cost: DEFAULT_BCRYPT_COST }
    : { algorithm: label, memoryCost: DEFAULT_MEMORY_COST, timeCost: DEFAULT_TIME_COST };
}

/** `undefined`, `null` and "" all mean "not given", as Bun's options reader has it. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/**
 * Bun reads `algorithm` (checking its type at once), then `cost`, `timeCost`
 * and `memoryCost`, and only then checks them, the ones the algorithm uses.
 */
function fromOptions(options: Record<string, unknown>): HashAlgorithm {
  const algorithm = options["algorithm"];
  if (!isAbsent(algorithm) && !isStringLike(algorithm)) throw invalidArgType("PasswordHashOptions.algorithm must be a string");
  const cost = options["cost"];
  const timeCost = options["timeCost"];
  const memoryCost = options["memoryCost"];
  const name = isAbsent(algorithm) ? "" : String(algorithm);
  if (name === "") throw expectedArgument("options.algorithm", "string", "hash");
  const label = knownLabel(name, "hash");
  if (label === "bcrypt") return { algorithm: label, cost: bcryptCost(cost) };
  return { algorithm: label, timeCost: argon2TimeCost(timeCost), memoryCost: argon2MemoryCost(memoryCost) };
}

function bcryptCost(value: unknown): number {
  if (isAbsent(value)) return DEFAULT_BCRYPT_COST;
  if (typeof value !== "number") throw expectedArgument("cost", "number", "hash");
  if (!Number.isInteger(value) || value < 4 || value > 31) throw invalidArgType("Rounds must be an integer between 4 and 31");
  return value;
}

function argon2TimeCost(value: unknown): number {
  if (isAbsent(value)) return DEFAULT_TIME_COST;
  if (typeof value !== "number") throw expectedArgument("timeCost", "number", "hash");
  if (!(value >= 1)) throw invalidArgType("Time cost must be greater than 0");
  if (!Number.isInteger(value) || value > U32_MAX) throw invalidArgType("Time cost must be an integer between 1 and 4294967295");
  return value;
}

function argon2MemoryCost(value: unknown): number {
  if (isAbsent(value)) return DEFAULT_MEMORY_COST;
  if (typeof value !== "number") throw expectedArgument("memoryCost", "number", "hash");
  if (!(value >= 8)) throw invalidArgType("Memory cost must be at least 8");
  if (!Number.isInteger(value) || value > U32_MAX) throw invalidArgType("Memory cost must be an integer between 8 and 4294967295");
  return value;
}

/** The third argument of `verify`/`verifySync`: a label or nothing (then the hash names its algorithm). */
export function verifyAlgorithm(value: unknown): AlgorithmLabel | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isStringLike(value)) throw invalidArgType("algorithm must be a string");
  return knownLabel(String(value), "verify");
}

/** The algorithm a hash names by its prefix, as Bun reads it: `$argon2id$`, `$bcrypt…`, `$2…`. */
export function detectAlgorithm(hash: string): AlgorithmLabel | undefined {
  if (hash[0] !== "$") return undefined;
  if (hash.startsWith("argon2d$", 1)) return "argon2d";
  if (hash.startsWith("argon2i$", 1)) return "argon2i";
  if (hash.startsWith("argon2id$", 1)) return "argon2id";
  if (hash.startsWith("bcrypt", 1) || hash.startsWith("2", 1)) return "bcrypt";
  return undefined;
}
