import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.SHA512`: the sha512 digest as a class. `new SHA512().update(data).digest(encoding?)`
 * (one digest per instance), static `SHA512.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto.
 *
 * @example
 * ```ts
 * import { SHA512 } from "@dx-compat/bun";
 * SHA512.hash("hello", "hex");
 * new SHA512().update("hel").update("lo").digest("base64");
 * ```
 */
export const SHA512: typeof import("bun").SHA512 = /* @__PURE__ */ staticHasher("SHA512", "sha512") as never;
