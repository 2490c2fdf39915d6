import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.SHA224`: the sha224 digest as a class. `new SHA224().update(data).digest(encoding?)`
 * (one digest per instance), static `SHA224.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto.
 *
 * @example
 * ```ts
 * import { SHA224 } from "@dx-compat/bun";
 * SHA224.hash("hello", "hex");
 * new SHA224().update("hel").update("lo").digest("base64");
 * ```
 */
export const SHA224: typeof import("bun").SHA224 = /* @__PURE__ */ staticHasher("SHA224", "sha224") as never;
