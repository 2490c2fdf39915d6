// Bun's Response and Request as the globals (from `@dx-compat/bun/response` and
// `@dx-compat/bun/request`, when @dx-compat/bun is installed). Bun.serve writes
// the body such a Response was built with straight to the socket; handed
// Node's own Response it has to read the body back through a stream, which
// costs most of a small response's time, and Node's Response differs from
// Bun's in what it adds to headers. Bun's Request also takes the request a
// Bun.serve handler received (`new Request(req, init)`), which Node's refuses.
import { createRequire } from "node:module";

const requireFromHere = createRequire(import.meta.url);

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as { message?: unknown } | null)?.message ?? "");
  return (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") && message.includes("@dx-compat/bun");
}

function installFrom(subpath: "response" | "request", name: "Response" | "Request"): boolean {
  let exports: Record<string, unknown>;
  try {
    exports = requireFromHere(`@dx-compat/bun/${subpath}`) as Record<string, unknown>;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
  if (globalThis[name] === exports[name]) return true;
  // As Node defines its web globals: writable, configurable, not enumerable.
  Object.defineProperty(globalThis, name, { value: exports[name], writable: true, configurable: true, enumerable: false });
  return true;
}

/** Installs Bun's Response and Request in place of Node's; returns false when @dx-compat/bun is not installed. */
export function installBunWebClasses(): boolean {
  return installFrom("response", "Response") && installFrom("request", "Request");
}
