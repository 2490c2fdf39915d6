// A stand-in for a Bun export that has no implementation here (its package is
// absent, or does not implement it yet). Importing it links — so a program
// that imports many names from "bun" starts — but calling, constructing or
// reading anything from it throws the error that says why.
import { missingPackage, notImplemented } from "@dx-compat/shared/errors";
import { loadInstalled } from "./installed.ts";
import type { PackageName } from "./owners.ts";

/** The error for `api`, a member `packageName` should provide but does not (or is not installed). */
export function unavailableError(api: string, packageName: PackageName): Error {
  if (loadInstalled(packageName) === null) return missingPackage(api, packageName);
  return notImplemented(api, `not implemented yet in ${packageName} (see COVERAGE.md)`);
}

const unavailableMarker = Symbol.for("dx-compat.unavailable");

/** A callable, constructible stand-in that throws `unavailableError(api, packageName)` on use. */
export function unavailable(api: string, packageName: PackageName): never {
  const fail = (): never => {
    throw unavailableError(api, packageName);
  };
  const target = function unavailableBunExport() {};
  return new Proxy(target, {
    apply: fail,
    construct: fail,
    get(_target, key) {
      if (key === unavailableMarker) return true;
      // Symbols (inspection, toStringTag) and `then` (promise resolution probes) must not throw.
      if (typeof key === "symbol" || key === "then") return undefined;
      return fail();
    },
    set: fail,
  }) as never;
}

/** Whether `value` is a stand-in made by `unavailable`. */
export function isUnavailable(value: unknown): boolean {
  return typeof value === "function" && (value as unknown as Record<symbol, unknown>)[unavailableMarker] === true;
}
