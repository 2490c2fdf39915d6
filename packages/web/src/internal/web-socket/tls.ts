// Bun's `tls` option (already checked, see tls-options-check.ts) as
// tls.connect() options. Values Bun takes in forms Node's tls.connect() refuses
// (it would throw from inside the constructor) are converted: ArrayBuffers to
// Buffers, an ALPN string to a list, a BigInt to a number, `serverName` to
// Node's spelling; Bun's numeric minVersion/maxVersion and an empty `sigalgs`,
// which Node cannot take, are left out. Reading a BunFile is asynchronous, so
// the connection starts once these are ready.
import type { ConnectionOptions } from "node:tls";

type Material = string | Buffer | ArrayBufferView | ArrayBuffer | Blob;

const materialKeys = ["ca", "cert", "key", "crl"] as const;

function bytes(value: ArrayBuffer | ArrayBufferView): Buffer {
  return value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** A string or Buffer as Node takes it, or a Promise of one for a BunFile. */
function material(value: Material): string | Buffer | Promise<string> {
  if (value instanceof Blob) return value.text();
  return typeof value === "string" ? value : bytes(value);
}

function hasBlob(tls: Record<string, unknown>): boolean {
  return materialKeys.some((key) => {
    const value = tls[key];
    return value instanceof Blob || (Array.isArray(value) && value.some((item) => item instanceof Blob));
  });
}

function convertMaterial(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map((item) => material(item as Material)) : material(value as Material);
}

function alpn(value: unknown): string[] | Buffer | undefined {
  if (typeof value === "string") return [value];
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return bytes(value);
  return undefined;
}

function rename(tls: Record<string, unknown>): ConnectionOptions {
  const { serverName, servername, minVersion, maxVersion, ALPNProtocols, secureOptions, sigalgs, ...rest } = tls;
  const options = rest as ConnectionOptions;
  // As Bun reads them: `servername` only when `serverName` is undefined.
  const name = serverName === undefined ? servername : serverName;
  if (typeof name === "string") options.servername = name;
  // Node names TLS versions ("TLSv1.2"); Bun's numbers have no counterpart there.
  if (typeof minVersion === "string") options.minVersion = minVersion as ConnectionOptions["minVersion"];
  if (typeof maxVersion === "string") options.maxVersion = maxVersion as ConnectionOptions["maxVersion"];
  const protocols = alpn(ALPNProtocols);
  if (protocols !== undefined) options.ALPNProtocols = protocols;
  if (typeof secureOptions === "number" || typeof secureOptions === "bigint") options.secureOptions = Number(secureOptions);
  if (typeof sigalgs === "string" && sigalgs !== "") options.sigalgs = sigalgs;
  return options;
}

async function settle(options: ConnectionOptions): Promise<ConnectionOptions> {
  const copy: Record<string, unknown> = { ...options };
  for (const key of materialKeys) {
    const value = copy[key];
    if (value !== undefined) copy[key] = Array.isArray(value) ? await Promise.all(value) : await value;
  }
  return copy as ConnectionOptions;
}

/** Synchronously when no BunFile needs reading (the common case), else a Promise. */
export function connectOptions(tls: Record<string, unknown>): ConnectionOptions | Promise<ConnectionOptions> {
  const copy: Record<string, unknown> = { ...tls };
  for (const key of materialKeys) {
    const value = convertMaterial(copy[key]);
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  const options = rename(copy);
  return hasBlob(tls) ? settle(options) : options;
}
