import { BunFile } from "./internal/file/bun-file.ts";
import { octetStream } from "./internal/file/mime.ts";

/**
 * `Bun.stdout`: a BunFile over file descriptor 1.
 *
 * @example
 * ```ts
 * import { stdout, write } from "@dx-compat/bun";
 * await write(stdout, "hello\n");
 * ```
 */
export const stdout: typeof Bun.stdout = new BunFile({ kind: "fd", fd: 1 }, octetStream);
