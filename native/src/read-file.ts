import { fileError } from "./internal/file-error.ts";
import { selected } from "./internal/selected.ts";
import * as nodeFs from "./internal/twin/read-file.ts";

/** Paths Node's `fs` rejects before any system call (wrong type, NUL bytes) get its own error. */
function unusualPath(path: unknown): boolean {
  return typeof path !== "string" || path.includes("\0");
}

/**
 * Reads a whole file into a Buffer. Natively: one `read` of the file's size
 * into memory that is never zeroed, then a probe for growth, so the Buffer
 * holds exactly the bytes that were there (shrunk or grown mid-read); it never
 * maps the file. Errors are Node's `fs` errors (`ENOENT`, `EISDIR`, ...).
 *
 * @example
 * ```ts
 * import { readFile } from "@dx-compat/native";
 * const bytes = await readFile("package.json");
 * ```
 */
export async function readFile(path: string): Promise<Buffer> {
  if (unusualPath(path)) return nodeFs.readFile(path) as Promise<Buffer>;
  const outcome = await selected().binding.readFile(path);
  if (typeof outcome === "number") throw fileError(outcome, path);
  return outcome;
}

/**
 * The synchronous twin of {@link readFile}.
 *
 * @example
 * ```ts
 * import { readFileSync } from "@dx-compat/native";
 * const bytes = readFileSync("package.json");
 * ```
 */
export function readFileSync(path: string): Buffer {
  if (unusualPath(path)) return nodeFs.readFileSync(path) as Buffer;
  const outcome = selected().binding.readFileSync(path);
  if (typeof outcome === "number") throw fileError(outcome, path);
  return outcome;
}
