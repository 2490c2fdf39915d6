// Node's fs errors re-shaped as Bun's: the same message, code and errno, with
// Bun's own keys in Bun's order (code, path, syscall, errno).
import { systemError } from "../errors.ts";

interface NodeSystemError extends Error {
  code?: string;
  errno?: number;
  path?: string;
  syscall?: string;
}

export function isSystemError(error: unknown): error is NodeSystemError {
  return error instanceof Error && typeof (error as NodeSystemError).code === "string" && typeof (error as NodeSystemError).errno === "number";
}

/** `error` as Bun reports it; anything that is not a system error passes through unchanged. */
export function bunFsError(error: unknown, path?: string): unknown {
  if (!isSystemError(error)) return error;
  const code = error.code as string;
  // Bun names the path it was given even where Node's message leaves it out.
  const where = error.path ?? path;
  if (code === "EISDIR" && error.syscall === "read") {
    // Bun refuses a directory before reading, in its own words and with errno 0.
    return systemError("Directories cannot be read like files", "EISDIR", 0, where, "read");
  }
  return systemError(error.message, code, error.errno as number, error.path, error.syscall);
}

