// Bun's executable lookup (POSIX), the twin of rust/which.rs: shared by
// `Bun.which` and by spawn's resolution of cmd[0]. No normalisation: Bun
// joins strings as they are.
import { accessSync, constants, statSync } from "node:fs";

/** PATH_MAX: Bun refuses (or fails to find) anything this long. */
const MAX_PATH_BYTES = 4096;

function isExecutableFile(path: string): boolean {
  if (path.includes("\0") || Buffer.byteLength(path) >= MAX_PATH_BYTES) return false;
  try {
    // stat first, without throwing: most PATH entries lack the name, and a
    // thrown ENOENT (an Error with a stack) costs ten times the system call.
    if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}

/** `segment/bin`, or undefined when that is not an executable file. */
function candidate(segment: string, bin: string): string | undefined {
  const path = `${segment}/${bin}`;
  return isExecutableFile(path) ? path : undefined;
}

/**
 * Where `bin` runs from: an absolute path as it is; a path with a slash
 * against `cwd` (a leading "./" dropped); a bare name along `PATH`, whose
 * relative entries count from `cwd`. Null when nothing executable is found.
 */
export function which(bin: string, PATH: string, cwd: string): string | null {
  if (bin.length === 0) return null;
  if (bin.startsWith("/")) return isExecutableFile(bin) ? bin : null;
  if (bin.includes("/")) {
    if (cwd.length === 0) return null;
    return candidate(trimTrailingSlashes(cwd), bin.startsWith("./") ? bin.slice(2) : bin) ?? null;
  }
  const base = trimTrailingSlashes(cwd);
  for (const entry of PATH.split(":")) {
    if (entry.length === 0) continue;
    const segment = trimTrailingSlashes(entry);
    const dir = segment.startsWith("/") || base.length === 0 ? segment : `${base}/${segment}`;
    const found = candidate(dir, bin);
    if (found !== undefined) return found;
  }
  return null;
}
