// bcrypt as Bun does it: `$2b$<cost>$<22-char salt><31-char hash>`, with
// passwords over 72 bytes replaced by their SHA-512 digest first (so they are
// not cut at 72 bytes). Verification also takes the `$2a$`/`$2x$`/`$2y$`
// spellings and the PHC form `$bcrypt$r=<cost>$<salt>$<hash>`.
import { createHash, randomBytes } from "node:crypto";
import type { BcryptInput } from "./backends.ts";
import type { VerifyJob } from "./argon2.ts";
import { decodeStrict } from "./base64.ts";
import { PasswordFailure } from "./errors.ts";
import { rustU32, zigU6 } from "./parse.ts";

const CRYPT_LENGTH = 60;
const SALT_CHARS = 22;
const SALT_LENGTH = 16;
const HASH_LENGTH = 23;
const PREFIXES = new Set(["2a", "2b", "2x", "2y"]);

/** Over 72 bytes bcrypt would ignore the rest; Bun hashes the SHA-512 digest instead. */
function prehashed(password: Uint8Array): Uint8Array {
  return password.length > 72 ? createHash("sha512").update(password).digest() : password;
}

export function bcryptHashInput(password: Uint8Array, cost: number): BcryptInput {
  return { password: prehashed(password), salt: randomBytes(SALT_LENGTH), cost };
}

/** The 23 hash bytes at the end of a crypt(3) string the backend produced. */
export function cryptHashBytes(crypt: string): Uint8Array {
  return decodeStrict(crypt.slice(CRYPT_LENGTH - 31), "bcrypt")!;
}

function checkCost(cost: number): void {
  if (cost < 4 || cost > 31) throw new PasswordFailure("WeakParameters");
}

/** `$2b$10$…`: 60 characters, "$" at 3 and 6, then the Rust `bcrypt` crate's parse. */
function planCrypt(hash: string, password: Uint8Array): VerifyJob<BcryptInput> {
  if (hash.length !== CRYPT_LENGTH || hash[3] !== "$" || hash[6] !== "$") throw new PasswordFailure("InvalidEncoding");
  const [, prefix, costText, body] = hash.split("$");
  const cost = hash.split("$").length === 4 && PREFIXES.has(prefix!) ? rustU32(costText!) : undefined;
  if (cost === undefined) throw new PasswordFailure("InvalidEncoding");
  const salt = decodeStrict(body!.slice(0, SALT_CHARS), "bcrypt");
  const expected = decodeStrict(body!.slice(SALT_CHARS), "bcrypt");
  if (salt === undefined || expected === undefined) throw new PasswordFailure("InvalidEncoding");
  checkCost(cost);
  return { input: { password: prehashed(password), salt, cost }, expected };
}

function splitOnce(text: string): [string, string] {
  const at = text.indexOf("$");
  if (at === -1) throw new PasswordFailure("InvalidEncoding");
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `$bcrypt$r=10$<salt>$<hash>` in standard base64; another id there is a mismatch, not an error. */
function planPhc(hash: string, password: Uint8Array): VerifyJob<BcryptInput> | false {
  if (!hash.startsWith("$")) throw new PasswordFailure("InvalidEncoding");
  const [id, afterId] = splitOnce(hash.slice(1));
  if (id !== "bcrypt") return false;
  const [parameters, afterParameters] = splitOnce(afterId);
  const cost = parameters.startsWith("r=") ? zigU6(parameters.slice(2)) : undefined;
  if (cost === undefined) throw new PasswordFailure("InvalidEncoding");
  const [saltText, hashText] = splitOnce(afterParameters);
  const salt = decodeStrict(saltText, "standard");
  const expected = decodeStrict(hashText, "standard");
  if (salt?.length !== SALT_LENGTH || expected?.length !== HASH_LENGTH) throw new PasswordFailure("InvalidEncoding");
  checkCost(cost);
  return { input: { password: prehashed(password), salt, cost }, expected };
}

/** What verifying against a bcrypt `hash` (ASCII text) computes, `false` outright, or the `PasswordFailure` Bun reports. */
export function planBcryptVerify(hash: string, password: Uint8Array): VerifyJob<BcryptInput> | false {
  return hash.startsWith("$2") ? planCrypt(hash, password) : planPhc(hash, password);
}
