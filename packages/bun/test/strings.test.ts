// Behaviour of the terminal-text and HTML helpers: escapeHTML, stripANSI,
// stringWidth, sliceAnsi, wrapAnsi, indexOfLine, color. Expected values come
// from Bun's documentation and from Unicode/CSS facts, not from our output.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { color, escapeHTML, indexOfLine, sliceAnsi, stringWidth, stripANSI, wrapAnsi } from "../src/index.ts";

const RED = "\u001b[31m";
const RESET_FG = "\u001b[39m";

/** Printable text interleaved with well-formed SGR sequences. */
const styledText = fc
  .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 8 }), fc.constantFrom(RED, RESET_FG, "\u001b[1m", "\u001b[0m", "\u001b[38;5;82m", "\u001b]8;;https://example.com\u0007", "\u001b]8;;\u0007")), { maxLength: 12 })
  .map((parts) => parts.join(""));

describe("the functions", () => {
  it("are named as Bun names them", () => {
    const functions = { color, escapeHTML, indexOfLine, sliceAnsi, stringWidth, stripANSI, wrapAnsi };
    for (const [name, fn] of Object.entries(functions)) expect(fn.name).toBe(name);
  });
});

describe("escapeHTML", () => {
  it("escapes the five HTML-special characters", () => {
    expect(escapeHTML(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#x27;Jerry&#x27;&lt;/a&gt;");
  });

  it("converts other values to strings first", () => {
    expect(escapeHTML(123)).toBe("123");
    expect(escapeHTML(true)).toBe("true");
    expect(escapeHTML({ toString: () => "<b>" })).toBe("&lt;b&gt;");
    expect(escapeHTML([1, "<"])).toBe("1,&lt;");
    expect(() => escapeHTML(Symbol("s") as never)).toThrow(TypeError);
  });

  it("leaves text without special characters unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }).filter((s) => !/["&'<>]/.test(s)), (s) => {
        expect(escapeHTML(s)).toBe(s);
      }),
    );
  });

  it("never leaves a raw special character, and unescapes back to the input", () => {
    const unescape = (s: string): string => s.replace(/&(quot|amp|#x27|lt|gt);/g, (_, e: string) => ({ quot: '"', amp: "&", "#x27": "'", lt: "<", gt: ">" })[e]!);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const escaped = escapeHTML(s);
        expect(escaped).not.toMatch(/["'<>]|&(?!quot;|amp;|#x27;|lt;|gt;)/);
        expect(unescape(escaped)).toBe(s);
      }),
    );
  });
  // Text longer than one pass of the copying loop (2 048 code units) is done in chunks.
  const reference = (s: string): string => s.replace(/["&'<>]/g, (c) => ({ '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" })[c]!);

  it("escapes long text across chunk boundaries, pairs split between chunks included", () => {
    const pairAcross = `${"a".repeat(2047)}\u{1F600}<${"&".repeat(5000)}\uD800'`;
    expect(escapeHTML(pairAcross)).toBe(reference(pairAcross));
    const allSpecial = `"&'<>`.repeat(2000);
    expect(escapeHTML(allSpecial)).toBe(reference(allSpecial));
    expect(escapeHTML(allSpecial).length).toBe(2000 * 25);
  });

  it("matches a replace-based reference on long random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1500, maxLength: 7000 }), fc.string({ unit: fc.constantFrom('"', "&", "'", "<", ">", "x") }), (text, specials) => {
        const input = text + specials + text.slice(0, 1000);
        expect(escapeHTML(input)).toBe(reference(input));
      }),
      { numRuns: 40 },
    );
  });
});

describe("stripANSI", () => {
  it("removes SGR, CSI and OSC sequences", () => {
    expect(stripANSI(`${RED}hello${RESET_FG}`)).toBe("hello");
    expect(stripANSI("\u001b]8;;https://bun.sh\u0007link\u001b]8;;\u0007")).toBe("link");
    expect(stripANSI("a\u001b[2Kb\u001b[1;2Hc")).toBe("abc");
    expect(stripANSI(5 as never)).toBe("5");
  });

  it("is idempotent", () => {
    fc.assert(fc.property(fc.oneof(styledText, fc.string({ unit: "binary" })), (s) => {
        expect(stripANSI(stripANSI(s))).toBe(stripANSI(s));
      }));
  });

  it("keeps the text of styled strings", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme-ascii", maxLength: 6 }).filter((s) => !s.includes("\u001b")), { maxLength: 6 }), (words) => {
        expect(stripANSI(words.map((w) => `${RED}${w}${RESET_FG}`).join(" "))).toBe(words.join(" "));
      }),
    );
  });
});

describe("stringWidth", () => {
  it("measures ASCII, CJK, emoji and escape sequences", () => {
    expect(stringWidth("abc")).toBe(3);
    expect(stringWidth("古")).toBe(2);
    expect(stringWidth("日本語")).toBe(6);
    expect(stringWidth("👍")).toBe(2);
    expect(stringWidth("👍🏽")).toBe(2);
    expect(stringWidth("🇺🇸")).toBe(2);
    expect(stringWidth("👨‍👩‍👧‍👦")).toBe(2);
    expect(stringWidth("e\u0301")).toBe(1);
    expect(stringWidth("\u200b")).toBe(0);
    expect(stringWidth(`${RED}hello${RESET_FG}`)).toBe(5);
    expect(stringWidth(`${RED}hello${RESET_FG}`, { countAnsiEscapeCodes: true })).toBe(13);
  });

  it("counts ambiguous characters as one column unless told otherwise", () => {
    expect(stringWidth("αβγ")).toBe(3);
    expect(stringWidth("αβγ", { ambiguousIsNarrow: false })).toBe(6);
  });

  it("measures each code point of a sequence with perCodePoint", () => {
    expect(stringWidth("👨‍👩‍👧‍👦", { perCodePoint: true })).toBe(8);
  });

  it("returns 0 for undefined and measures other values' strings", () => {
    expect(stringWidth(undefined as never)).toBe(0);
    expect(stringWidth(12345 as never)).toBe(5);
  });

  it("is the width of the text with its escape sequences stripped", () => {
    fc.assert(fc.property(styledText, (s) => {
        expect(stringWidth(s)).toBe(stringWidth(stripANSI(s)));
      }));
  });

  it("is the length for printable ASCII", () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(stringWidth(s)).toBe(s.length);
      }));
  });
});

describe("sliceAnsi", () => {
  it("slices by columns and keeps styles balanced", () => {
    expect(sliceAnsi("hello", 1, 4)).toBe("ell");
    expect(sliceAnsi(`${RED}hello${RESET_FG}`, 1, 4)).toBe(`${RED}ell${RESET_FG}`);
    expect(sliceAnsi("安宁哈", 0, 4)).toBe("安宁");
  });

  it("truncates with an ellipsis at either end", () => {
    expect(sliceAnsi("unicorn", 0, 4, "…")).toBe("uni…");
    expect(sliceAnsi("unicorn", -4, undefined, "…")).toBe("…orn");
  });

  it("matches String.prototype.slice on printable ASCII", () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 });
    fc.assert(
      fc.property(ascii, fc.integer({ min: -35, max: 35 }), fc.integer({ min: -35, max: 35 }), (s, a, b) => {
        expect(sliceAnsi(s, a, b)).toBe(s.slice(a, b));
      }),
    );
  });

  // The law holds for text of single-code-point columns (ASCII, CJK); a cluster
  // like U+1D158 U+1D165 U+1D16E is one grapheme of width 3, in Bun too.
  const columns = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x4e00, max: 0x9fff })).map((code) => String.fromCodePoint(code)), maxLength: 8 });
  const styledColumns = fc
    .array(fc.oneof(columns, fc.constantFrom(RED, RESET_FG, "\u001b[1m", "\u001b[0m", "\u001b]8;;https://example.com\u0007", "\u001b]8;;\u0007")), { maxLength: 12 })
    .map((parts) => parts.join(""));

  it("returns text no wider than the range", () => {
    fc.assert(
      fc.property(styledColumns, fc.nat(20), fc.nat(20), (s, a, length) => {
        expect(stringWidth(sliceAnsi(s, a, a + length))).toBeLessThanOrEqual(length + 1);
      }),
    );
  });
});

describe("wrapAnsi", () => {
  it("wraps at word boundaries and hard-wraps long words", () => {
    expect(wrapAnsi("hello world", 5)).toBe("hello\nworld");
    expect(wrapAnsi("abcdefghij", 3, { hard: true })).toBe("abc\ndef\nghi\nj");
    expect(wrapAnsi("abc", 0)).toBe("abc");
  });

  it("reopens a colour on the next line", () => {
    expect(wrapAnsi(`${RED}hello world${RESET_FG}`, 5)).toBe(`${RED}hello${RESET_FG}\n${RED}world${RESET_FG}`);
  });

  it("keeps every line within the width when hard-wrapping plain words", () => {
    const words = fc.array(fc.string({ unit: fc.constantFrom("a", "b", "c", "中"), minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(words, fc.integer({ min: 2, max: 10 }), (list, columns) => {
        for (const line of wrapAnsi(list.join(" "), columns, { hard: true }).split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
      }),
    );
  });
});

describe("indexOfLine", () => {
  const bytes = new TextEncoder().encode("ab\ncd\n\nef");

  it("finds the next newline byte at or after the offset", () => {
    expect(indexOfLine(bytes)).toBe(2);
    expect(indexOfLine(bytes, 3)).toBe(5);
    expect(indexOfLine(bytes, 6)).toBe(6);
    expect(indexOfLine(bytes, 7)).toBe(-1);
    expect(indexOfLine(bytes, -5)).toBe(2);
    expect(indexOfLine(bytes.buffer)).toBe(2);
    expect(indexOfLine(bytes, 3n)).toBe(5);
  });

  it("rejects what is not a buffer", () => {
    expect(() => indexOfLine("a\nb" as never)).toThrow(expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE" }));
  });

  it("agrees with a byte scan", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: -4, max: 70 }), (data, offset) => {
        let expected = -1;
        for (let i = Math.max(offset, 0); i < data.length; i++) {
          if (data[i] === 10) {
            expected = i;
            break;
          }
        }
        expect(indexOfLine(data, offset)).toBe(expected);
      }),
    );
  });
});

describe("color", () => {
  it("converts between the documented formats", () => {
    expect(color("red", "hex")).toBe("#ff0000");
    expect(color("#ff0000", "css")).toBe("red");
    expect(color("hsl(0, 100%, 50%)", "rgb")).toBe("rgb(255, 0, 0)");
    expect(color("tomato", "number")).toBe(16737095);
    expect(color(0xff0000, "HEX")).toBe("#FF0000");
    expect(color([255, 0, 0], "{rgb}")).toEqual({ r: 255, g: 0, b: 0 });
    expect(color({ r: 1, g: 2, b: 3 }, "[rgba]")).toEqual([1, 2, 3, 255]);
    expect(color("red", "ansi-16m")).toBe("\u001b[38;2;255;0;0m");
    expect(color("red", "ansi-256")).toBe("\u001b[38;5;196m");
    expect(color("notacolor")).toBeNull();
  });

  it("round-trips a 24-bit number through hex", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        expect(color(color(n, "hex") as string, "number")).toBe(n);
      }));
  });

  it("clamps array channels to bytes", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (r, g, b) => {
        const clamp = (v: number): number => Math.min(Math.max(v, 0), 255);
        expect(color([r, g, b], "[rgb]")).toEqual([clamp(r), clamp(g), clamp(b)]);
      }),
    );
  });

  it("rejects bad arguments", () => {
    expect(() => color(undefined as never)).toThrow(TypeError);
    expect(() => color("red", "bogus" as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => color([1, 2] as never)).toThrow("Expected array length 3 or 4");
  });

  it("prints CSS numbers minified", () => {
    expect(color("lab(50% 0.5 -0.25)", "css")).toBe("lab(50% .5 -.25)");
    expect(color("oklch(70% 0.1 200 / 0.5)", "css")).toBe("oklch(70% .1 200 / .5)");
  });

  it("maps colors outside sRGB into it", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 99, noNaN: true }), fc.double({ min: -150, max: 150, noNaN: true }), fc.double({ min: -150, max: 150, noNaN: true }), (l, a, b) => {
        const input = `lab(${l.toFixed(2)}% ${a.toFixed(2)} ${b.toFixed(2)})`;
        for (const channel of color(input, "[rgb]") as number[]) expect(Number.isInteger(channel) && channel >= 0 && channel <= 255).toBe(true);
        const saturation = Number(/hsl\([^,]+, ([^%]+)%/.exec(color(input, "hsl") as string)![1]);
        expect(saturation).toBeLessThanOrEqual(100.001);
      }),
      { numRuns: 200 },
    );
  });

  it("says so for CSS it does not implement", () => {
    expect(() => color("color-mix(in srgb, red, blue)")).toThrow(/\[dx-compat\] Bun\.color: color-mix\(\)/);
  });
});
