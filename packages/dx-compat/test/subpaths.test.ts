// `dx-compat/<name>` re-exports `@dx-compat/<name>`: exactly its exports, no more, no less.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { subpathPackages } from "../src/internal/owners.ts";

// Load the packages as a user's program would (their built exports), not from source.
const requireBuilt = createRequire(import.meta.url);

describe("subpaths", () => {
  it.each(Object.entries(subpathPackages))("dx-compat/%s exports what %s exports", async (subpath, packageName) => {
    const ours = await import(/* @vite-ignore */ `dx-compat/${subpath}`);
    const theirs = requireBuilt(packageName) as Record<string, unknown>;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const key of Object.keys(theirs)) expect(ours[key]).toBe(theirs[key]);
  });
});
