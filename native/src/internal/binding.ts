// The one contract both backends implement: the Rust addon (rust/lib.rs) and
// the TypeScript twin (./twin/index.ts). Arguments arrive normalised by the
// caller: seeds as unsigned 32-bit halves, inputs as a string (hashed as UTF-8)
// or a TypedArray (hashed as its bytes).

export type HashInput = string | NodeJS.TypedArray;

export interface HashBinding {
  wyhash(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  adler32(input: HashInput): number;
  /** Bun 1.4.5 seeds crc32 with a running CRC (zlib's `crc32(seed, bytes)`). */
  crc32(input: HashInput, seedLo?: number): number;
  cityHash32(input: HashInput): number;
  cityHash64(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  xxHash32(input: HashInput, seedLo?: number): number;
  xxHash64(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  /** Bun truncates xxHash3's seed to 32 bits, so only the low half counts. */
  xxHash3(input: HashInput, seedLo?: number): bigint;
  murmur32v2(input: HashInput, seedLo?: number): number;
  murmur32v3(input: HashInput, seedLo?: number): number;
  murmur64v2(input: HashInput, seedLo?: number, seedHi?: number): bigint;
  rapidhash(input: HashInput, seedLo?: number, seedHi?: number): bigint;
}

export type HashAlgorithm = keyof HashBinding;

/**
 * A read either gives the file's bytes or a failure code, `errno * 4 +
 * syscall` (0 = open, 1 = read), from which the caller builds the error Node's
 * `fs` would throw (see ./file-error.ts).
 */
type ReadOutcome = Buffer | number;

export interface FileBinding {
  readFileSync(path: string): ReadOutcome;
  readFile(path: string): Promise<ReadOutcome>;
}

export type NativeBinding = HashBinding & FileBinding;

export const hashAlgorithms: readonly HashAlgorithm[] = [
  "wyhash",
  "adler32",
  "crc32",
  "cityHash32",
  "cityHash64",
  "xxHash32",
  "xxHash64",
  "xxHash3",
  "murmur32v2",
  "murmur32v3",
  "murmur64v2",
  "rapidhash",
];

export const bindingFunctions: readonly (keyof NativeBinding)[] = [...hashAlgorithms, "readFileSync", "readFile"];
