import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { bunMemberNames } from "../src/internal/generated/members.ts";
import { bunNamespace } from "../src/internal/namespace.ts";
import { isUnavailable, unavailable } from "../src/internal/unavailable.ts";
import * as root from "../src/index.ts";

// The namespace loads packages as a user's program would: their built exports.
const bunPackage = createRequire(import.meta.url)("@dx-compat/bun") as typeof import("@dx-compat/bun");

describe("the Bun namespace", () => {
  it("has every member of Bun's `bun` module, enumerable", () => {
    expect(Object.keys(bunNamespace).sort()).toEqual([...bunMemberNames].sort());
  });

  it("serves implemented members from their package", () => {
    expect(bunNamespace.sleep).toBe(bunPackage.sleep);
    expect(bunNamespace.argv).toBe(process.argv);
  });

  it("throws a named, coded error for members not implemented yet", () => {
    expect(() => bunNamespace.cron).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED", message: "[dx-compat] Bun.cron: not implemented yet in @dx-compat/bun (see COVERAGE.md)" }));
    expect(() => bunNamespace.Transpiler).toThrow("[dx-compat] Bun.Transpiler: not implemented yet in @dx-compat/bun (see COVERAGE.md)");
  });

  it("lets a program replace a member, as Bun's object does", () => {
    const namespace = bunNamespace as unknown as Record<string, unknown>;
    const replacement = (): void => {};
    namespace["gc"] = replacement;
    expect(namespace["gc"]).toBe(replacement);
  });
});

describe("the dx-compat root module", () => {
  it("exports the namespace as default and Bun, and each member by name", () => {
    expect(root.default).toBe(bunNamespace);
    expect(root.Bun).toBe(bunNamespace);
    expect(root.sleep).toBe(bunPackage.sleep);
  });

  it("exports stand-ins for what is missing: they link, and throw on use", () => {
    expect(isUnavailable(root.cron)).toBe(true);
    expect(() => (root.cron as unknown as () => unknown)()).toThrow("[dx-compat] Bun.cron: not implemented yet");
    expect(() => new (root.Transpiler as unknown as new () => unknown)()).toThrow("[dx-compat] Bun.Transpiler: not implemented yet");
    expect(() => (root.CSRF as { generate: unknown }).generate).toThrow("[dx-compat] Bun.CSRF: not implemented yet");
    expect(typeof root.CSRF).toBe("object");
  });
});

describe("stand-ins", () => {
  const standIn = unavailable("Bun.example", "@dx-compat/bun");

  it("stay inspectable and are not thenable", () => {
    expect((standIn as unknown as Record<string, unknown>)["then"]).toBeUndefined();
    expect((standIn as unknown as Record<symbol, unknown>)[Symbol.toStringTag]).toBeUndefined();
  });

  it("refuse writes", () => {
    expect(() => {
      (standIn as unknown as Record<string, unknown>)["x"] = 1;
    }).toThrow("[dx-compat] Bun.example");
  });
});
