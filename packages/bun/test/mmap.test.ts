// Bun.mmap: a real mapping through @dx-compat/native (writes reach the file,
// private ones do not), Bun's errors for every failure, compared with real Bun;
// without the addon, the named not-implemented error instead of a copy.
import { compareBatch, scratchDir } from "@dx-compat/oracle";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { mmap } from "../src/index.ts";

const native = process.env["DX_COMPAT_NATIVE"] !== "0";
const dir = scratchDir("dx-compat-bun-mmap-");

const caseModule = `
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const dir = mkdtempSync(join(tmpdir(), "dx-compat-mmap-diff-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
export default ({ content, options, write, path }) => {
  const file = join(dir, "m.bin");
  writeFileSync(file, content);
  try {
    const bytes = Bun.mmap(path === "dir" ? dir : path === "missing" ? join(dir, "nope") : path ?? file, options);
    if (write) bytes[0] = 90;
    return { ctor: bytes.constructor.name, length: bytes.length, text: String.fromCharCode(...bytes), file: readFileSync(file, "utf8") };
  } catch (e) {
    return { threw: [e.name, e.code, e.errno, e.syscall, e.message.replace(dir, "<dir>"), Object.keys(e)] };
  }
};
`;

describe.runIf(native)("Bun.mmap (native addon)", () => {
  it("maps the file: shared writes reach it, private ones do not", () => {
    const path = join(dir, "shared.bin");
    writeFileSync(path, "abcdef");
    const shared = mmap(path);
    expect(shared).toBeInstanceOf(Uint8Array);
    shared[0] = 0x5a;
    expect(readFileSync(path, "utf8")).toBe("Zbcdef");
    const own = mmap(path, { shared: false, offset: 1, size: 2 });
    own[0] = 0x59;
    expect(String.fromCharCode(...own)).toBe("Yc");
    expect(readFileSync(path, "utf8")).toBe("Zbcdef");
    // The mapping sees the file change underneath it.
    writeFileSync(path, "ABCDEF");
    expect(String.fromCharCode(...shared)).toBe("ABCDEF");
  });

  it("matches Bun: lengths, offsets, clamping, coercion, and every error", async () => {
    const cases = [
      { content: "abcdef", options: undefined },
      { content: "abcdef", options: undefined, write: true },
      { content: "abcdef", options: { shared: false }, write: true },
      { content: "abcdef", options: { size: 100 } },
      { content: "abcdef", options: { offset: 3 } },
      { content: "abcdef", options: { offset: 4096 } },
      { content: "abcdef", options: { offset: 6 } },
      { content: "x".repeat(10_000), options: { offset: 4097, size: 3 } },
      { content: "abcdef", options: { size: 2n, offset: 1n } },
      { content: "abcdef", options: { size: -1 } },
      { content: "abcdef", options: { offset: -1 } },
      { content: "abcdef", options: { offset: 1.5 } },
      { content: "abcdef", options: { size: "2" } },
      { content: "abcdef", options: { shared: 1 } },
      { content: "abcdef", options: { sync: true } },
      { content: "", options: undefined },
      { content: "abcdef", path: "dir" },
      { content: "abcdef", path: "missing" },
      { content: "abcdef", path: 5 },
    ];
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun.filter((o) => JSON.stringify(o).includes("threw")).length).toBeGreaterThanOrEqual(7);
    expect(mismatches).toEqual([]);
  });
});

describe.runIf(!native)("Bun.mmap without the addon", () => {
  it("throws the named not-implemented error rather than handing out a copy", () => {
    const path = join(dir, "no-addon.bin");
    writeFileSync(path, "abc");
    expect(() => mmap(path)).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
  });
});
