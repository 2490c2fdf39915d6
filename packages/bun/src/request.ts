// `@dx-compat/bun/request`: Bun's `Request`, the class `dx-compat/register`
// installs as the global. Not part of the `bun` module (Request is a global in
// Bun), so it has its own entry rather than a place in index.ts.
import { bunRequestClass } from "./internal/serve/bun-request.ts";

/**
 * Bun's `Request` on Node: Node's class (a subclass of it), which also accepts
 * the Request a `Bun.serve` handler received as its input, as Bun's does:
 * `new Request(req, { headers })` copies its method, headers and body.
 *
 * @example
 * ```ts
 * import { Request } from "@dx-compat/bun/request";
 * globalThis.Request = Request; // what dx-compat/register does
 * ```
 */
export const Request: typeof globalThis.Request = bunRequestClass(globalThis.Request);
