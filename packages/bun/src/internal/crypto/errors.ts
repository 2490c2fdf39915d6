// The errors Bun's hashers throw, message for message.
import { inspect } from "node:util";
import { bunCoded, describeReceived, invalidArgType, invalidArgValue } from "../errors.ts";

export function invalidInput(): Error {
  return invalidArgType("input must be a string, ArrayBuffer, ArrayBufferView or Blob");
}

/** A Bun.file() Blob: Bun reads no file synchronously here. */
export function fileBlobInput(): Error {
  return invalidArgType("File blob cannot be used here");
}

export function invalidOutput(): Error {
  return invalidArgType("output must be of type string or ArrayBuffer or ArrayBufferView");
}

export function unknownEncoding(name: string): Error {
  return invalidArgValue(`Unknown encoding: ${name}`);
}

export function outputTooSmall(byteLength: number): Error {
  return invalidArgType(`TypedArray must be at least ${byteLength} bytes`);
}

/** An odd number of hex digits, as Bun's string decoder rejects it. */
export function oddHexLength(length: number, encoding: string): Error {
  return invalidArgValue(`The argument 'encoding' is invalid for data of length ${length}. Received '${encoding}'`);
}

export function hmacConsumed(): Error {
  return new Error("HMAC has been consumed and is no longer usable");
}

/** BoringSSL has no HMAC for BLAKE2s or SHAKE; Bun says so with a "TODOError". */
export function hmacUnsupported(): Error {
  const error = new Error("HMAC is not supported for this algorithm yet");
  error.name = "TODOError";
  return error;
}

export function alreadyDigested(className: string, action: "update" | "digest again"): Error {
  return bunCoded(`${className} hasher already digested, create a new instance to ${action}`, "ERR_INVALID_STATE");
}

export function illegalConstructor(className: string): Error {
  return bunCoded(`${className} constructor cannot be invoked without 'new'`, "ERR_ILLEGAL_CONSTRUCTOR", TypeError);
}

function describeThis(value: unknown): string {
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === null) return `received ${inspect(value)}`;
  const received = describeReceived(value);
  return `r${received.slice(1)}`;
}

/** A method called on something that is not one of its class's instances. */
export function invalidThis(className: string, value: unknown): Error {
  const suffix = value === undefined ? "" : `, but ${describeThis(value)}`;
  return bunCoded(`Expected this to be instanceof ${className}${suffix}`, "ERR_INVALID_THIS", TypeError);
}

/** A getter read on something that is not one of its class's instances (Bun gives no code). */
export function invalidGetterThis(className: string, property: string): Error {
  return new TypeError(`The ${className}.${property} getter can only be used on instances of ${className}`);
}
