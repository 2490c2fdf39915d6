import { describe, expect, it } from "vitest";
import * as api from "../src/index.ts";

// The README says this package implements nothing yet; it must export nothing either,
// so no user can reach a stub.
describe("@dx-compat/plugin", () => {
  it("exports nothing it does not implement", () => {
    expect(Object.keys(api)).toEqual([]);
  });
});
