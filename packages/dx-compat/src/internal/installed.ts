// Loading the optional `@dx-compat/*` peers. Synchronous on purpose: every
// supported Node (>= 22.15) can require() an ES module, which lets the `Bun`
// global load a package on first touch and lets subpaths fail with a clear
// message instead of a bare ERR_MODULE_NOT_FOUND.
import { createRequire } from "node:module";
import { missingPackage } from "@dx-compat/shared/errors";
import type { PackageName } from "./owners.ts";

const requireFromHere = createRequire(import.meta.url);
const loaded = new Map<string, Record<string, unknown> | null>();

function isNotFoundFor(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as { message?: unknown } | null)?.message ?? "");
  return (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") && message.includes(packageName);
}

/** The package's exports, or `null` when it is not installed (any other load failure propagates). */
export function loadInstalled(packageName: PackageName): Record<string, unknown> | null {
  let exports = loaded.get(packageName);
  if (exports !== undefined) return exports;
  try {
    exports = requireFromHere(packageName) as Record<string, unknown>;
  } catch (error) {
    if (!isNotFoundFor(error, packageName)) throw error;
    exports = null;
  }
  loaded.set(packageName, exports);
  return exports;
}

/** Whether the package can be resolved from here, without loading it. */
export function isInstalled(packageName: PackageName): boolean {
  if (loaded.has(packageName)) return loaded.get(packageName) !== null;
  try {
    requireFromHere.resolve(packageName);
    return true;
  } catch (error) {
    if (!isNotFoundFor(error, packageName)) throw error;
    return false;
  }
}

/** The package's exports; throws the install hint, naming `api`, when it is not installed. */
export function requireInstalled(packageName: PackageName, api: string): Record<string, unknown> {
  const exports = loadInstalled(packageName);
  if (exports === null) throw missingPackage(api, packageName);
  return exports;
}
