// stringWidth, stripANSI, escapeHTML, sliceAnsi, wrapAnsi, indexOfLine and
// color under real Bun and under Node + dx-compat, result by result: random
// Unicode over the whole range (lone surrogates, emoji sequences, combining
// marks, Hangul, Indic, C0/C1 controls) with escape sequences mixed in, every
// option, odd argument types and the errors they raise.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

const PIECES = [
  "\u001b[31m",
  "\u001b[1;31m",
  "\u001b[38;5;200m",
  "\u001b[48;2;1;2;3m",
  "\u001b[39m",
  "\u001b[22m",
  "\u001b[0m",
  "\u001b[m",
  "\u001b[4m",
  "\u001b[24m",
  "\u001b]8;;https://bun.sh\u0007",
  "\u001b]8;;\u0007",
  "\u001b]8;id=1;u\u001b\\",
  "\u001b]8;;\u001b\\",
  "\u001b[?25l",
  "\u001b(B",
  "\u001bPq\u001b\\",
  "\u001b",
  "\u001b[",
  "\u009b31m",
  "\u009c",
  "\u001b[38:2:1:2:3m",
  "a",
  " ",
  "\t",
  "\n",
  "\r\n",
  "中",
  "ｱ",
  "\u0301",
  "\u200d",
  "\u200b",
  "\ufe0f",
  "\ufe0e",
  "\u20e3",
  "#",
  "1",
  "\u{1f600}",
  "\u{1f44d}",
  "\u{1f3fd}",
  "\u{1f468}",
  "\u{1f469}",
  "\u{1f1fa}",
  "\u{1f1f8}",
  "\u2764",
  "\u00a9",
  "\u1100",
  "\u1161",
  "\u11a8",
  "\uac00",
  "\u0915",
  "\u094d",
  "\u093f",
  "\u0d4e",
  "\u0600",
  "\u00e9",
  "\u00a7",
  "\u03b1",
  "\u00ad",
  "\ud800",
  "\udc00",
  "\u0080",
  "\u009f",
  "\u{e0061}",
  "\u{20000}",
];

const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)));
const piece = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 2, arbitrary: anyCodePoint }, { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 3 }) });
const text = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(""));

/** Printable words, colours, links, CJK and emoji: what terminal output looks like. */
const styledLine = fc
  .array(
    fc.tuple(
      fc.option(fc.constantFrom("\u001b[31m", "\u001b[1m", "\u001b[4m", "\u001b[38;5;82m", "\u001b[39m", "\u001b[22m", "\u001b[0m", "\u001b[24m"), { nil: "" }),
      fc.option(fc.constantFrom("\u001b]8;;https://e.x/1\u0007", "\u001b]8;;\u0007"), { nil: "", freq: 8 }),
      fc.constantFrom("hello", "world", "中文", "字符串", "😀", "👍🏽", "🇺🇸", "👨‍👩‍👧", "e\u0301", "naïve", "Ωμέγα", "Жук", "\t", "x", "❤️", "1️⃣", "ｱｲｳ", "ＡＢ", "supercalifragilistic"),
      fc.constantFrom(" ", "", " ", "  "),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((words) => words.map((w) => w.join("")).join(""));

const sample = <T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] => fc.sample(arbitrary, { numRuns: count, seed });

/** Every case below, tagged with the function it exercises: one batch, so one Bun and one Node process in all. */
const CASE_MODULE = `import * as bun from "bun";
const { stringWidth, stripANSI, escapeHTML, sliceAnsi, wrapAnsi, indexOfLine, color } = bun;
const lines = new TextEncoder().encode("ab\\ncd\\n\\nef");
const indexOfLineCase = ({ bytes, offset, kind }) => {
  switch (kind) {
    case "arraybuffer": return indexOfLine(lines.buffer, 3);
    case "dataview": return indexOfLine(new DataView(lines.buffer), 1);
    case "u16": return indexOfLine(new Uint16Array([0x0a00, 0x0a]));
    case "bigint": return indexOfLine(lines, 3n);
    case "string": return indexOfLine("a\\nb");
    case "none": return indexOfLine();
    case "number": return indexOfLine(123);
    case "symbol-offset": return indexOfLine(lines, Symbol("x"));
    default: return indexOfLine(bytes, offset);
  }
};
const run = {
  stringWidth: ({ s, o, symbol }) => (symbol ? stringWidth(Symbol("x")) : stringWidth(s, o)),
  stripANSIAndEscapeHTML: (s) => [stripANSI(s), escapeHTML(s)],
  sliceAnsi: (args) => sliceAnsi(...args),
  wrapAnsi: ([s, columns, options]) => wrapAnsi(s, columns, options),
  indexOfLine: indexOfLineCase,
  shape: (name) => [typeof bun[name], bun[name].length],
  color: ([input, format]) => color(input === "symbol" ? Symbol("x") : input, format === "string-object" ? new String("hex") : format),
};
export default ([test, input]) => run[test](input);`;

function stringWidthCases(): unknown[] {
  const options = [undefined, { countAnsiEscapeCodes: true }, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true, ambiguousIsNarrow: false }, { perCodePoint: true }, { perCodePoint: true, ambiguousIsNarrow: false, countAnsiEscapeCodes: true }];
  const odd = [undefined, null, 123, -0, true, {}, [1, "中"], "", "\u001b[31m", { countAnsiEscapeCodes: "" }];
  return [
    ...sample(fc.tuple(text, fc.integer({ min: 0, max: options.length - 1 })), 2500, 1).map(([s, o]) => ({ s, o: options[o] })),
    ...sample(styledLine, 300, 2).map((s) => ({ s, o: undefined })),
    ...odd.map((s) => ({ s, o: undefined })),
    { s: "°", o: { ambiguousIsNarrow: "" } },
    { s: "°", o: { ambiguousIsNarrow: 0 } },
    { s: "°", o: { ambiguousIsNarrow: null } },
    { symbol: true },
  ];
}

function stripAndEscapeCases(): unknown[] {
  return [...sample(text, 2000, 3), ...sample(fc.string({ unit: "binary", maxLength: 40 }), 500, 4), `<a href="x">'&'</a>`, 123, null, undefined, {}, [1, "<"], true, 1n, "plain"];
}

function sliceAnsiCases(): unknown[] {
  const indices = fc.tuple(fc.integer({ min: -6, max: 14 }), fc.integer({ min: -6, max: 16 }));
  const plain = sample(fc.tuple(text, indices, fc.constantFrom("none", "start", "range", "narrow", "wide")), 2000, 5).map(([s, [a, b], kind]) =>
    kind === "none" ? [s] : kind === "start" ? [s, a] : kind === "range" ? [s, a, b] : [s, a, b, kind === "narrow"],
  );
  const truncated = sample(fc.tuple(styledLine, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.constantFrom("…", "..", "~")), 1200, 6).map(([s, a, length, ellipsis]) => [s, a, a + length, ellipsis]);
  const fromEnd = sample(fc.tuple(styledLine, fc.integer({ min: 1, max: 30 })), 300, 7).map(([s, n]) => [s, -n, undefined, "…"]);
  const odd = [[undefined], [null, 1], [12345, 1, 3], ["abc", "1"], ["abcdef", 0, 4, { ellipsis: 5 }], ["abcdef", 0, 4, ["x"]], ["", 1n], ["abc", 1n], ["abc", Symbol("x")]];
  return [...plain, ...truncated, ...fromEnd, ...odd];
}

function wrapAnsiCases(): unknown[] {
  const options = [undefined, { hard: true }, { wordWrap: false }, { trim: false }, { hard: true, trim: false, wordWrap: false }, { ambiguousIsNarrow: false }];
  // Lone surrogates and C1 SGRs are left out: Bun's handling of those differs (see the package README).
  const wrappable = fc.array(fc.oneof(fc.constantFrom(...PIECES.filter((p) => !/[\ud800-\udfff\u009b]/.test(p))), fc.constant(" ")), { maxLength: 16 }).map((parts) => parts.join(""));
  const cases: unknown[] = [
    ...sample(fc.tuple(styledLine, fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: options.length - 1 })), 1500, 8),
    ...sample(fc.tuple(wrappable, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: options.length - 1 })), 1500, 9),
  ].map(([s, columns, o]) => [s, columns, options[o]]);
  cases.push(["abc def", undefined, undefined], ["abc def", -1, undefined], ["abc def", Number.NaN, undefined], ["abc def", 3.7, undefined], [123, 2, undefined], [undefined, 2, undefined], ["", 3, undefined], ["a b", Symbol("x"), undefined]);
  return cases;
}

function indexOfLineCases(): unknown[] {
  const offset = fc.oneof(fc.integer({ min: -5, max: 45 }), fc.constantFrom(undefined, 1.5, Number.NaN, Infinity, -Infinity, "3", null, 2 ** 53));
  const bytes = fc.uint8Array({ maxLength: 40 }).map((a) => a.map((b) => (b % 7 === 0 ? 10 : b)));
  return [
    ...sample(fc.tuple(bytes, offset), 600, 10).map(([b, o]) => ({ bytes: b, offset: o })),
    ...["arraybuffer", "dataview", "u16", "bigint", "string", "none", "number", "symbol-offset"].map((kind) => ({ kind })),
  ];
}

const FORMATS = [undefined, null, "css", "ansi-16", "ansi_16", "ansi-256", "ansi256", "ansi-16m", "ansi-24bit", "ansi-truecolor", "ansi", "number", "rgb", "rgba", "hsl", "lab", "hex", "HEX", "{rgb}", "{rgba}", "[rgb]", "[rgba]", "[r,g,b,a]", "{r,g,b}"];

function colorRgbCases(): unknown[] {
  const channel = fc.integer({ min: 0, max: 255 });
  const pct = fc.constantFrom("0%", "10%", "50%", "100%", "150%", "-10%", "12.5%", "33.3%");
  const num = fc.constantFrom("0", "1", "50", "100", "255", "256", "-1", "0.5", "12.34", "127.5");
  const hue = fc.constantFrom("0", "30", "120", "200.5", "359", "-30", "480", "90deg", "1rad", "0.25turn", "200grad", "none");
  const alpha = fc.constantFrom("0.5", "0.25", "1", "0", "50%", "33%", "150%", "-1", "none");
  const hex = fc.array(fc.constantFrom(..."0123456789abcdefABCDEF"), { minLength: 3, maxLength: 8 }).map((d) => `#${d.join("")}`);
  const named = fc.constantFrom("red", "tan", "navy", "gray", "grey", "white", "black", "transparent", "Transparent", "currentcolor", "currentColor", "rebeccapurple", "cyan", "aqua", "Canvas", "ButtonText", "Red", "azure", "lightgoldenrodyellow", " red ", "red;", "/* c */ red", "inherit", "none", "0", "");
  const css = fc.oneof(
    named,
    hex,
    fc.tuple(num, num, num).map((c) => `rgb(${c.join(", ")})`),
    fc.tuple(pct, pct, pct, alpha).map(([r, g, b, a]) => `rgba(${r}, ${g}, ${b}, ${a.replace("none", "1")})`),
    fc.tuple(fc.oneof(num, pct), fc.oneof(num, pct), fc.oneof(num, pct), alpha).map(([r, g, b, a]) => `rgb(${r} ${g} ${b} / ${a})`),
    fc.tuple(hue, pct, pct).map(([h, s, l]) => `hsl(${h.replace("none", "0")}, ${s}, ${l})`),
    // With a none component Bun keeps hsl()/hwb() in floats: the hsl and lab formats show it.
    fc.tuple(hue, fc.oneof(pct, fc.constant("none")), pct, alpha).map(([h, s, l, a]) => `hsl(${h} ${s} ${l} / ${a})`),
    fc.tuple(hue, pct, fc.oneof(pct, fc.constant("none"))).map(([h, w, b]) => `hwb(${h} ${w} ${b})`),
    fc.constantFrom("rgb(1,2,3", "rgb(1 2 3) x", "RGB(1,2,3)", "rgb(10%, 20, 30)", "hsl(120 100 50)", "#12345", "rgba(1 2 3)", "rgb( 1 , 2 , 3 )"),
  );
  const input = fc.oneof(
    { weight: 6, arbitrary: css },
    { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 0, max: 0xffffff }), fc.constantFrom(-1, 2 ** 32, 2 ** 33 + 5, -(2 ** 33), 1.5, Number.NaN, Infinity, -Infinity, 0xff00ff80)) },
    { weight: 1, arbitrary: fc.tuple(channel, channel, channel, fc.option(fc.integer({ min: -10, max: 300 }), { nil: undefined })).map(([r, g, b, a]) => (a === undefined ? [r, g, b] : [r, g, b, a])) },
    { weight: 1, arbitrary: fc.record({ r: channel, g: channel, b: channel, a: fc.option(fc.constantFrom(0, 0.5, 1, 0.25, 2, -0.5, "x"), { nil: undefined }) }, { requiredKeys: ["r", "g", "b"] }) },
  );
  const decimal = (min: number, max: number, digits: number): fc.Arbitrary<string> => fc.integer({ min: min * 10 ** digits, max: max * 10 ** digits }).map((n) => (n / 10 ** digits).toFixed(digits));
  // hsl()/hwb() on a fine grid: cssparser's f32 hsl_to_rgb lands on the .5 boundaries differently from the CSS spec formula.
  const grid = fc.tuple(fc.constantFrom("hsl", "hwb"), decimal(-360, 720, 1), decimal(0, 100, 1), decimal(0, 100, 1)).map(([f, h, x, y]) => `${f}(${h} ${x}% ${y}%)`);
  return [...sample(fc.tuple(input, fc.constantFrom(...FORMATS)), 3000, 11), ...sample(fc.tuple(grid, fc.constantFrom("hex", "hsl", "lab")), 1500, 15)];
}

function colorLabCases(): unknown[] {
  const l = fc.constantFrom("0%", "25%", "50%", "75%", "100%", "33.3%", "150%", "-10%", "-0%", "none");
  const ab = fc.constantFrom("0", "-0", "20", "-40", "80.5", "100", "0.1", "-0.2", "none", "1e3", "0.0000001", "-0.0000001", "123456789");
  const h = fc.constantFrom("0", "30", "120", "200deg", "359", "-30", "400", "none", "1rad", "0.3turn", "50grad");
  const a = fc.constantFrom("", " / 0.5", " / 25%", " / none", " / 1");
  const cssForms = fc.oneof(
    fc.tuple(fc.constantFrom("lab", "oklab"), l, ab, ab, a).map(([f, x, y, z, w]) => `${f}(${x} ${y} ${z}${w})`),
    fc.tuple(fc.constantFrom("lch", "oklch"), l, ab, h, a).map(([f, x, y, z, w]) => `${f}(${x} ${y} ${z}${w})`),
    fc.tuple(fc.constantFrom("srgb", "srgb-linear", "display-p3", "prophoto-rgb", "rec2020", "xyz", "xyz-d50", "xyz-d65", "a98-rgb"), ab, ab, ab, a).map(([s, x, y, z, w]) => `color(${s} ${x.replace("none", "1")} ${y} ${z}${w})`),
  );
  const decimal = (min: number, max: number, digits: number): fc.Arbitrary<string> => fc.integer({ min: min * 10 ** digits, max: max * 10 ** digits }).map((n) => (n / 10 ** digits).toFixed(digits));
  // Random coordinates, many outside sRGB: every byte format goes through Bun's gamut mapping.
  const numeric = fc.oneof(
    fc.tuple(decimal(0, 100, 2), decimal(-90, 90, 2), decimal(-90, 90, 2)).map(([x, y, z]) => `lab(${x}% ${y} ${z})`),
    fc.tuple(decimal(0, 100, 2), decimal(0, 120, 2), decimal(0, 360, 2)).map(([x, y, z]) => `lch(${x}% ${y} ${z})`),
    fc.tuple(decimal(0, 100, 2), decimal(-0.35, 0.35, 3), decimal(-0.35, 0.35, 3)).map(([x, y, z]) => `oklab(${x}% ${y} ${z})`),
    fc.tuple(decimal(0, 100, 2), decimal(0, 0.35, 3), decimal(0, 360, 2)).map(([x, y, z]) => `oklch(${x}% ${y} ${z})`),
  );
  return [
    ...sample(cssForms, 600, 12).map((input) => [input, "css"]),
    ...sample(fc.tuple(cssForms, fc.constantFrom("hex", "hsl", "lab")), 300, 13),
    ...sample(fc.tuple(numeric, fc.constantFrom("css", "hex", "hsl", "lab", "rgba", "ansi-256", "{rgba}")), 2500, 14),
    ["lab(50 40 59.5)", "css"],
    ["oklch(0.7 0.1 200)", "css"],
    ["lab(50% 40% 59.5%)", "css"],
  ];
}

const COLOR_ERROR_CASES = [[undefined], ["red", 5], ["red", ""], ["red", "bogus"], ["red", {}], [[1, 2]], [[1, 2, "3"]], [{ r: 1, g: 2 }], [{ r: "1", g: 2, b: 3 }], [true], [12n], ["symbol"], ["red", "string-object"]];
const NAMES = ["stringWidth", "stripANSI", "escapeHTML", "sliceAnsi", "wrapAnsi", "indexOfLine", "color"];

const GROUPS: Record<string, [test: string, cases: unknown[]]> = {
  stringWidth: ["stringWidth", stringWidthCases()],
  stripAndEscape: ["stripANSIAndEscapeHTML", stripAndEscapeCases()],
  sliceAnsi: ["sliceAnsi", sliceAnsiCases()],
  wrapAnsi: ["wrapAnsi", wrapAnsiCases()],
  indexOfLine: ["indexOfLine", indexOfLineCases()],
  // Names are checked in strings.test.ts: the source-mode loader renames functions.
  shape: ["shape", NAMES],
  colorRgb: ["color", colorRgbCases()],
  colorLab: ["color", colorLabCases()],
  colorErrors: ["color", COLOR_ERROR_CASES],
};

let results: Awaited<ReturnType<typeof compareBatch>>;
const ranges = new Map<string, [start: number, end: number]>();

beforeAll(async () => {
  const all: unknown[] = [];
  for (const [group, [test, cases]] of Object.entries(GROUPS)) {
    ranges.set(group, [all.length, all.length + cases.length]);
    for (const input of cases) all.push([test, input]);
  }
  results = await compareBatch(CASE_MODULE, all);
}, 60_000);

/** The first few mismatches among one group's cases. */
function mismatchesOf(group: string): unknown[] {
  const [start, end] = ranges.get(group)!;
  expect(results.bun.slice(start, end)).toHaveLength(end - start);
  return results.mismatches.filter((m) => m.index >= start && m.index < end).slice(0, 3);
}

describe("terminal text against real Bun", () => {
  it("stringWidth: random Unicode and escapes, every option", () => {
    expect(mismatchesOf("stringWidth")).toEqual([]);
  });

  it("stripANSI and escapeHTML: random Unicode and escapes, other values", () => {
    expect(mismatchesOf("stripAndEscape")).toEqual([]);
  });

  it("sliceAnsi: random Unicode and escapes without an ellipsis; styled lines with one", () => {
    expect(mismatchesOf("sliceAnsi")).toEqual([]);
  });

  it("wrapAnsi: styled lines and escapes, every option", () => {
    expect(mismatchesOf("wrapAnsi")).toEqual([]);
  });

  it("indexOfLine: random bytes and offsets, every buffer kind, bad arguments", () => {
    expect(mismatchesOf("indexOfLine")).toEqual([]);
  });

  it("exposes the same functions with the same lengths", () => {
    expect(mismatchesOf("shape")).toEqual([]);
  });
});

describe("Bun.color against real Bun", () => {
  it("RGB inputs of every kind (hex, names, numbers, arrays, objects, rgb/hsl/hwb incl. none) in every format", () => {
    expect(mismatchesOf("colorRgb")).toEqual([]);
  });

  it("lab(), lch(), oklab(), oklch(), color(): CSS form, and every conversion incl. gamut mapping", () => {
    expect(mismatchesOf("colorLab")).toEqual([]);
  });

  it("errors for bad arguments", () => {
    expect(mismatchesOf("colorErrors")).toEqual([]);
  });
});
