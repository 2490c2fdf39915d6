// Glob's errors in Bun's words: argument checks, and file system errors with
// the syscall and path Bun names ("ENOENT: no such file or directory, open 'x'").
import { constants } from "node:os";
import { getSystemErrorMessage } from "node:util";
import { bunCoded, describeReceived, invalidArgType, invalidArgValue, systemError } from "../errors.ts";
import type { SystemError } from "../errors.ts";

export function globSystemError(cause: NodeJS.ErrnoException | string, syscall: string, path: string): SystemError {
  const code = typeof cause === "string" ? cause : (cause.code ?? "EIO");
  const errnoTable = constants.errno as Record<string, number | undefined>;
  const errno = typeof cause === "string" ? -(errnoTable[code] ?? 5) : (cause.errno ?? -(errnoTable[code] ?? 5));
  return systemError(truncate(`${code}: ${getSystemErrorMessage(errno)}, ${syscall} '${path}'`), code, errno, path, syscall);
}

/** Bun formats these messages into a 4 KiB buffer: longer ones are cut there. */
function truncate(message: string): string {
  if (message.length <= MESSAGE_LIMIT / 3 || Buffer.byteLength(message) <= MESSAGE_LIMIT) return message;
  return Buffer.from(message).subarray(0, MESSAGE_LIMIT).toString();
}

const MESSAGE_LIMIT = 4096;

export function notAString(what: "pattern" | "str"): Error {
  return invalidArgType(`${what} must be a string`);
}

export function optionsNotAnObject(): Error {
  return invalidArgType("GlobScanOptions must be an object");
}

export function cwdNotAString(): Error {
  return invalidArgType("GlobScanOptions.cwd must be a string");
}

export function cwdWithNullBytes(cwd: string): Error {
  return invalidArgValue(`The argument 'cwd' must be a string without null bytes. Received ${JSON.stringify(cwd)}`);
}

export function cwdTooLong(method: string, limit: number): Error {
  return new Error(`${method}: invalid \`cwd\`, longer than ${limit} bytes`);
}

/** Bun's message when match() is called on something that is not a Glob. */
export function notAGlob(self: unknown): Error {
  if (self === undefined) return bunCoded("Expected this to be instanceof Glob", "ERR_INVALID_THIS", TypeError);
  const received = describeReceived(self).replace(/^Received/, "received");
  return bunCoded(`Expected this to be instanceof Glob, but ${received}`, "ERR_INVALID_THIS", TypeError);
}

/** Bun's scan methods are builtins that call a private method on `this`: JavaScriptCore's words when that fails. */
export function scanOnNonGlob(self: unknown): Error {
  return new TypeError(self === null || self === undefined ? `${String(self)} is not an object` : "undefined is not a function");
}
