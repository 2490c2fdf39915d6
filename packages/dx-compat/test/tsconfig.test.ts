import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "@dx-compat/oracle";
import { describe, expect, it } from "vitest";
import { parseJsonc, transpileOptionsFor } from "../src/internal/tsconfig.ts";

describe("parseJsonc", () => {
  it("parses what JSON.stringify prints (parse ∘ print = id)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseJsonc(JSON.stringify(value, null, 2))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("ignores line and block comments and trailing commas, but not comment-like text in strings", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (record) => {
        const body = Object.entries(record)
          .map(([k, v]) => `  /* key */ ${JSON.stringify(k)}: ${JSON.stringify(v)}, // value`)
          .join("\n");
        expect(parseJsonc(`// header\n{\n${body}\n}\n`)).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
    expect(parseJsonc(`{ "url": "http://x//y", "glob": "/* not a comment */", "tricky": ",]", }`)).toEqual({ url: "http://x//y", glob: "/* not a comment */", tricky: ",]" });
  });
});

describe("transpileOptionsFor", () => {
  it("reads the nearest tsconfig.json and follows extends", () => {
    const root = scratchDir();
    mkdirSync(join(root, "app", "src", "deep"), { recursive: true });
    writeFileSync(join(root, "tsconfig.base.json"), `{ "compilerOptions": { "experimentalDecorators": true, "jsx": "react", } }`);
    writeFileSync(join(root, "app", "tsconfig.json"), `{ "extends": "../tsconfig.base.json", "compilerOptions": { "jsx": "react-jsx", "strict": true } }`);
    expect(transpileOptionsFor(join(root, "app", "src", "deep"))).toEqual({ experimentalDecorators: true, jsx: "react-jsx" });
    expect(transpileOptionsFor(root)).toEqual({});
  });
});
