// The errors Bun.Cookie and Bun.CookieMap throw, worded and coded as Bun's.
import type { CodedError } from "@dx-compat/shared/errors";
import { inspect } from "../../inspect.ts";
import { bunCoded } from "../errors.ts";

/** Bun's plain `TypeError` (no code), as its cookie validation throws. */
export function cookieTypeError(message: string): TypeError {
  return new TypeError(message);
}

/** "Not enough arguments": a TypeError with an own, enumerable `code`. */
export function notEnoughArguments(): CodedError {
  const error = new TypeError("Not enough arguments") as CodedError;
  error.code = "ERR_MISSING_ARGS";
  return error;
}

export function illegalConstructor(className: string): CodedError {
  return bunCoded(`Use \`new ${className}(...)\` instead of \`${className}(...)\``, "ERR_ILLEGAL_CONSTRUCTOR", TypeError);
}

export function invalidThis(className: string, member: string): CodedError {
  return bunCoded(`Can only call ${className}.${member} on instances of ${className}`, "ERR_INVALID_THIS", TypeError);
}

function describeForBun(value: unknown): string {
  // Bun shows a boxed string as its contents.
  if (value instanceof String) return inspect(value.valueOf());
  return inspect(value, { compact: true });
}

export function invalidExpiresValue(value: unknown): CodedError {
  return bunCoded(
    `The argument 'expires' Invalid expires value. Must be a Date or a number. Received ${describeForBun(value)}`,
    "ERR_INVALID_ARG_VALUE",
    TypeError,
  );
}

/** IDL `USVString` conversion: lone surrogates become U+FFFD; a Symbol is refused as WebKit words it. */
export function toUSVString(value: unknown): string {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
  return String(value).toWellFormed();
}

/** JavaScriptCore's ToString, with its wording for a Symbol. */
export function toJSCString(value: unknown): string {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return String(value);
}

/** JavaScriptCore's ToNumber, with its wording for Symbols and BigInts. */
export function toJSCNumber(value: unknown): number {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a number");
  if (typeof value === "bigint") throw new TypeError("Conversion from 'BigInt' to 'number' is not allowed.");
  return Number(value);
}
