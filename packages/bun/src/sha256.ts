import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.SHA256`: the sha256 digest as a class. `new SHA256().update(data).digest(encoding?)`
 * (one digest per instance), static `SHA256.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto.
 *
 * @example
 * ```ts
 * import { SHA256 } from "@dx-compat/bun";
 * SHA256.hash("hello", "hex");
 * new SHA256().update("hel").update("lo").digest("base64");
 * ```
 */
export const SHA256: typeof import("bun").SHA256 = /* @__PURE__ */ staticHasher("SHA256", "sha256") as never;
