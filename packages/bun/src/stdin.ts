import { BunFile } from "./internal/file/bun-file.ts";
import { octetStream } from "./internal/file/mime.ts";

/**
 * `Bun.stdin`: a BunFile over file descriptor 0.
 *
 * @example
 * ```ts
 * import { stdin } from "@dx-compat/bun";
 * const input = await stdin.text();
 * ```
 */
export const stdin: typeof Bun.stdin = new BunFile({ kind: "fd", fd: 0 }, octetStream);
