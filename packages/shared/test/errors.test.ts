import { describe, expect, it } from "vitest";
import { bunCoded, codes, missingPackage, notImplemented } from "../src/errors.ts";

describe("notImplemented", () => {
  it("names the API and says why, with a stable code", () => {
    const error = notImplemented("Bun.serve", "not implemented yet");
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe("[dx-compat] Bun.serve: not implemented yet");
    expect(error.code).toBe(codes.notImplemented);
  });
});

describe("missingPackage", () => {
  it("names the package to install", () => {
    const error = missingPackage("Bun.$", "@dx-compat/shell");
    expect(error.message).toContain("npm i @dx-compat/shell");
    expect(error.message.startsWith("[dx-compat] Bun.$: ")).toBe(true);
    expect(error.code).toBe(codes.missingPackage);
  });
});

describe("bunCoded", () => {
  it("puts name, code and toString on a shared prototype, as Bun's native validators do", () => {
    const first = bunCoded("bad value", "ERR_INVALID_ARG_TYPE", TypeError);
    const second = bunCoded("other", "ERR_INVALID_ARG_TYPE", TypeError);
    expect(first).toBeInstanceOf(TypeError);
    expect(Object.keys(first)).toEqual([]);
    expect(Object.hasOwn(first, "code")).toBe(false);
    expect([first.name, first.code, first.message, String(first)]).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", "bad value", "TypeError [ERR_INVALID_ARG_TYPE]: bad value"]);
    expect(Object.getPrototypeOf(first)).toBe(Object.getPrototypeOf(second));
    expect(Object.getPrototypeOf(bunCoded("x", "ERR_OUT_OF_RANGE", RangeError))).not.toBe(Object.getPrototypeOf(first));
    expect(String(bunCoded("plain", "ERR_X"))).toBe("Error [ERR_X]: plain");
  });
});
