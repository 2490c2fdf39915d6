// Errors @dx-compat/bun raises, with the codes Bun gives them.
import { bunCoded, type CodedError } from "@dx-compat/shared/errors";
// Shared with @dx-compat/web, which words the same argument errors and makes the same coded errors.
export { bunCoded, describeReceived } from "@dx-compat/shared/errors";

/** Bun's `TypeError` with code `ERR_INVALID_ARG_TYPE`. */
export function invalidArgType(message: string): CodedError {
  return bunCoded(message, "ERR_INVALID_ARG_TYPE", TypeError);
}

/** Bun's `TypeError` with code `ERR_INVALID_ARG_VALUE`. */
export function invalidArgValue(message: string): CodedError {
  return bunCoded(message, "ERR_INVALID_ARG_VALUE", TypeError);
}

/** Bun's `RangeError` with code `ERR_OUT_OF_RANGE`. */
export function outOfRange(message: string): CodedError {
  return bunCoded(message, "ERR_OUT_OF_RANGE", RangeError);
}

/** Bun's SystemError: an `Error` whose own enumerable keys are code, [path], [syscall], errno, in that order. */
export interface SystemError extends CodedError {
  errno: number;
  path?: string;
  syscall?: string;
}

export function systemError(message: string, code: string, errno: number, path?: string, syscall?: string): SystemError {
  const error = new Error(message) as SystemError;
  error.code = code;
  if (path !== undefined) error.path = path;
  if (syscall !== undefined) error.syscall = syscall;
  error.errno = errno;
  return error;
}
