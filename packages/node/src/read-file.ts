import { readFile as nativeReadFile } from "@dx-compat/native";
import { readFile as nodeReadFile } from "node:fs/promises";
import { fastRead } from "./internal/fast-path.ts";

/**
 * A drop-in for `node:fs/promises`' `readFile`. Plain paths (string or `file:`
 * URL, flag `"r"`, no signal) are read by `@dx-compat/native`: one `read` into
 * page-aligned, never-zeroed memory, recycled across large reads (see the
 * `file/arraybuffer-256mib` benchmark); everything else, and every error's shape, is Node's.
 *
 * @example
 * ```ts
 * import { readFile } from "@dx-compat/node";
 * const text = await readFile("package.json", "utf8");
 * ```
 */
export const readFile: typeof nodeReadFile = async function readFile(path: unknown, options?: unknown) {
  const fast = fastRead(path, options);
  if (fast === undefined) return nodeReadFile(path as never, options as never);
  const bytes = await nativeReadFile(fast.path);
  return fast.encoding === undefined ? bytes : bytes.toString(fast.encoding);
} as typeof nodeReadFile;
