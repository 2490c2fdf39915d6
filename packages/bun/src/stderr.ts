import { BunFile } from "./internal/file/bun-file.ts";
import { octetStream } from "./internal/file/mime.ts";

/**
 * `Bun.stderr`: a BunFile over file descriptor 2.
 *
 * @example
 * ```ts
 * import { stderr, write } from "@dx-compat/bun";
 * await write(stderr, "warning\n");
 * ```
 */
export const stderr: typeof Bun.stderr = new BunFile({ kind: "fd", fd: 2 }, octetStream);
