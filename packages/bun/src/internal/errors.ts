// Errors @dx-compat/bun raises, with the codes Bun gives them.
import { coded } from "@dx-compat/shared/errors";
import type { CodedError } from "@dx-compat/shared/errors";

/** An error as Bun's validators make them: `code` is an own but non-enumerable property. */
export function bunCoded(message: string, code: string, ErrorClass: new (message: string) => Error = Error): CodedError {
  const error = coded(message, code, ErrorClass);
  Object.defineProperty(error, "code", { enumerable: false });
  return error;
}

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

/**
 * How Node and Bun describe a wrong value at the end of an `ERR_INVALID_ARG_TYPE`
 * message: "Received null", "Received type number (5)", "Received an instance of Object".
 */
export function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return `Received ${String(value)}`;
  if (typeof value === "function") return `Received function ${value.name}`;
  if (typeof value === "object") {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" ? `Received an instance of ${name}` : "Received [object Object]";
  }
  let shown = typeof value === "string" ? `'${value}'` : typeof value === "symbol" ? value.toString() : String(value);
  if (typeof value === "bigint") shown += "n";
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `Received type ${typeof value} (${shown})`;
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
