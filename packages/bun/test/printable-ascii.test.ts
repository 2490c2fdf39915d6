// stringWidth's printable-ASCII check (src/internal/strings/printable-ascii.ts):
// a WebAssembly scan over a UTF-8 copy, a regex, and the switch between them.
// Whatever the history of calls, the answer must be the regex's.
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { compileWat } from "../scripts/wat.ts";
import { printableAsciiPrefix } from "../src/internal/strings/printable-ascii.ts";
import { printableAsciiWasm } from "../src/internal/strings/printable-ascii-wasm.ts";

/** The definition, one code unit at a time. */
function referencePrefix(text: string): number {
  let at = 0;
  while (at < text.length && text.charCodeAt(at) >= 0x20 && text.charCodeAt(at) <= 0x7e) at++;
  return at;
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 90 });
// One unit that is not printable ASCII: controls, DEL, Latin-1, and characters whose
// low byte is printable (U+4E2D 中 is 0x2d there), which a byte-truncating copy would pass.
const intruder = fc.constantFrom("\0", "\t", "\n", "\x1b", "\x1f", "\x7f", "\x80", "\xa0", "\xe9", "\xff", "中", "\u0141", "\u2020", "\ud83d", "\ude00", "😀");
const mostlyPrintable = fc.tuple(printable, fc.option(intruder, { freq: 2 }), printable).map(([a, b, c]) => a + (b ?? "") + c);
const anyText = fc.oneof(mostlyPrintable, fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }));

describe("printableAsciiPrefix", () => {
  it("measures the printable run on every length around the sixteen-byte blocks", () => {
    for (let length = 0; length <= 70; length++) {
      const clean = "x".repeat(length);
      expect(printableAsciiPrefix(clean)).toBe(length);
      for (let at = 0; at < length; at++) {
        const text = `${clean.slice(0, at)}\x7f${clean.slice(at + 1)}`;
        expect(printableAsciiPrefix(text)).toBe(at);
      }
    }
  });

  it("is not fooled by two-byte characters whose low byte is printable", () => {
    expect(printableAsciiPrefix("abc中def")).toBe(3);
    expect(printableAsciiPrefix("\u4141".repeat(40))).toBe(0);
    expect(printableAsciiPrefix(`${"a".repeat(31)}\u0141`)).toBe(31);
  });

  it("agrees with the definition over any sequence of calls (both paths and the switch between them)", () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 30 }), (texts) => {
        for (const text of texts) expect(printableAsciiPrefix(text)).toBe(referencePrefix(text));
      }),
      { numRuns: 400 },
    );
  });

  it("handles text longer than the WebAssembly memory holds", () => {
    const long = "a".repeat(70_000);
    expect(printableAsciiPrefix(long)).toBe(70_000);
    expect(printableAsciiPrefix(`${long}\n`)).toBe(70_000);
  });

  it("falls back to the regex where WebAssembly is missing (as under node --jitless)", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    vi.resetModules();
    try {
      const fresh = (await import("../src/internal/strings/printable-ascii.ts")) as typeof import("../src/internal/strings/printable-ascii.ts");
      expect(fresh.printableAsciiPrefix).not.toBe(printableAsciiPrefix);
      expect([fresh.printableAsciiPrefix("hello world"), fresh.printableAsciiPrefix("ab\tc"), fresh.printableAsciiPrefix("中")]).toEqual([11, 2, 0]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("printable-ascii-wasm.ts", () => {
  it("is printable-ascii.wat compiled (regenerate with scripts/generate-printable-ascii-wasm.mjs)", async () => {
    const wat = fileURLToPath(new URL("../src/internal/strings/printable-ascii.wat", import.meta.url));
    expect(Buffer.from(await compileWat(wat)).toString("base64")).toBe(printableAsciiWasm);
  });
});
