import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonModuleSource } from "../src/internal/json-module.ts";

// Evaluates the generated module text (its exports become a returned object) without a loader.
function evaluate(source: string): Record<string, unknown> {
  const body = source
    .replace("export default data;", "exports.default = data;")
    .replace(/export \{ (v\d+) as ("(?:[^"\\]|\\.)*") \};/g, "exports[$2] = $1;");
  const exports: Record<string, unknown> = {};
  new Function("exports", body)(exports);
  return exports;
}

describe("jsonModuleSource", () => {
  it("default is the parsed value; every other top-level key is a named export of its value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const exports = evaluate(jsonModuleSource(text));
        expect(exports["default"]).toEqual(JSON.parse(text));
        const parsed = JSON.parse(text) as unknown;
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
          for (const key of Object.keys(parsed).filter((k) => k !== "default" && k !== "__proto__")) expect(exports[key]).toEqual((parsed as Record<string, unknown>)[key]);
        } else expect(Object.keys(exports)).toEqual(["default"]);
      }),
    );
  });

  it("throws JSON.parse's SyntaxError on malformed JSON", () => {
    expect(() => jsonModuleSource("{ nope")).toThrow(SyntaxError);
  });
});
