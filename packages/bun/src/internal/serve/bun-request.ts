// Bun's `Request` on Node: Node's own class, except that it also takes the
// Request a Bun.serve handler received. That one is our lazy ServeRequest,
// which undici's constructor would not recognise (it brand-checks its input
// and would read it as a URL string); proxies and middleware write
// `new Request(req, { headers })` all the time.
import { requestArguments } from "./request.ts";


/** Builds Bun's Request class over the platform's (kept as its prototype). */
export function bunRequestClass(NativeRequest: typeof Request): typeof Request {
  // The platform's overloads, seen as one signature that forwards what it is given.
  const Platform = NativeRequest as unknown as new (input?: unknown, init?: RequestInit) => Request;
  class BunRequest extends Platform {
    constructor(input: unknown, init?: RequestInit) {
      const rebuild = typeof input === "object" && input !== null ? (input as Record<symbol, (() => [string, RequestInit]) | undefined>)[requestArguments] : undefined;
      if (rebuild !== undefined) {
        const [url, base] = rebuild.call(input);
        super(url, init === undefined ? base : { ...base, ...init });
      }
      // Keep the platform's own "not enough arguments" error.
      else if (arguments.length === 0) super();
      else super(input, init);
    }
  }
  Object.defineProperty(BunRequest, "name", { value: "Request" });
  // Every platform Request counts, the requests Bun.serve hands out included
  // (their prototype chains to the platform's Request.prototype).
  Object.defineProperty(BunRequest, Symbol.hasInstance, { value: (value: unknown) => value instanceof NativeRequest });
  return BunRequest as unknown as typeof Request;
}
