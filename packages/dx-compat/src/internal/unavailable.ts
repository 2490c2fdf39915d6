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

/** `callable` stands in for Bun's functions and classes, `value` for its objects and constants. */
export type StandInKind = "callable" | "value";

/** A stand-in that throws `unavailableError(api, packageName)` when called, constructed or read from. */
export function unavailable(api: string, packageName: PackageName, kind: StandInKind = "callable"): never {
  const fail = (): never => {
    throw unavailableError(api, packageName);
  };
  const target = kind === "callable" ? function unavailableBunExport() {} : {};
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
  return (typeof value === "function" || (typeof value === "object" && value !== null)) && (value as Record<symbol, unknown>)[unavailableMarker] === true;
}
