// ShadowRealm, which Bun has as a global (JavaScriptCore's) and V8 only behind
// a flag: a realm of its own on a V8 context (node:vm), with Bun's callable
// boundary, its errors and its words. `importValue` cannot be had (see below).
import { notImplemented } from "@dx-compat/shared/errors";
import vm from "node:vm";
import { crossInto, thrownByEvaluation } from "./internal/shadow-realm/boundary.ts";
import { createRealm, mainRealm, type Realm, type ShadowRealmRecord } from "./internal/shadow-realm/realm.ts";

/** A ShadowRealm instance, as `@types/bun` declares it. */
export interface ShadowRealmInstance {
  evaluate(sourceText: string): unknown;
  importValue(specifier: string, bindingName: string): Promise<unknown>;
}

/** The ShadowRealm constructor, as `@types/bun` declares it. */
export interface ShadowRealmConstructor {
  readonly prototype: ShadowRealmInstance;
  new (): ShadowRealmInstance;
}

const realms = new WeakMap<object, ShadowRealmRecord>();

function realmOf(receiver: unknown, caller: Realm, method: string): ShadowRealmRecord {
  const realm = typeof receiver === "object" && receiver !== null ? realms.get(receiver) : undefined;
  if (realm === undefined) throw new caller.TypeError(`\`%ShadowRealm%.${method} requires that |this| be a ShadowRealm instance`);
  return realm;
}

/** Whether the source itself fails to parse (as opposed to throwing a SyntaxError while it runs). */
function failsToParse(source: string): boolean {
  try {
    new vm.Script(source);
    return false;
  } catch {
    return true;
  }
}

/** PerformShadowRealmEval: an indirect eval in the realm; a parse error stays a SyntaxError, any other throw a TypeError. */
function evaluateIn(realm: ShadowRealmRecord, caller: Realm, sourceText: string): unknown {
  let result: unknown;
  try {
    result = realm.eval(sourceText);
  } catch (error) {
    if (error instanceof realm.SyntaxError && failsToParse(sourceText)) throw new caller.SyntaxError(error.message);
    throw new caller.TypeError(thrownByEvaluation(error));
  }
  return crossInto(caller, realm, result);
}

const whyNoImport =
  "Node loads modules into a new realm only with --experimental-vm-modules or --experimental-shadow-realm, " +
  "which a running process cannot turn on; evaluate() works";

function defineMethods(target: object, methods: object): void {
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(target, name, { value, writable: true, enumerable: false, configurable: true });
  }
}

/** The ShadowRealm class as seen from `caller`: its errors and wrapped functions are that realm's. */
function shadowRealmClass(caller: Realm): ShadowRealmConstructor {
  const prototype = {};
  // As in Bun, a subclass's `new` still makes a plain ShadowRealm (NewTarget is not consulted).
  function ShadowRealm(): object {
    if (new.target === undefined) throw new caller.TypeError("calling ShadowRealm constructor without new is invalid");
    const instance = Object.create(prototype) as object;
    realms.set(instance, createRealm(shadowRealmClass));
    return instance;
  }
  defineMethods(prototype, {
    evaluate(this: unknown, sourceText: unknown): unknown {
      const realm = realmOf(this, caller, "evaluate");
      if (typeof sourceText !== "string") {
        throw new caller.TypeError("`%ShadowRealm%.evaluate requires that the |sourceText| argument be a string");
      }
      return evaluateIn(realm, caller, sourceText);
    },
    importValue(this: unknown, specifier: unknown, exportName: unknown): Promise<unknown> {
      realmOf(this, caller, "importValue");
      if (typeof exportName !== "string") {
        throw new caller.TypeError("`%ShadowRealm%.importValue requires that the |exportName| argument be a string");
      }
      String(specifier);
      return Promise.reject(notImplemented("ShadowRealm.prototype.importValue", whyNoImport));
    },
  });
  Object.defineProperty(prototype, "constructor", { value: ShadowRealm, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(prototype, Symbol.toStringTag, { value: "ShadowRealm", configurable: true });
  // Its own name whatever a bundler renames the declaration to.
  Object.defineProperty(ShadowRealm, "name", { value: "ShadowRealm", configurable: true });
  Object.defineProperty(ShadowRealm, "prototype", { value: prototype, writable: false, enumerable: false, configurable: false });
  return ShadowRealm as unknown as ShadowRealmConstructor;
}

/**
 * Bun's `ShadowRealm`: `new ShadowRealm().evaluate(source)` runs code in a
 * realm with its own intrinsics and global; primitives and functions cross
 * the boundary (functions as wrappers), other objects are refused with Bun's
 * TypeError. `importValue` rejects with `ERR_DX_COMPAT_NOT_IMPLEMENTED`.
 *
 * @example
 * ```ts
 * import { ShadowRealm } from "@dx-compat/web";
 * const realm = new ShadowRealm();
 * const add = realm.evaluate("(a, b) => a + b");
 * add(2, 3); // 5
 * ```
 */
export const ShadowRealm: ShadowRealmConstructor = shadowRealmClass(mainRealm);
