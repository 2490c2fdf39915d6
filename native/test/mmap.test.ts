// mmap: a real mapping (page-unaligned offsets, clamping, shared vs private),
// Node-style errors, and the twin's refusal; runs on both backends.
import { scratchDir } from "@dx-compat/oracle";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { mmap } from "../src/index.ts";

const native = process.env["DX_COMPAT_NATIVE"] !== "0";
const dir = scratchDir("dx-compat-native-mmap-");

describe.runIf(native)("mmap (addon)", () => {
  it("maps any window of the file, page-aligned or not, clamped to its end", () => {
    const path = join(dir, "pattern.bin");
    const content = Buffer.from(Array.from({ length: 3 * 4096 + 17 }, (_, i) => (i * 7) & 0xff));
    writeFileSync(path, content);
    for (const [offset, size] of [[0, 0], [1, 5], [4095, 2], [4096, 4096], [8191, 100_000], [3 * 4096 + 16, 0]] as const) {
      const view = mmap(path, { offset, size });
      const end = size === 0 ? content.length : Math.min(content.length, offset + size);
      expect(Buffer.from(view).equals(content.subarray(offset, end))).toBe(true);
    }
  });

  it("writes through a shared mapping and keeps a private one's writes to itself", () => {
    const path = join(dir, "rw.bin");
    writeFileSync(path, "hello");
    mmap(path)[0] = 0x4a;
    expect(readFileSync(path, "utf8")).toBe("Jello");
    const own = mmap(path, { shared: false });
    own[0] = 0x59;
    expect(readFileSync(path, "utf8")).toBe("Jello");
  });

  it("fails as Node's fs would name it: open errors with a path, mmap errors without", () => {
    writeFileSync(join(dir, "empty.bin"), "");
    expect(() => mmap(join(dir, "missing"))).toThrow(expect.objectContaining({ code: "ENOENT", syscall: "open", errno: -2 }));
    expect(() => mmap(dir)).toThrow(expect.objectContaining({ code: "EISDIR", syscall: "open" }));
    expect(() => mmap(join(dir, "empty.bin"))).toThrow(expect.objectContaining({ code: "EINVAL", syscall: "mmap", errno: -22 }));
    expect(() => mmap(join(dir, "rw.bin"), { offset: 5 })).toThrow(expect.objectContaining({ code: "EINVAL", syscall: "mmap" }));
  });
});

describe.runIf(!native)("mmap (TypeScript twin)", () => {
  it("refuses with ERR_DX_COMPAT_NOT_IMPLEMENTED: a copy would not be a mapping", () => {
    writeFileSync(join(dir, "twin.bin"), "x");
    expect(() => mmap(join(dir, "twin.bin"))).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
  });
});
