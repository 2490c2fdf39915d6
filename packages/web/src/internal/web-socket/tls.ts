// Bun's `tls` option as tls.connect() options: Blob/BunFile values read,
// `serverName` spelt Node's way. Reading a Blob is asynchronous, so the
// connection starts once these are ready.
import type { ConnectionOptions } from "node:tls";

type Material = string | Buffer | Blob | ReadonlyArray<string | Buffer | Blob>;

async function material(value: Material): Promise<string | Buffer | Array<string | Buffer>> {
  if (Array.isArray(value)) return Promise.all((value as Array<string | Buffer | Blob>).map(async (item) => (item instanceof Blob ? item.text() : item)));
  return value instanceof Blob ? value.text() : (value as string | Buffer);
}

function hasBlob(tls: Record<string, unknown>): boolean {
  return ["ca", "cert", "key"].some((key) => {
    const value = tls[key];
    return value instanceof Blob || (Array.isArray(value) && value.some((item) => item instanceof Blob));
  });
}

function rename(tls: Record<string, unknown>): ConnectionOptions {
  const { serverName, ...rest } = tls;
  const options = rest as ConnectionOptions;
  if (typeof serverName === "string" && options.servername === undefined) options.servername = serverName;
  return options;
}

/** Synchronously when no value needs reading (the common case), else a Promise. */
export function connectOptions(tls: Record<string, unknown>): ConnectionOptions | Promise<ConnectionOptions> {
  if (!hasBlob(tls)) return rename({ ...tls });
  return (async () => {
    const copy = { ...tls };
    for (const key of ["ca", "cert", "key"]) if (copy[key] !== undefined) copy[key] = await material(copy[key] as Material);
    return rename(copy);
  })();
}
