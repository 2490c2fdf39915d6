import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.MD4`: the md4 digest as a class. `new MD4().update(data).digest(encoding?)`
 * (one digest per instance), static `MD4.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto where OpenSSL still has MD4, else in JS.
 *
 * @example
 * ```ts
 * import { MD4 } from "@dx-compat/bun";
 * MD4.hash("hello", "hex");
 * new MD4().update("hel").update("lo").digest("base64");
 * ```
 */
export const MD4: typeof import("bun").MD4 = /* @__PURE__ */ staticHasher("MD4", "md4") as never;
