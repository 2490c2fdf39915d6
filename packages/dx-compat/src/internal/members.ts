// Resolving one member of Bun's surface to our implementation or to a stand-in.
import { loadInstalled } from "./installed.ts";
import { bunModulePackages, ownerOfBunMember } from "./owners.ts";
import type { PackageName } from "./owners.ts";
import { unavailable } from "./unavailable.ts";
import type { StandInKind } from "./unavailable.ts";

function fromPackage(packageName: PackageName, member: string, api: string, kind: StandInKind): unknown {
  const exports = loadInstalled(packageName);
  if (exports !== null && Object.hasOwn(exports, member)) return exports[member];
  return unavailable(api, packageName, kind);
}

/** `Bun.<member>`: the owning package's export, or a stand-in (of the same kind as Bun's) that explains its absence. */
export function bunMember(member: string, kind: StandInKind = "callable"): unknown {
  return fromPackage(ownerOfBunMember(member), member, `Bun.${member}`, kind);
}

/** A member of a `bun:*` module (`bun:sqlite`, `bun:ffi`). */
export function bunModuleMember(module: keyof typeof bunModulePackages, member: string, kind: StandInKind): unknown {
  return fromPackage(bunModulePackages[module], member, `${module} ${member}`, kind);
}
