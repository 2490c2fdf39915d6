// which: the addon's lookup and the twin's agree on every name, PATH and cwd
// over a tree of executables, plain files, directories and symlinks.
import { scratchDir } from "@dx-compat/oracle";
import fc from "fast-check";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { which } from "../src/index.ts";
import { twinBinding } from "../src/internal/twin/index.ts";

const native = process.env["DX_COMPAT_NATIVE"] !== "0";
const root = scratchDir("dx-compat-native-which-");
for (const dir of ["a", "b", "a/sub", "c d"]) mkdirSync(join(root, dir), { recursive: true });
const files: [string, number][] = [["a/run", 0o755], ["b/run", 0o755], ["a/plain", 0o644], ["b/plain", 0o755], ["c d/run", 0o755], ["a/sub/x", 0o700]];
for (const [path, mode] of files) {
  writeFileSync(join(root, path), "#!/bin/sh\n");
  chmodSync(join(root, path), mode);
}
symlinkSync(join(root, "a/run"), join(root, "b/link"));
symlinkSync(join(root, "missing"), join(root, "b/dangling"));

describe("which", () => {
  it("finds along PATH, against cwd, and as an absolute path", () => {
    expect(which("run", `${root}/a:${root}/b`, "/")).toBe(`${root}/a/run`);
    expect(which("plain", `${root}/a:${root}/b`, "/")).toBe(`${root}/b/plain`);
    expect(which("link", `${root}/b`, "/")).toBe(`${root}/b/link`);
    expect(which("dangling", `${root}/b`, "/")).toBeNull();
    expect(which("sub", `${root}/a`, "/")).toBeNull();
    expect(which("run", "a:b", root)).toBe(`${root}/a/run`);
    expect(which("./a/run", "", root)).toBe(`${root}/a/run`);
    expect(which(`${root}/c d/run`, "", "")).toBe(`${root}/c d/run`);
    expect(which("ru\0n", `${root}/a`, "/")).toBeNull();
  });

  it.runIf(native)("the addon and the twin agree on random lookups (fast-check)", () => {
    const name = fc.constantFrom("run", "plain", "link", "dangling", "sub", "x", "nope", "./a/run", "a/run", "../run", "", `${root}/a/run`, `${root}/a/plain`, "c d/run");
    const entry = fc.constantFrom(`${root}/a`, `${root}/b/`, "a", "b", "a/sub", "c d", "", "/nonexistent", `${root}/c d`, `${root}//a`);
    const cwd = fc.constantFrom(root, `${root}/`, `${root}/a`, "", "/");
    fc.assert(
      fc.property(name, fc.array(entry, { maxLength: 5 }), cwd, (bin, entries, dir) => {
        const PATH = entries.join(":");
        expect(which(bin, PATH, dir)).toBe(twinBinding.which(bin, PATH, dir));
      }),
      { numRuns: 500 },
    );
  });
});
