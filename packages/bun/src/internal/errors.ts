// Errors @dx-compat/bun raises, with the codes Bun gives them.
import type { CodedError } from "@dx-compat/shared/errors";
// Shared with @dx-compat/web, which words the same argument errors.
export { describeReceived } from "@dx-compat/shared/errors";

const codedPrototypes = new Map<string, object>();

/** Bun's shared prototype for errors of one class and code: `name`, `code` and a `toString` that shows the code. */
function codedPrototype(code: string, ErrorClass: new (message: string) => Error): object {
  const key = `${ErrorClass.name} ${code}`;
  let prototype = codedPrototypes.get(key);
  if (prototype === undefined) {
    const property = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: true, configurable: true });
    prototype = Object.create(ErrorClass.prototype, {
      name: property(ErrorClass.name),
      code: property(code),
      toString: property(function toString(this: Error & { code: string }): string {
        return `${this.name} [${this.code}]: ${this.message}`;
      }),
    }) as object;
    codedPrototypes.set(key, prototype);
  }
  return prototype;
}

/**
 * An error as Bun's native validators make them: no own `code`; `name`, `code`
 * and `toString` live on a prototype between the error and its class's, so
 * `String(error)` reads "TypeError [ERR_INVALID_ARG_TYPE]: <message>".
 */
export function bunCoded(message: string, code: string, ErrorClass: new (message: string) => Error = Error): CodedError {
  const error = new ErrorClass(message);
  Object.setPrototypeOf(error, codedPrototype(code, ErrorClass));
  return error as CodedError;
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
