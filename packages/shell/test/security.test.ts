// Interpolated values are data, never code: properties over thousands of
// random strings (shell metacharacters, quotes, newlines, unicode).
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { $ } from "../src/index.ts";
import type { Cmd } from "../src/internal/ast.ts";
import { expandWord } from "../src/internal/expand.ts";
import { compile } from "../src/internal/template.ts";

const META = [..."$`'\"\\|&;()<>{}[]*?~#=!,% \t\n\r", "$(", "${", "&&", "||", ">>", "2>&1", "&>", "\u00a0", "é", "😀", "\u2028", "a", "b", "rm", "-n", "-e"];

/** Strings biased towards shell syntax, and arbitrary unicode; never a NUL (Bun rejects those, see below). */
const hostile = fc
  .oneof(fc.array(fc.constantFrom(...META), { maxLength: 12 }).map((parts) => parts.join("")), fc.string({ unit: "grapheme", maxLength: 20 }), fc.string({ unit: "binary", maxLength: 20 }))
  .filter((s) => !s.includes("\0"));

/** The argv a one-command template expands to (the parser and expansion, not a process). */
function argvOf(strings: TemplateStringsArray, ...values: unknown[]): string[] {
  const { parsed, values: classified } = compile(strings, values);
  expect(parsed.script.stmts).toHaveLength(1);
  const cmd = parsed.script.stmts[0] as Cmd;
  expect(cmd.kind).toBe("cmd");
  expect(cmd.redirect).toBeNull();
  const ctx = { values: classified, argv: [], cwd: "/", substitutions: new Map(), lookup: () => undefined };
  return cmd.words.flatMap((word) => expandWord(word, ctx));
}

function nulSplit(text: string): string[] {
  const parts = text.split("\0");
  parts.pop();
  return parts;
}

describe("interpolation is data", () => {
  it("a string is exactly one argument, wherever it sits", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(argvOf`cmd ${s}`).toEqual(["cmd", s]);
        expect(argvOf`cmd "${s}"`).toEqual(["cmd", s]);
        expect(argvOf`cmd '${s}'`).toEqual(["cmd", s]);
        expect(argvOf`cmd pre${s}post`).toEqual(["cmd", `pre${s}post`]);
      }),
      { numRuns: 3000 },
    );
  });

  it("an array is one argument per element", () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 8 }), (items) => {
        expect(argvOf`cmd ${items} end`).toEqual(["cmd", ...items, "end"]);
      }),
      { numRuns: 1500 },
    );
  });

  it("$.escape round trips through the parser", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(argvOf`cmd ${{ raw: $.escape(s) }}`).toEqual(["cmd", s]);
      }),
      { numRuns: 3000 },
    );
  });

  it("a string with a NUL byte is rejected as Bun does", () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const s = `${a}\0${b}`;
        expect(() => $`echo ${s}`).toThrow(expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_VALUE" }));
      }),
      { numRuns: 300 },
    );
  });

  it("reaches a real child byte for byte, runs nothing and redirects nothing", async () => {
    const dir = mkdtempSync(`${tmpdir()}/dx-shell-security-`);
    const samples = fc.sample(fc.array(hostile, { minLength: 1, maxLength: 40 }), 25);
    for (const items of samples) {
      const single = items[0] as string;
      const one = await $`printf '%s\0' ${single}`.cwd(dir).quiet();
      expect(nulSplit(one.stdout.toString())).toEqual([Buffer.from(single).toString()]);
      const many = await $`printf '%s\0' ${items}`.cwd(dir).quiet();
      expect(nulSplit(many.stdout.toString())).toEqual(items.map((s) => Buffer.from(s).toString()));
    }
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});
