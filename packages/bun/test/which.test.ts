// Bun.which on Node: Bun's lookup rules (absolute, relative to cwd, along PATH), no normalisation.
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { which } from "../src/which.ts";

const root = mkdtempSync(join(tmpdir(), "dx-which-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sub = join(root, "sub");
mkdirSync(join(sub, "deeper"), { recursive: true });
for (const [name, mode] of [["x.sh", 0o755], ["deeper/y.sh", 0o755], ["noexec.sh", 0o644]] as const) {
  writeFileSync(join(sub, name), "#!/bin/sh\n");
  chmodSync(join(sub, name), mode);
}
symlinkSync("x.sh", join(sub, "link.sh"));
symlinkSync("nothing", join(sub, "broken.sh"));

describe("Bun.which", () => {
  it("finds commands along PATH and returns null for the missing", () => {
    expect(which("sh")).toMatch(/\/sh$/);
    expect(which("definitely-not-here-xyz")).toBeNull();
    expect(which("x.sh", { PATH: sub })).toBe(`${sub}/x.sh`);
    expect(which("x.sh", { PATH: `/nonexistent::${sub}/` })).toBe(`${sub}/x.sh`);
    expect(which("link.sh", { PATH: sub })).toBe(`${sub}/link.sh`);
    expect(which("broken.sh", { PATH: sub })).toBeNull();
    expect(which("noexec.sh", { PATH: sub })).toBeNull();
    expect(which("sub", { PATH: root })).toBeNull();
    expect(which("sh", { PATH: "" })).toBeNull();
  });

  it("resolves relative PATH entries and slashed commands against cwd, without normalising", () => {
    expect(which("y.sh", { PATH: "deeper", cwd: sub })).toBe(`${sub}/deeper/y.sh`);
    expect(which("x.sh", { PATH: ".", cwd: sub })).toBe(`${sub}/./x.sh`);
    expect(which("./x.sh", { cwd: `${sub}/` })).toBe(`${sub}/x.sh`);
    expect(which("../sub/x.sh", { cwd: sub })).toBe(`${sub}/../sub/x.sh`);
    expect(which("x.sh", { cwd: sub, PATH: "" })).toBeNull();
    expect(which("./x.sh", { cwd: "" })).toBeNull();
    expect(which(`${sub}/../sub/x.sh`)).toBe(`${sub}/../sub/x.sh`);
    expect(which("/tmp")).toBeNull();
  });

  it("converts arguments as Bun does", () => {
    expect(which(undefined as never)).toBeNull();
    expect(which(null as never)).toBeNull();
    expect(which("")).toBeNull();
    expect(which(true as never)).toMatch(/\/true$/);
    expect(which("sh", 5 as never)).toMatch(/\/sh$/);
    expect(which("sh", { PATH: null as never })).toBeNull();
    expect(() => which(Symbol("x") as never)).toThrow("Cannot convert a symbol to a string");
    expect(() => which("a".repeat(5000))).toThrow("bin path is too long");
  });
});
