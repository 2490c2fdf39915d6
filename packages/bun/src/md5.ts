import { staticHasher } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.MD5`: the md5 digest as a class. `new MD5().update(data).digest(encoding?)`
 * (one digest per instance), static `MD5.hash(data, encoding | hashInto?)` and
 * `byteLength`. Data is a string (UTF-8), buffer, view or Blob; results are a
 * Uint8Array, a string in the encoding, a Buffer for "buffer", or the
 * `hashInto` array. Computed by node:crypto.
 *
 * @example
 * ```ts
 * import { MD5 } from "@dx-compat/bun";
 * MD5.hash("hello", "hex");
 * new MD5().update("hel").update("lo").digest("base64");
 * ```
 */
export const MD5: typeof import("bun").MD5 = /* @__PURE__ */ staticHasher("MD5", "md5") as never;
