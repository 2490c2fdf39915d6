// The errors Bun.password raises once its arguments are accepted: a plain
// `Error` named after the hasher's error, with an enumerable `code`.
import { notImplemented } from "@dx-compat/shared/errors";
import type { CodedError } from "@dx-compat/shared/errors";
import { invalidArgType } from "../errors.ts";

/** The hasher errors Bun reports (`InvalidEncoding` → code `PASSWORD_INVALID_ENCODING`). */
export type FailureName = "InvalidEncoding" | "WeakParameters" | "UnsupportedAlgorithm";

/** Thrown inside the verifier to stop at the first problem Bun would report. */
export class PasswordFailure {
  readonly reason: FailureName;

  constructor(reason: FailureName) {
    this.reason = reason;
  }
}

export function failureError(operation: "hashing" | "verification", reason: FailureName): CodedError {
  const error = new Error(`Password ${operation} failed with error "${reason}"`) as CodedError;
  error.code = `PASSWORD${reason.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
  return error;
}

/** "Expected {what} to be a {expected} for '{fn}'.", as Bun words a wrong argument type. */
export function expectedArgument(what: string, expected: string, fn: "hash" | "verify"): CodedError {
  return invalidArgType(`Expected ${what} to be a ${expected} for '${fn}'.`);
}

export const UNKNOWN_ALGORITHM = 'unknown algorithm, expected one of: "bcrypt", "argon2id", "argon2d", "argon2i" (default is "argon2id")';

/** What no maintained argon2/bcrypt library can compute on Node. */
export function unsupportedHash(why: string): CodedError {
  return notImplemented("Bun.password.verify", why);
}
