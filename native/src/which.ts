import { selected } from "./internal/selected.ts";

/**
 * Bun's executable lookup: `bin` as an absolute path, against `cwd` when it
 * contains a slash, else along `PATH` (relative entries count from `cwd`); the
 * first executable regular file, or null. Natively a `stat` and an `access`
 * per candidate; the twin does the same through Node's `fs`.
 *
 * @example
 * ```ts
 * import { which } from "@dx-compat/native";
 * which("sh", process.env.PATH ?? "", process.cwd()); // "/usr/bin/sh"
 * ```
 */
export function which(bin: string, PATH: string, cwd: string): string | null {
  // A NUL cannot be in a path: nothing is found (the native side could not even pass it on).
  if (bin.includes("\0")) return null;
  return selected().binding.which(bin, PATH, cwd);
}
