import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.SHA1`: the sha1 digest as a class. `new SHA1().update(data).digest(encoding?)`
 * (one digest per instance), static `SHA1.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto.
 *
 * @example
 * ```ts
 * import { SHA1 } from "@dx-compat/bun";
 * SHA1.hash("hello", "hex");
 * new SHA1().update("hel").update("lo").digest("base64");
 * ```
 */
export const SHA1: typeof import("bun").SHA1 = /* @__PURE__ */ staticHasher("SHA1", "sha1") as never;
