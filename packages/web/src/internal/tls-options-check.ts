// Bun 1.4.5's checks of a `tls` option object (its TLSOptions), as
// `new WebSocket(url, { tls })` runs them: each known property is read and its
// type checked in Bun's order; then the file paths are checked for access;
// then `checkServerIdentity`. The first failure throws Bun's error (class,
// message, code). Worked out by probing Bun with one and with several bad
// properties at once.
import { accessSync, constants } from "node:fs";
import { bunCoded } from "@dx-compat/shared/errors";

type Check = (value: unknown, name: string) => void;

function invalidType(message: string): TypeError {
  return bunCoded(message, "ERR_INVALID_ARG_TYPE", TypeError);
}

function outOfRange(message: string): RangeError {
  return bunCoded(message, "ERR_OUT_OF_RANGE", RangeError);
}

const isNullish = (value: unknown): value is null | undefined => value === undefined || value === null;

function string(value: unknown, name: string): void {
  if (!isNullish(value) && typeof value !== "string") throw invalidType(`TLSOptions.${name} must be a string`);
}

/** `null` is refused (only `undefined` means "not given"). */
function boolean(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== "boolean") throw invalidType(`TLSOptions.${name} must be a boolean`);
}

/** `rejectUnauthorized` alone also takes `null`. */
function nullableBoolean(value: unknown, name: string): void {
  if (!isNullish(value) && typeof value !== "boolean") throw invalidType(`TLSOptions.${name} must be a boolean`);
}

/** A number (or BigInt) that is a safe integer (Bun's "integer") within [min, max]; `null` is refused. */
function integer(min: number, max: number): Check {
  return (value, name) => {
    if (value === undefined) return;
    if (typeof value === "bigint") {
      if (value < BigInt(min) || value > BigInt(max)) throw outOfRange(`TLSOptions.${name} must be in the range [${min}, ${max}] (received ${value})`);
      return;
    }
    if (typeof value !== "number") throw invalidType(`TLSOptions.${name} must be a number`);
    if (!Number.isSafeInteger(value)) throw outOfRange(`TLSOptions.${name} must be an integer (received ${value})`);
    if (value < min || value > max) throw outOfRange(`TLSOptions.${name} must be in the range [${min}, ${max}] (received ${value})`);
  };
}

const uint32 = integer(0, 4_294_967_295);
const int32 = integer(-2_147_483_648, 2_147_483_647);

const isBytes = (value: unknown): boolean => value instanceof ArrayBuffer || ArrayBuffer.isView(value);

/**
 * A BunFile (from @dx-compat/bun, whose class this package cannot import):
 * a Blob with BunFile's own methods. Bun takes only file-backed Blobs here.
 */
function isBunFile(value: Blob): boolean {
  const file = value as Blob & { exists?: unknown; writer?: unknown };
  return typeof file.exists === "function" && typeof file.writer === "function";
}

function pemItem(value: unknown, name: string): boolean {
  if (value instanceof Blob) {
    if (!isBunFile(value)) throw invalidType(`TLSOptions.${name} is not a valid BunFile (non-BunFile \`Blob\`s are not supported)`);
    return true;
  }
  return typeof value === "string" || isBytes(value);
}

/** ca, cert, key, crl: a string, bytes, a BunFile, or an array of them. */
function pem(value: unknown, name: string): void {
  if (isNullish(value)) return;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (!pemItem(item, name)) throw invalidType(`element of TLSOptions.${name} must be of type string, ArrayBuffer, or Blob`);
    }
    return;
  }
  if (!pemItem(value, name)) throw invalidType(`TLSOptions.${name} must be of type string, ArrayBuffer, Blob, array of <string, ArrayBuffer, or Blob>, or null`);
}

function alpn(value: unknown, name: string): void {
  if (!isNullish(value) && typeof value !== "string" && !isBytes(value)) throw invalidType(`TLSOptions.${name} must be of type string, ArrayBuffer, or null`);
}

type Options = Record<string, unknown>;
/** The values read, by name: each property is read once. */
type Seen = Map<string, unknown>;

/** The check of one property, by name. */
const field =
  (name: string, check: Check) =>
  (tls: Options, seen: Seen): void => {
    const value = tls[name];
    seen.set(name, value);
    check(value, name);
  };

/** Bun reads `serverName`, and `servername` only when that is undefined (a null `serverName` is taken as none). */
const serverName = (tls: Options, seen: Seen): void => {
  seen.set("serverName", tls["serverName"]);
  if (seen.get("serverName") === undefined) seen.set("servername", tls["servername"]);
  string(chosenServerName(seen), "serverName");
};

const typeChecks: ReadonlyArray<(tls: Options, seen: Seen) => void> = [
  field("passphrase", string),
  field("dhParamsFile", string),
  serverName,
  field("lowMemoryMode", boolean),
  field("rejectUnauthorized", nullableBoolean),
  field("requestCert", boolean),
  field("ca", pem),
  field("cert", pem),
  field("key", pem),
  field("secureOptions", uint32),
  field("minVersion", int32),
  field("maxVersion", int32),
  field("keyFile", string),
  field("certFile", string),
  field("caFile", string),
  field("ALPNProtocols", alpn),
  field("ciphers", string),
  field("clientRenegotiationLimit", uint32),
  field("clientRenegotiationWindow", uint32),
  field("crl", pem),
  field("allowPartialTrustChain", boolean),
  field("sessionTimeout", int32),
  field("sigalgs", string),
  field("ecdhCurve", string),
];

/** Bun's choice of name: `servername` only when `serverName` is undefined. */
function chosenServerName(seen: Seen): unknown {
  const value = seen.get("serverName");
  return value === undefined ? seen.get("servername") : value;
}

function checkServerNameBytes(seen: Seen): void {
  const name = chosenServerName(seen);
  if (typeof name === "string" && name.includes("\0")) throw invalidType('"serverName" must not contain null bytes');
}

/** Bun refuses "" and any path ending in "/" (even a directory's), then what cannot be read. */
function accessible(path: string): boolean {
  if (path === "" || path.endsWith("/")) return false;
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function checkPath(seen: Seen, name: string): void {
  const path = seen.get(name);
  if (typeof path !== "string") return;
  if (path.includes("\0")) throw bunCoded(`TLSOptions.${name} must be a path without null bytes`, "ERR_INVALID_ARG_VALUE", TypeError);
  if (!accessible(path)) throw invalidType(`Unable to access ${name} path`);
}

/** Once every type is right, a second pass in the same order: the paths, and the server name's bytes. */
const valueChecks: ReadonlyArray<(seen: Seen) => void> = [
  (seen) => checkPath(seen, "dhParamsFile"),
  checkServerNameBytes,
  (seen) => checkPath(seen, "keyFile"),
  (seen) => checkPath(seen, "certFile"),
  (seen) => checkPath(seen, "caFile"),
];

/** A value as Bun shows it at the end of the message (Node's rules, but a long string keeps its closing quote). */
function received(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" ? `an instance of ${name}` : "[Object: null prototype] {}";
  }
  if (typeof value === "string") {
    const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
    const quote = shown.includes("'") && !shown.includes('"') ? '"' : "'";
    return `type string (${quote}${shown}${quote})`;
  }
  if (typeof value === "bigint") return `type bigint (${value}n)`;
  return `type ${typeof value} (${String(value)})`;
}

function checkServerIdentity(value: unknown): void {
  if (isNullish(value) || typeof value === "function") return;
  throw invalidType(`The "tls.checkServerIdentity" property must be of type function. Received ${received(value)}`);
}

/**
 * The `tls` option as Bun takes it: an object (a function too) to use, anything
 * else but an array ignored (undefined), or Bun's error for the first bad property.
 */
export function checkTlsOptions(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) throw invalidType("TLSOptions must be an object");
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  const tls = value as Options;
  const seen: Seen = new Map();
  for (const check of typeChecks) check(tls, seen);
  for (const check of valueChecks) check(seen);
  checkServerIdentity(tls["checkServerIdentity"]);
  return tls;
}
