import { algorithmNamed } from "./internal/crypto/algorithms.ts";
import { withLength } from "./internal/crypto/bun-class.ts";
import { staticHash } from "./internal/crypto/static-hasher.ts";

/**
 * `Bun.sha(data, encoding | hashInto?)`: SHA-512/256 of a string (UTF-8),
 * buffer, view or Blob, as `Bun.SHA512_256.hash` gives it: a Uint8Array, a
 * string in `encoding`, a Buffer for "buffer", or written into `hashInto`
 * (32 bytes at least).
 *
 * @example
 * ```ts
 * import { sha } from "@dx-compat/bun";
 * sha("abc", "hex"); // "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"
 * ```
 */
export const sha: typeof import("bun").sha = /* @__PURE__ */ withLength(
  // A method, so that its name stays "sha" through any bundler's renaming.
  {
    sha(input: unknown, output?: unknown): unknown {
      return staticHash(algorithmNamed("sha512-256"), input, output);
    },
  }.sha,
  1,
) as typeof import("bun").sha;
