// Requests that are not undici's own. Bun.serve on Node hands handlers a lazy
// Request (prototype-chained to Request.prototype, so `instanceof Request`
// holds) that undici's fetch would reject by its brand check; Bun programs
// proxy such requests with `fetch(req)`, so rebuild them as platform Requests.

let urlGetter: ((this: Request) => string) | undefined;

function isPlatformRequest(value: Request): boolean {
  urlGetter ??= Object.getOwnPropertyDescriptor(Request.prototype, "url")?.get as (this: Request) => string;
  try {
    urlGetter.call(value);
    return true;
  } catch {
    return false;
  }
}

/** `input` itself, or — for a Request-like object undici would refuse — an equivalent platform Request. */
export function asPlatformRequest<T>(input: T): T | Request {
  if (!(input instanceof Request) || isPlatformRequest(input)) return input;
  const hasBody = input.body !== null && input.method !== "GET" && input.method !== "HEAD";
  const init: RequestInit & { duplex?: "half" } = { method: input.method, headers: input.headers, redirect: input.redirect, signal: input.signal };
  if (hasBody) {
    init.body = input.body;
    init.duplex = "half";
  }
  return new Request(input.url, init);
}
