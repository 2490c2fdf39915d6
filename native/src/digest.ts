import {
  DIGEST_AT,
  DIGEST_STATE_BYTES,
  DIGEST_STEP_FINISH,
  DIGEST_STEP_START,
  digestAlgorithms,
  type DigestAlgorithm,
  type HashInput,
} from "./internal/binding.ts";
import { selected } from "./internal/selected.ts";

export type { DigestAlgorithm } from "./internal/binding.ts";
export { DIGEST_AT, DIGEST_STATE_BYTES, DIGEST_STEP_FINISH, DIGEST_STEP_START };

/** One algorithm's digests by the OpenSSL the running Node links (see {@link hostDigest}). */
export interface HostDigest {
  /**
   * Writes the digest of `input` (a string as UTF-8, or a TypedArray's
   * bytes) at the start of `out` (64 bytes are always enough) and returns
   * its length.
   */
  once(input: HashInput, out: Uint8Array): number;
  /**
   * One step of a running digest kept in `state`, a Uint8Array of
   * `DIGEST_STATE_BYTES` that the caller owns: `DIGEST_STEP_START` starts it
   * over, then `input` is added, then `DIGEST_STEP_FINISH` writes the digest
   * so far at `state[DIGEST_AT]` (the state goes on). Copying the state's
   * bytes forks the digest. Returns the digest's length.
   */
  step(state: Uint8Array, input: HashInput, flags: number): number;
}

/**
 * `algorithm`'s digests computed by the OpenSSL that the running Node links,
 * one native call each and no native object, or `undefined` where there is
 * none: on the TypeScript twin, or under a Node that does not export
 * OpenSSL's functions for it. Callers then use `node:crypto`, which gives the
 * same bytes with more overhead per call.
 *
 * @example
 * ```ts
 * import { DIGEST_AT, DIGEST_STATE_BYTES, DIGEST_STEP_FINISH, DIGEST_STEP_START, hostDigest } from "@dx-compat/native";
 * const sha256 = hostDigest("sha256");
 * if (sha256) {
 *   const out = new Uint8Array(64);
 *   out.subarray(0, sha256.once("abc", out)); // ba7816bf…
 *   const state = new Uint8Array(DIGEST_STATE_BYTES);
 *   sha256.step(state, "a", DIGEST_STEP_START);
 *   const length = sha256.step(state, "bc", DIGEST_STEP_FINISH);
 *   state.subarray(DIGEST_AT, DIGEST_AT + length); // ba7816bf… again
 * }
 * ```
 */
export function hostDigest(algorithm: DigestAlgorithm): HostDigest | undefined {
  const index = digestAlgorithms.indexOf(algorithm);
  if (index < 0) return undefined;
  const { binding } = selected();
  if (binding.digest(index, "", new Uint8Array(64)) === 0) return undefined;
  return {
    once: (input, out) => binding.digest(index, input, out),
    step: (state, input, flags) => binding.digestStep(index, state, input, flags),
  };
}
