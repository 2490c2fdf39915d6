// Bun's `Request` on Node: Node's own class, except that it also takes the
// Request a Bun.serve handler received. That one is our lazy ServeRequest,
// which undici's constructor would not recognise (it brand-checks its input
// and would read it as a URL string); proxies and middleware write
// `new Request(req, { headers })` all the time.
import { requestIncoming } from "./request.ts";

type RequestInput = string | URL | Request;

/** What `new Request(serveRequest)` copies: method, headers, body, signal. */
function initFrom(request: Request, init: RequestInit | undefined): RequestInit {
  const base: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers, signal: request.signal, redirect: request.redirect };
  if (request.body !== null && request.method !== "GET" && request.method !== "HEAD") {
    base.body = request.body;
    base.duplex = "half";
  }
  return init === undefined ? base : { ...base, ...init };
}

/** Builds Bun's Request class over the platform's (kept as its prototype). */
export function bunRequestClass(NativeRequest: typeof Request): typeof Request {
  // The platform's overloads, seen as one signature that forwards what it is given.
  const Platform = NativeRequest as unknown as new (input?: unknown, init?: RequestInit) => Request;
  class BunRequest extends Platform {
    constructor(input: RequestInput, init?: RequestInit) {
      if (typeof input === "object" && input !== null && requestIncoming(input) !== undefined) {
        const served = input as Request;
        super(served.url, initFrom(served, init));
      } else if (arguments.length === 0) {
        // Keep the platform's own "not enough arguments" error.
        super();
      } else {
        super(input, init);
      }
    }
  }
  Object.defineProperty(BunRequest, "name", { value: "Request" });
  // Every platform Request counts, the requests Bun.serve hands out included
  // (their prototype chains to the platform's Request.prototype).
  Object.defineProperty(BunRequest, Symbol.hasInstance, { value: (value: unknown) => value instanceof NativeRequest });
  return BunRequest as unknown as typeof Request;
}
