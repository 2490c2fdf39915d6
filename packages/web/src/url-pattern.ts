// URLPattern: Node's own where it has one (Node 23.8+), otherwise the
// maintained urlpattern-polyfill (its class-only entry, which installs nothing).
import { URLPattern as PolyfillURLPattern } from "urlpattern-polyfill/urlpattern";

type URLPatternClass = typeof PolyfillURLPattern;

/**
 * The URLPattern class: `new URLPattern({ pathname: "/books/:id" }).exec("https://x/books/1")`.
 */
export const URLPattern: URLPatternClass = ((globalThis as { URLPattern?: URLPatternClass }).URLPattern ?? PolyfillURLPattern);
