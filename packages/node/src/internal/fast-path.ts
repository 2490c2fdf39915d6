import { fileURLToPath } from "node:url";

/** What the native read can serve exactly as Node would: a plain path, read with flag "r", no signal. */
export interface FastRead {
  path: string;
  encoding: BufferEncoding | undefined;
}

function plainPath(path: unknown): string | undefined {
  if (typeof path === "string") return path;
  if (path instanceof URL && path.protocol === "file:") return fileURLToPath(path);
  return undefined;
}

function plainEncoding(encoding: unknown): BufferEncoding | undefined | false {
  if (encoding === undefined || encoding === null) return undefined;
  return typeof encoding === "string" && Buffer.isEncoding(encoding) ? encoding : false;
}

/**
 * The arguments the fast path takes, or `undefined` for everything else
 * (file descriptors, FileHandles, Buffer paths, other flags, an AbortSignal,
 * unknown encodings), which goes to Node's own implementation — so every
 * error and edge case stays Node's.
 */
export function fastRead(path: unknown, options: unknown): FastRead | undefined {
  const plain = plainPath(path);
  if (plain === undefined || plain.includes("\0")) return undefined;
  if (options === undefined || options === null || typeof options === "string") {
    const encoding = plainEncoding(options);
    return encoding === false ? undefined : { path: plain, encoding };
  }
  if (typeof options !== "object") return undefined;
  const { encoding, flag, signal, ...rest } = options as { encoding?: unknown; flag?: unknown; signal?: unknown };
  if (Object.keys(rest).length > 0 || signal !== undefined || (flag !== undefined && flag !== "r")) return undefined;
  const chosen = plainEncoding(encoding);
  return chosen === false ? undefined : { path: plain, encoding: chosen };
}
