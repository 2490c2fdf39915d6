import { fileURLToBunPath } from "./internal/belt/file-url.ts";

/**
 * `Bun.fileURLToPath(url)`: the path of a `file:` URL (a URL object or a
 * string), percent-escapes decoded. Errors as Bun: a URL of another scheme (or
 * an unparsable string) is `ERR_INVALID_URL_SCHEME`, a host other than
 * `localhost` is `ERR_INVALID_FILE_URL_HOST`, an encoded `/` is
 * `ERR_INVALID_FILE_URL_PATH`, and a value that is neither is
 * `ERR_INVALID_ARG_TYPE`.
 *
 * @example
 * ```ts
 * import { fileURLToPath } from "@dx-compat/bun";
 * fileURLToPath("file:///tmp/a%20b.txt"); // "/tmp/a b.txt"
 * ```
 */
export const fileURLToPath: typeof import("bun").fileURLToPath = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  fileURLToPath(url: unknown): string {
    return fileURLToBunPath(url);
  },
}.fileURLToPath;
