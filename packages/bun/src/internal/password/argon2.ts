// argon2 hashes in Bun's PHC form, `$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>`
// (32-byte salt, 32-byte hash, unpadded base64), and the checks Bun 1.4.5
// makes on a hash before verifying against it, in Bun's order.
import { randomBytes } from "node:crypto";
import type { Argon2Input } from "./backends.ts";
import { decodeStrict, encodeStandard } from "./base64.ts";
import { PasswordFailure, unsupportedHash } from "./errors.ts";
import type { Argon2Variant } from "./input.ts";
import { rustU32 } from "./parse.ts";

const SALT_LENGTH = 32;
const HASH_LENGTH = 32;

/** The most work Bun agrees to do for a hash it is given: 4 GiB, 2^16 passes, 64 lanes. */
const CEILINGS = new Map([
  ["m", 4_194_304],
  ["t", 65_536],
  ["p", 64],
]);

export interface VerifyJob<Input> {
  input: Input;
  expected: Uint8Array;
}

export function argon2HashInput(password: Uint8Array, variant: Argon2Variant, memoryCost: number, timeCost: number): Argon2Input {
  return { variant, password, salt: randomBytes(SALT_LENGTH), memory: memoryCost, passes: timeCost, parallelism: 1, tagLength: HASH_LENGTH };
}

export function encodeArgon2(input: Argon2Input, hash: Uint8Array): string {
  const { variant, memory, passes, parallelism, salt } = input;
  return `$${variant}$v=19$m=${memory},t=${passes},p=${parallelism}$${encodeStandard(salt)}$${encodeStandard(hash)}`;
}

/**
 * Bun accepts only version 19 and reads a hash without a `v=` segment as
 * version 19 too (inserting one), where rust-argon2 alone would pick 16.
 */
function withVersion(hash: string): string {
  const algorithmEnd = hash.indexOf("$", 1);
  if (!hash.startsWith("$") || algorithmEnd === -1) throw new PasswordFailure("InvalidEncoding");
  const rest = hash.slice(algorithmEnd + 1);
  if (!rest.startsWith("v=")) return `${hash.slice(0, algorithmEnd + 1)}v=19$${rest}`;
  const end = rest.indexOf("$");
  if ((end === -1 ? rest.slice(2) : rest.slice(2, end)) !== "19") throw new PasswordFailure("InvalidEncoding");
  return hash;
}

/** Bun's first pass over the parameters: any m, t or p it cannot read or will not afford stops here. */
function checkCeilings(parameters: string | undefined): void {
  if (parameters === undefined) return;
  for (const entry of parameters.split(",")) {
    const equals = entry.indexOf("=");
    const ceiling = equals === -1 ? undefined : CEILINGS.get(entry.slice(0, equals));
    if (ceiling === undefined) continue;
    const value = rustU32(entry.slice(equals + 1));
    if (value === undefined) throw new PasswordFailure("InvalidEncoding");
    if (value > ceiling) throw new PasswordFailure("WeakParameters");
  }
}

/** rust-argon2 also reads the capitalised names. */
const VARIANTS = new Map<string, Argon2Variant>([
  ["argon2d", "argon2d"],
  ["argon2i", "argon2i"],
  ["argon2id", "argon2id"],
  ["Argon2d", "argon2d"],
  ["Argon2i", "argon2i"],
  ["Argon2id", "argon2id"],
]);

/** rust-argon2's `m=…,t=…,p=…`: exactly these three, in this order. */
function parseParameters(text: string): { m: number; t: number; p: number } {
  const entries = text.split(",");
  const values = ["m", "t", "p"].map((name, i) => {
    const parts = entries[i]?.split("=");
    const value = parts?.length === 2 && parts[0] === name ? rustU32(parts[1]!) : undefined;
    if (value === undefined) throw new PasswordFailure("InvalidEncoding");
    return value;
  });
  if (entries.length !== 3) throw new PasswordFailure("InvalidEncoding");
  return { m: values[0]!, t: values[1]!, p: values[2]! };
}

/**
 * What verifying against an argon2 `hash` (ASCII text) computes, or the
 * `PasswordFailure` Bun reports for it. The variant is the hash's own,
 * whichever argon2 name the caller gave.
 */
export function planArgon2Verify(hash: string, password: Uint8Array): VerifyJob<Argon2Input> {
  const normalised = withVersion(hash);
  const fields = normalised.split("$");
  checkCeilings(fields[3]);
  if (fields.length !== 6) throw new PasswordFailure("InvalidEncoding");
  const variant = VARIANTS.get(fields[1]!);
  if (variant === undefined) throw new PasswordFailure("InvalidEncoding");
  const { m, t, p } = parseParameters(fields[3]!);
  const salt = decodeStrict(fields[4]!, "standard");
  const expected = decodeStrict(fields[5]!, "standard");
  if (salt === undefined || expected === undefined) throw new PasswordFailure("InvalidEncoding");
  if (m === 0 || t === 0 || p === 0 || salt.length < 8 || expected.length < 4) throw new PasswordFailure("WeakParameters");
  if (m < 8 * p) {
    // Bun (like the Zig hasher of Bun <= 1.3) then hashes 8 KiB per lane but
    // mixes the smaller m into the first block; RFC 9106 libraries refuse such m.
    throw unsupportedHash(`cannot verify an argon2 hash whose memory cost (m=${m}) is below 8 KiB per lane (p=${p}): no RFC 9106 implementation computes it`);
  }
  return { input: { variant, password, salt, memory: m, passes: t, parallelism: p, tagLength: expected.length }, expected };
}
