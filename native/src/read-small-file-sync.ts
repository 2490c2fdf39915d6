import { fileError } from "./internal/file-error.ts";
import { selected } from "./internal/selected.ts";
import * as nodeFs from "./internal/twin/read-file.ts";

/**
 * Reads a file synchronously only when that is sure to be quick: a regular
 * file of fewer than `smallerThan` bytes. Anything else — larger, a FIFO, a
 * device, a directory — gives `undefined` after only `open` and `fstat`, for
 * the caller to read asynchronously. Errors are Node's `fs` errors.
 *
 * @example
 * ```ts
 * import { readFile, readSmallFileSync } from "@dx-compat/native";
 * const bytes = readSmallFileSync("package.json", 64 * 1024) ?? (await readFile("package.json"));
 * ```
 */
export function readSmallFileSync(path: string, smallerThan: number): Buffer | undefined {
  if (!Number.isInteger(smallerThan) || smallerThan < 1 || smallerThan > 0xffff_ffff) {
    throw new RangeError(`smallerThan must be an integer from 1 to 4294967295: ${smallerThan}`);
  }
  // Node's `fs` rejects these before any system call, with its own error.
  if (typeof path !== "string" || path.includes("\0")) return nodeFs.readFileSync(path, smallerThan) as Buffer | undefined;
  const outcome = selected().binding.readFileSync(path, smallerThan);
  if (typeof outcome === "number") throw fileError(outcome, path);
  return outcome;
}
