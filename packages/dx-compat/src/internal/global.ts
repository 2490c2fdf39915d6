import { bunNamespace } from "./namespace.ts";

/** Defines `globalThis.Bun` (writable and configurable, as a global from a script would be). */
export function installBunGlobal(): void {
  if (Object.hasOwn(globalThis, "Bun")) return;
  Object.defineProperty(globalThis, "Bun", { value: bunNamespace, writable: true, configurable: true, enumerable: false });
}
