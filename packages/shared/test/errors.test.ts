import { describe, expect, it } from "vitest";
import { codes, missingPackage, notImplemented } from "../src/errors.ts";

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
