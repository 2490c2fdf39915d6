import type { HashBinding } from "./internal/binding.ts";
import { selected } from "./internal/selected.ts";

export type { HashAlgorithm, HashBinding, HashInput } from "./internal/binding.ts";

/**
 * The twelve `Bun.hash` algorithms of the selected backend, with normalised
 * arguments: input a string (hashed as UTF-8) or a TypedArray (its bytes);
 * seed as unsigned 32-bit halves. Bun's argument rules (coercions, seed
 * wrapping, errors) live in `@dx-compat/bun`'s `hash`, which calls these.
 *
 * @example
 * ```ts
 * import { hashFunctions } from "@dx-compat/native";
 * const { wyhash, crc32 } = hashFunctions();
 * wyhash("hello", 7, 0); // 10690884516215825974n, as Bun.hash("hello", 7)
 * crc32(new Uint8Array([1, 2, 3])); // 1438416925
 * ```
 */
export function hashFunctions(): HashBinding {
  return selected().binding;
}
