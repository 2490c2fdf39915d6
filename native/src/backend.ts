import { selected } from "./internal/selected.ts";

/**
 * Which implementation serves this process: `"native"` (the Rust addon) or
 * `"typescript"` (its pure-TS twin). Chosen once, on first use: the addon when
 * it loads, the twin otherwise or when `DX_COMPAT_NATIVE=0`.
 *
 * @example
 * ```ts
 * import { backend } from "@dx-compat/native";
 * console.log(backend()); // "native" where a binary exists
 * ```
 */
export function backend(): "native" | "typescript" {
  return selected().backend;
}
