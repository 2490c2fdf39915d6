// The `Bun` namespace object: `globalThis.Bun` after `dx-compat/register`, the
// default export of the `bun` module, and `Bun` from `dx-compat`. One object,
// assembled lazily: a member's package loads the first time the member is read,
// so `--import dx-compat/register` costs nothing for APIs a program never uses.
import { bunMemberNames } from "./generated/members.ts";
import { bunMember } from "./members.ts";
import { ownerOfBunMember } from "./owners.ts";
import { isUnavailable, unavailableError } from "./unavailable.ts";

function defineLazyMember(namespace: object, name: string): void {
  Object.defineProperty(namespace, name, {
    configurable: true,
    enumerable: true,
    get() {
      const value = bunMember(name);
      // Touching an API we cannot provide throws the reason (install hint or not-implemented).
      if (isUnavailable(value)) throw unavailableError(`Bun.${name}`, ownerOfBunMember(name));
      Object.defineProperty(namespace, name, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(value: unknown) {
      Object.defineProperty(namespace, name, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

function createBunNamespace(): typeof import("bun") {
  const namespace = {};
  for (const name of bunMemberNames) defineLazyMember(namespace, name);
  Object.defineProperty(namespace, Symbol.toStringTag, { value: "Bun" });
  return namespace as typeof import("bun");
}

/** The one `Bun` namespace object of this process. */
export const bunNamespace: typeof import("bun") = createBunNamespace();
