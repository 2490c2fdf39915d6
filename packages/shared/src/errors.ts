// Errors every package throws the same way. Bundled into each published
// package, so identity is by `code`, never by `instanceof` across packages.

/** Stable codes of the errors dx-compat itself raises (Bun's own codes are used as Bun uses them). */
export const codes = {
  notImplemented: "ERR_DX_COMPAT_NOT_IMPLEMENTED",
  missingPackage: "ERR_DX_COMPAT_MISSING_PACKAGE",
} as const;

export interface CodedError extends Error {
  code: string;
}

type ErrorClass = new (message: string) => Error;

/** An instance of a built-in error class carrying Bun's (or Node's) `code`, e.g. `TypeError` + `ERR_INVALID_ARG_TYPE`. */
export function coded(message: string, code: string, ErrorClass: ErrorClass = Error): CodedError {
  const error = new ErrorClass(message) as CodedError;
  error.code = code;
  return error;
}

const codedPrototypes = new Map<string, object>();

/** Bun's shared prototype for errors of one class and code: `name`, `code` and a `toString` that shows the code. */
function codedPrototype(code: string, ErrorClass: ErrorClass): object {
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
 * `String(error)` reads "TypeError [ERR_INVALID_ARG_TYPE]: <message>" and
 * `Object.keys(error)` is empty.
 */
export function bunCoded(message: string, code: string, ErrorClass: ErrorClass = Error): CodedError {
  const error = new ErrorClass(message);
  Object.setPrototypeOf(error, codedPrototype(code, ErrorClass));
  return error as CodedError;
}

/**
 * The one error for Bun behaviour that cannot be had (or is not yet had) on Node.
 * Message: `[dx-compat] Bun.x: <why>`.
 *
 * @example
 * ```ts
 * throw notImplemented("Bun.serve", "not implemented yet");
 * ```
 */
export function notImplemented(api: string, why: string): CodedError {
  return coded(`[dx-compat] ${api}: ${why}`, codes.notImplemented);
}

/**
 * The error for a Bun API whose dx-compat package is not installed.
 *
 * @example
 * ```ts
 * throw missingPackage("Bun.$", "@dx-compat/shell");
 * ```
 */
export function missingPackage(api: string, packageName: string): CodedError {
  return coded(
    `[dx-compat] ${api}: this API lives in ${packageName}, which is not installed; install it with \`npm i ${packageName}\``,
    codes.missingPackage,
  );
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
