// Bun's Response as the global (from `@dx-compat/bun/response`, when
// @dx-compat/bun is installed). Bun.serve writes the body such a Response was
// built with straight to the socket; handed Node's own Response it has to read
// the body back through a stream, which costs most of a small response's time,
// and Node's Response differs from Bun's in what it adds to headers.
import { createRequire } from "node:module";

const requireFromHere = createRequire(import.meta.url);

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as { message?: unknown } | null)?.message ?? "");
  return (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") && message.includes("@dx-compat/bun");
}

/** Installs Bun's Response in place of Node's; returns false when @dx-compat/bun is not installed. */
export function installBunResponse(): boolean {
  let exports: { Response?: unknown };
  try {
    exports = requireFromHere("@dx-compat/bun/response") as { Response?: unknown };
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
  if (globalThis.Response === exports.Response) return true;
  // As Node defines its web globals: writable, configurable, not enumerable.
  Object.defineProperty(globalThis, "Response", { value: exports.Response, writable: true, configurable: true, enumerable: false });
  return true;
}
