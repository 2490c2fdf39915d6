// Resolving one member of Bun's surface to our implementation or to a stand-in.
import { loadInstalled } from "./installed.ts";
import { bunModulePackages, ownerOfBunMember } from "./owners.ts";
import type { PackageName } from "./owners.ts";
import { unavailable } from "./unavailable.ts";

function fromPackage(packageName: PackageName, member: string, api: string): unknown {
  const exports = loadInstalled(packageName);
  if (exports !== null && Object.hasOwn(exports, member)) return exports[member];
  return unavailable(api, packageName);
}

/** `Bun.<member>`: the owning package's export, or a stand-in that explains its absence. */
export function bunMember(member: string): unknown {
  return fromPackage(ownerOfBunMember(member), member, `Bun.${member}`);
}

/** A member of a `bun:*` module (`bun:sqlite`, `bun:ffi`). */
export function bunModuleMember(module: keyof typeof bunModulePackages, member: string): unknown {
  return fromPackage(bunModulePackages[module], member, `${module} ${member}`);
}
