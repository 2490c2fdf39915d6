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

function pem(value: unknown, name: string): PemValue {
  if (typeof value === "string") return value;
  if (value instanceof Blob) return Buffer.from(readBlobSync(value));
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  throw invalidArgType(`TLSOptions.${name} must be a string, BunFile, ArrayBufferView, or ArrayBuffer`);
}

function pems(value: unknown, name: string): PemValue | PemValue[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map((item) => pem(item, name)) : pem(value, name);
}

function alpn(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return [value];
  // Wire format: length-prefixed names.
  const bytes = pem(value, "ALPNProtocols") as Buffer;
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
  if (typeof options["passphrase"] === "string") context.passphrase = options["passphrase"];
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
