// Hashing and verifying once the arguments are accepted: the same plan for
// the sync and async forms, computed on the calling thread or on libuv's pool.
import { isAscii } from "node:buffer";
import { timingSafeEqual } from "node:crypto";
import { argon2HashInput, encodeArgon2, planArgon2Verify } from "./argon2.ts";
import type { VerifyJob } from "./argon2.ts";
import { argon2Backend, bcryptBackend } from "./backends.ts";
import type { Argon2Input, BcryptInput } from "./backends.ts";
import { bcryptHashInput, cryptHashBytes, planBcryptVerify } from "./bcrypt.ts";
import { failureError, PasswordFailure } from "./errors.ts";
import { detectAlgorithm } from "./input.ts";
import type { AlgorithmLabel, HashAlgorithm } from "./input.ts";

export function hashNow(password: Uint8Array, algorithm: HashAlgorithm): string {
  if (algorithm.algorithm === "bcrypt") return bcryptBackend().sync(bcryptHashInput(password, algorithm.cost));
  const input = argon2HashInput(password, algorithm.algorithm, algorithm.memoryCost, algorithm.timeCost);
  return encodeArgon2(input, argon2Backend().sync(input));
}

export async function hashLater(password: Uint8Array, algorithm: HashAlgorithm): Promise<string> {
  if (algorithm.algorithm === "bcrypt") return bcryptBackend().async(bcryptHashInput(password, algorithm.cost));
  const input = argon2HashInput(password, algorithm.algorithm, algorithm.memoryCost, algorithm.timeCost);
  return encodeArgon2(input, await argon2Backend().async(input));
}

type Plan = boolean | { argon2: VerifyJob<Argon2Input> } | { bcrypt: VerifyJob<BcryptInput> };

/** Everything short of the expensive part: which algorithm, and what to compute, or Bun's answer without computing. */
function planVerify(password: Uint8Array, hash: Buffer, named: AlgorithmLabel | undefined): Plan {
  if (hash.length === 0 || password.length === 0) return false;
  const text = hash.toString("latin1");
  const algorithm = named ?? detectAlgorithm(text);
  if (algorithm === undefined) throw new PasswordFailure("UnsupportedAlgorithm");
  if (!isAscii(hash)) throw new PasswordFailure("InvalidEncoding");
  if (algorithm !== "bcrypt") return { argon2: planArgon2Verify(text, password) };
  const job = planBcryptVerify(text, password);
  return job === false ? false : { bcrypt: job };
}

function matches(computed: Uint8Array, expected: Uint8Array): boolean {
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

function asVerificationError(error: unknown): unknown {
  return error instanceof PasswordFailure ? failureError("verification", error.reason) : error;
}

/** The verification plan, its failures reported as verification errors. */
function verificationPlan(password: Uint8Array, hash: Buffer, named: AlgorithmLabel | undefined): Plan {
  try {
    return planVerify(password, hash, named);
  } catch (error) {
    throw asVerificationError(error);
  }
}

export function verifyNow(password: Uint8Array, hash: Buffer, named: AlgorithmLabel | undefined): boolean {
  const plan = verificationPlan(password, hash, named);
  if (typeof plan === "boolean") return plan;
  if ("argon2" in plan) return matches(argon2Backend().sync(plan.argon2.input), plan.argon2.expected);
  return matches(cryptHashBytes(bcryptBackend().sync(plan.bcrypt.input)), plan.bcrypt.expected);
}

export async function verifyLater(password: Uint8Array, hash: Buffer, named: AlgorithmLabel | undefined): Promise<boolean> {
  const plan = verificationPlan(password, hash, named);
  if (typeof plan === "boolean") return plan;
  if ("argon2" in plan) return matches(await argon2Backend().async(plan.argon2.input), plan.argon2.expected);
  return matches(cryptHashBytes(await bcryptBackend().async(plan.bcrypt.input)), plan.bcrypt.expected);
}
