import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.SHA384`: the sha384 digest as a class. `new SHA384().update(data).digest(encoding?)`
 * (one digest per instance), static `SHA384.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto.
 *
 * @example
 * ```ts
 * import { SHA384 } from "@dx-compat/bun";
 * SHA384.hash("hello", "hex");
 * new SHA384().update("hel").update("lo").digest("base64");
 * ```
 */
export const SHA384: typeof import("bun").SHA384 = /* @__PURE__ */ staticHasher("SHA384", "sha384") as never;
