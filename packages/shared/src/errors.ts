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
