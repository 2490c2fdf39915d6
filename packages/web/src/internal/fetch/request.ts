// Requests that are not undici's own. Bun.serve on Node hands handlers a lazy
// Request (prototype-chained to Request.prototype, so `instanceof Request`
// holds) that undici's fetch would reject by its brand check; Bun programs
// proxy such requests with `fetch(req)`. Such a request says how to rebuild it
// through a registered symbol (defined by @dx-compat/bun's serve, which this
// package does not import): `request[symbol]()` gives `[url, init]`.
const requestArguments = Symbol.for("dx-compat.serve.requestArguments");

/** `input` itself, or — for a request that says how to rebuild it — the equivalent platform Request. */
export function asPlatformRequest<T>(input: T): T | Request {
  if (typeof input !== "object" || input === null) return input;
  const rebuild = (input as { [requestArguments]?: () => [string, RequestInit] })[requestArguments];
  return typeof rebuild === "function" ? new Request(...rebuild.call(input)) : input;
}
