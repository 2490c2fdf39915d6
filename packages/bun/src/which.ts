import { which as lookUp } from "@dx-compat/native";
import { launchPath } from "./internal/spawn/launch-env.ts";
import { toBunString } from "./internal/spawn/options.ts";

/**
 * `Bun.which(command, { PATH, cwd })`: the path of the executable `command`
 * would run, or null. As Bun: an absolute command is checked as it is, one
 * with a slash is joined to `cwd`, a bare name is looked up along `PATH` (the
 * launch environment's unless given; relative entries count from `cwd`).
 * Paths are not normalised. Non-string arguments are converted to strings.
 *
 * @example
 * ```ts
 * import { which } from "@dx-compat/bun";
 * which("sh"); // "/usr/bin/sh"
 * ```
 */
/** PATH_MAX: Bun refuses a longer command outright. */
const MAX_PATH_BYTES = 4096;

export const which: typeof import("bun").which = function which(command: string, options?: import("bun").WhichOptions): string | null {
  const input: unknown = command;
  if (input === undefined || input === null) return null;
  const bin = toBunString(input);
  if (Buffer.byteLength(bin) >= MAX_PATH_BYTES) throw new Error("bin path is too long");
  if (bin.length === 0) return null;
  let PATH = launchPath();
  let cwd = process.cwd();
  const opts: unknown = options;
  if (typeof opts === "object" && opts !== null) {
    const { PATH: path, cwd: dir } = opts as Record<string, unknown>;
    if (path !== undefined) PATH = toBunString(path);
    if (dir !== undefined) cwd = toBunString(dir);
  }
  return lookUp(bin, PATH, cwd);
};
