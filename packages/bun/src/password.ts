// Bun.password: argon2 (argon2id by default) and bcrypt password hashes in
// Bun's exact string formats, verifiable both ways between Bun and Node.
// Argument errors throw at the call, from the async forms too; the work of
// `hash`/`verify` runs off the event loop.
import { invalidArgType } from "./internal/errors.ts";
import { argumentBytes, hashAlgorithm, verifyAlgorithm } from "./internal/password/input.ts";
import { hashLater, hashNow, verifyLater, verifyNow } from "./internal/password/run.ts";

type BunPassword = typeof import("bun").password;

function passwordToHash(password: unknown, algorithm: unknown, coerce: boolean) {
  const bytes = argumentBytes(password, "password", coerce);
  const chosen = hashAlgorithm(algorithm);
  if (bytes.length === 0) throw invalidArgType("password must not be empty");
  return { bytes, chosen };
}

// Method syntax: like Bun's natives, these have no `prototype` and cannot be constructed.
const methods = {
  hash(password: unknown, algorithm?: unknown): Promise<string> {
    const { bytes, chosen } = passwordToHash(password, algorithm, true);
    return hashLater(bytes, chosen);
  },
  hashSync(password: unknown, algorithm?: unknown): string {
    const { bytes, chosen } = passwordToHash(password, algorithm, false);
    return hashNow(bytes, chosen);
  },
  // `...rest` keeps `length` at 2, as Bun declares these.
  verify(password: unknown, hash: unknown, ...rest: unknown[]): Promise<boolean> {
    const passwordBytes = argumentBytes(password, "password", true);
    const hashBytes = argumentBytes(hash, "hash", true);
    return verifyLater(passwordBytes, hashBytes, verifyAlgorithm(rest[0]));
  },
  verifySync(password: unknown, hash: unknown, ...rest: unknown[]): boolean {
    const passwordBytes = argumentBytes(password, "password", false);
    const hashBytes = argumentBytes(hash, "hash", false);
    return verifyNow(passwordBytes, hashBytes, verifyAlgorithm(rest[0]));
  },
};

export const password: BunPassword = methods as BunPassword;
