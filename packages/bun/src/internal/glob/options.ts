// Glob.scan/scanSync's argument, read as Bun reads it: a cwd string, or an
// options object whose properties are read once each, in Bun's order.
import { isAbsolute, join, normalize, resolve } from "node:path/posix";
import process from "node:process";
import { cwdNotAString, cwdTooLong, cwdWithNullBytes, optionsNotAnObject } from "./errors.ts";
import type { WalkOptions } from "./walk.ts";

/** PATH_MAX, Bun's limit for the cwd. */
const MAX_PATH_BYTES = 4096;

export interface ScanRequest {
  /** The cwd as Bun names it in errors and absolute results. */
  readonly cwd: string;
  /** The same directory as an absolute path, fixed when the scan starts. */
  readonly cwdAbsolute: string;
  readonly options: WalkOptions;
}

/** A string, or a String object (Bun takes both). */
function isStringLike(value: unknown): boolean {
  return typeof value === "string" || value instanceof String;
}

/** Unset (undefined or null) keeps the default; anything else counts by its truthiness. */
function flag(value: unknown, fallback: boolean): boolean {
  return value === undefined || value === null ? fallback : Boolean(value);
}

/** Bun's `parseCWD`: undefined means "the process cwd". */
function parseCwd(raw: string, absolute: boolean, method: string): string | undefined {
  if (raw === "") return undefined;
  if (raw.includes("\0")) throw cwdWithNullBytes(raw);
  if (Buffer.byteLength(raw) > MAX_PATH_BYTES) throw cwdTooLong(method, MAX_PATH_BYTES);
  let cwd: string;
  if (isAbsolute(raw)) cwd = raw;
  else if (!absolute) cwd = normalize(raw);
  else cwd = join(process.cwd(), raw);
  if (Buffer.byteLength(cwd) > MAX_PATH_BYTES) throw cwdTooLong(method, MAX_PATH_BYTES);
  return cwd;
}

export function parseScanArgument(argument: unknown, method: "scan" | "scanSync"): ScanRequest {
  let onlyFiles = true;
  let throwErrorOnBrokenSymlink = false;
  let followSymlinks = false;
  let absolute = false;
  let dot = false;
  let cwd: string | undefined;
  if (argument === undefined || argument === null) {
    // defaults
  } else if (isStringLike(argument)) {
    cwd = parseCwd(String(argument), false, method);
  } else if (typeof argument === "object" || typeof argument === "function") {
    const options = argument as Record<string, unknown>;
    onlyFiles = flag(options["onlyFiles"], true);
    throwErrorOnBrokenSymlink = flag(options["throwErrorOnBrokenSymlink"], false);
    followSymlinks = flag(options["followSymlinks"], false);
    absolute = flag(options["absolute"], false);
    const rawCwd = options["cwd"];
    if (rawCwd !== undefined && rawCwd !== null) {
      if (!isStringLike(rawCwd)) throw cwdNotAString();
      cwd = parseCwd(String(rawCwd), absolute, method);
    }
    dot = flag(options["dot"], false);
  } else {
    throw optionsNotAnObject();
  }
  const processCwd = process.cwd();
  return {
    cwd: cwd ?? processCwd,
    cwdAbsolute: cwd === undefined ? processCwd : resolve(processCwd, cwd),
    options: { dot, absolute, followSymlinks, throwErrorOnBrokenSymlink, onlyFiles },
  };
}
