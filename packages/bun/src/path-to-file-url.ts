import { pathToBunFileURL } from "./internal/belt/file-url.ts";

/**
 * `Bun.pathToFileURL(path)`: a `file:` URL. A relative path is resolved
 * against the working directory; characters are percent-encoded as Bun's
 * WebKit URL code does (space, `"`, `#`, `%`, `<`, `>`, `?`, `[`, `\`, `]`,
 * `^`, `` ` ``, `{`, `|`, `}`, `~`, controls, non-ASCII as UTF-8). Any other
 * value is converted to a string first (a Symbol throws, as in Bun).
 *
 * @example
 * ```ts
 * import { pathToFileURL } from "@dx-compat/bun";
 * pathToFileURL("/tmp/a b.txt").href; // "file:///tmp/a%20b.txt"
 * ```
 */
export const pathToFileURL: typeof import("bun").pathToFileURL = {
  // A method keeps its name through esbuild's renaming and, like Bun's
  // functions, has no prototype and cannot be constructed.
  pathToFileURL(path: unknown): URL {
    if (typeof path === "symbol") throw new TypeError("Cannot convert a symbol to a string");
    return pathToBunFileURL(String(path));
  },
}.pathToFileURL;
