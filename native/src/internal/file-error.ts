import { getSystemErrorMessage, getSystemErrorName } from "node:util";

const syscalls = ["open", "read", "mmap"] as const;

interface SystemError extends Error {
  errno: number;
  code: string;
  syscall: string;
  path?: string;
}

/**
 * The error Node's `fs.readFile` throws, rebuilt from a native failure code
 * (`errno * 4 + syscall`): same message, `errno` (negative, as libuv reports
 * it), `code`, `syscall`, and `path` for `open` (a failed `read` is on a file
 * descriptor, so Node names no path).
 */
export function fileError(failure: number, path: string): SystemError {
  const errno = -Math.floor(failure / 4);
  const syscall = syscalls[failure % 4] ?? "read";
  const code = getSystemErrorName(errno);
  const where = syscall === "open" ? `${syscall} '${path}'` : syscall;
  const error = new Error(`${code}: ${getSystemErrorMessage(errno)}, ${where}`) as SystemError;
  error.errno = errno;
  error.code = code;
  error.syscall = syscall;
  if (syscall === "open") error.path = path;
  return error;
}
