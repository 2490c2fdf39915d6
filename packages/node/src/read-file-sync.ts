import { readFileSync as nativeReadFileSync } from "@dx-compat/native";
import { readFileSync as nodeReadFileSync } from "node:fs";
import { fastRead } from "./internal/fast-path.ts";

/**
 * A drop-in for `node:fs`' `readFileSync`, on the same native path as
 * {@link readFile} for plain paths; anything else goes to Node's own.
 *
 * @example
 * ```ts
 * import { readFileSync } from "@dx-compat/node";
 * const bytes = readFileSync("package.json");
 * ```
 */
export const readFileSync: typeof nodeReadFileSync = function readFileSync(path: unknown, options?: unknown) {
  const fast = fastRead(path, options);
  if (fast === undefined) return nodeReadFileSync(path as never, options as never);
  const bytes = nativeReadFileSync(fast.path);
  return fast.encoding === undefined ? bytes : bytes.toString(fast.encoding);
} as typeof nodeReadFileSync;
