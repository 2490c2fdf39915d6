// Bun's `tls` option (TLSOptions | boolean) as node:tls options.
import type { SecureContextOptions } from "node:tls";
import { readBlobSync } from "../blob-sync.ts";
import { invalidArgType } from "../errors.ts";

type PemValue = string | Buffer;

export interface TlsSettings {
  /** node:tls secure-context options (cert, key, ca, …). */
  context: SecureContextOptions;
  /** Whether a failed verification refuses the peer (Bun's default: true). */
  rejectUnauthorized: boolean;
  requestCert: boolean;
  serverName?: string;
  ALPNProtocols?: string[];
}

/** A PEM/DER value's bytes, or undefined when it is none of the types Bun takes. */
function pem(value: unknown): PemValue | undefined {
  if (typeof value === "string") return value;
  if (value instanceof Blob) return Buffer.from(readBlobSync(value));
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return undefined;
}

function pems(value: unknown, name: string): PemValue | PemValue[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    return value.map((item) => pem(item) ?? invalid(`element of TLSOptions.${name} must be of type string, ArrayBuffer, or Blob`));
  }
  return pem(value) ?? invalid(`TLSOptions.${name} must be of type string, ArrayBuffer, Blob, array of <string, ArrayBuffer, or Blob>, or null`);
}

function invalid(message: string): never {
  throw invalidArgType(message);
}

function alpn(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return [value];
  // Wire format: length-prefixed names.
  // (strings were handled above, so what pem() gives back here is bytes)
  const bytes = (value instanceof Blob ? undefined : (pem(value) as Buffer | undefined)) ?? invalid("TLSOptions.ALPNProtocols must be of type string, ArrayBuffer, or null");
  const names: string[] = [];
  for (let at = 0; at < bytes.length; at += 1 + (bytes[at] ?? 0)) names.push(bytes.subarray(at + 1, at + 1 + (bytes[at] ?? 0)).toString("latin1"));
  return names;
}

/** `undefined` for no TLS; `tls: true` is TLS with defaults; an object is Bun's TLSOptions. */
export function parseTls(value: unknown, isClient: boolean): TlsSettings | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const options = (typeof value === "object" ? value : {}) as Record<string, unknown>;
  const context: SecureContextOptions = {};
  const cert = pems(options["cert"], "cert");
  const key = pems(options["key"], "key");
  const ca = pems(options["ca"], "ca");
  const crl = pems(options["crl"], "crl");
  if (cert !== undefined) context.cert = cert;
  if (key !== undefined) context.key = key;
  if (ca !== undefined) context.ca = ca;
  if (crl !== undefined) context.crl = crl;
  const passphrase = options["passphrase"];
  if (typeof passphrase === "string") context.passphrase = passphrase;
  else if (passphrase !== undefined && passphrase !== null) invalid("TLSOptions.passphrase must be a string");
  if (typeof options["ciphers"] === "string") context.ciphers = options["ciphers"];
  if (typeof options["secureOptions"] === "number") context.secureOptions = options["secureOptions"];
  const envReject = process.env["NODE_TLS_REJECT_UNAUTHORIZED"] !== "0";
  const rejectUnauthorized = typeof options["rejectUnauthorized"] === "boolean" ? options["rejectUnauthorized"] : isClient ? envReject : true;
  const settings: TlsSettings = { context, rejectUnauthorized, requestCert: options["requestCert"] === true };
  const serverName = options["serverName"] ?? options["servername"];
  if (typeof serverName === "string") settings.serverName = serverName;
  const protocols = alpn(options["ALPNProtocols"]);
  if (protocols !== undefined) settings.ALPNProtocols = protocols;
  return settings;
}
