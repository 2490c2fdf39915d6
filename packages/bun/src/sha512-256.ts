import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.SHA512_256`: the sha512-256 digest as a class. `new SHA512_256().update(data).digest(encoding?)`
 * (one digest per instance), static `SHA512_256.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto.
 *
 * @example
 * ```ts
 * import { SHA512_256 } from "@dx-compat/bun";
 * SHA512_256.hash("hello", "hex");
 * new SHA512_256().update("hel").update("lo").digest("base64");
 * ```
 */
export const SHA512_256: typeof import("bun").SHA512_256 = /* @__PURE__ */ staticHasher("SHA512_256", "sha512-256") as never;
