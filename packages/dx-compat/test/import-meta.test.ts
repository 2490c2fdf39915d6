import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withImportMeta } from "../src/internal/import-meta.ts";

const lines = (text: string): number => text.split("\n").length;

describe("withImportMeta", () => {
  it("leaves modules that do not use Bun's import.meta members untouched", () => {
    fc.assert(fc.property(fc.string(), (source) => {
      fc.pre(!/import\.meta\.(dir|file|path|main)/.test(source));
      expect(withImportMeta(source)).toBe(source);
    }));
  });

  it("never moves a line: the prelude shares the first line (after a hashbang)", () => {
    const body = fc.array(fc.string(), { maxLength: 8 }).map((ls) => ls.join("\n"));
    fc.assert(fc.property(fc.boolean(), body, (hashbang, rest) => {
      const source = `${hashbang ? "#!/usr/bin/env node\n" : ""}console.log(import.meta.dir);\n${rest}`;
      const out = withImportMeta(source);
      expect(lines(out)).toBe(lines(source));
      expect(out.endsWith(source.slice(hashbang ? source.indexOf("\n") + 1 : 0))).toBe(true);
      if (hashbang) expect(out.startsWith("#!/usr/bin/env node\nimport.meta.dir??=")).toBe(true);
    }));
  });
});
