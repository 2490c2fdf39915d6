// `@dx-compat/bun/response`: Bun's `Response`, the class `dx-compat/register`
// installs as the global. Not part of the `bun` module (Response is a global in
// Bun), so it has its own entry rather than a place in index.ts.
import { FastResponse } from "./internal/serve/response.ts";

/**
 * Bun's `Response` on Node: the standard class with Bun's differences (headers
 * hold only what the program set, status 101 allowed, `Response.redirect` takes
 * relative URLs, Bun's errors). It keeps the body it was given, so `Bun.serve`
 * writes a string or bytes straight to the socket instead of reading a stream
 * back. `instanceof` holds both ways with Node's own Response, which it extends.
 *
 * @example
 * ```ts
 * import { Response } from "@dx-compat/bun/response";
 * globalThis.Response = Response; // what dx-compat/register does
 * ```
 */
export const Response: typeof globalThis.Response = FastResponse as unknown as typeof globalThis.Response;
