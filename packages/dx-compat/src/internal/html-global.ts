// `globalThis.HTMLRewriter`, which Bun has and Node does not, from
// @dx-compat/html when it is installed. Defined as an accessor that loads the
// package on first touch and then turns into a plain writable value, so a
// program that never uses it never loads the wasm glue.
import { isInstalled, loadInstalled } from "./installed.ts";

function define(value: unknown): void {
  Object.defineProperty(globalThis, "HTMLRewriter", { value, writable: true, configurable: true, enumerable: true });
}

/** Installs the lazy `HTMLRewriter` global; does nothing when one exists or @dx-compat/html is not installed. */
export function installHtmlRewriterGlobal(): void {
  if (Object.hasOwn(globalThis, "HTMLRewriter")) return;
  if (!isInstalled("@dx-compat/html")) return;
  Object.defineProperty(globalThis, "HTMLRewriter", {
    get() {
      const value = loadInstalled("@dx-compat/html")?.["HTMLRewriter"];
      define(value);
      return value;
    },
    set: define,
    configurable: true,
    // Enumerable, as Bun defines it.
    enumerable: true,
  });
}
