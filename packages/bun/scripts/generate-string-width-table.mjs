// Regenerates src/internal/strings/width-table.ts by asking real Bun about
// every code point — Bun is the specification. For each code point X it
// measures, with Bun.stringWidth:
//   - X alone, with ambiguous characters narrow and wide, and per code point;
//   - X + U+0903 U+0903 U+0903 + ZWJ, which is 2 only when Bun counts X as an
//     emoji base (an emoji + ZWJ cluster is 2 wide, anything else sums);
//   - U+0D4E (a prepend mark) + X + VS15, narrow vs wide: it differs only
//     when Bun's bulk fast path forces X to start a new cluster;
//   - X between a set of context strings (probes below), with ambiguous
//     characters wide. The grapheme break class of X is then the unique class
//     for which our own width code (src/internal/strings/width.ts) predicts
//     the same widths as Bun on every probe.
// Run: node scripts/generate-string-width-table.mjs (Node 24, from packages/bun).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grapheme from "../src/internal/strings/grapheme.ts";
import * as width from "../src/internal/strings/width.ts";

const oracle = createRequire(createRequire(import.meta.url).resolve("@dx-compat/oracle/package.json"));
const bun = join(dirname(oracle.resolve("bun/package.json")), "bin", "bun.exe");

const MAX = 0x110000;
const VS15 = "\ufe0e";
const ZWJ = "\u200d";
const OTHER = "\u4e2d";
const L = "\u1100";
const V = "\u1161";
const T = "\u11a8";
const LV = "\uac00";
const LVT = "\uac01";
const RI = "\u{1f1e6}";
const EP = "\u{1f600}";
const EMB = "\u{1f44d}";
const EM = "\u{1f3fb}";
const CONSONANT = "\u0915";
const LINKER = "\u094d";

// Classes we assume for the context characters; the run checks them.
const assumed = new Map([
  [0x4e2d, grapheme.CLASS_OTHER],
  [0x1100, grapheme.CLASS_L],
  [0x1161, grapheme.CLASS_V],
  [0x11a8, grapheme.CLASS_T],
  [0xac00, grapheme.CLASS_LV],
  [0xac01, grapheme.CLASS_LVT],
  [0x1f1e6, grapheme.CLASS_REGIONAL_INDICATOR],
  [0x1f600, grapheme.CLASS_EXTENDED_PICTOGRAPHIC],
  [0x1f44d, grapheme.CLASS_EMOJI_MODIFIER_BASE],
  [0x1f3fb, grapheme.CLASS_EMOJI_MODIFIER],
  [0x200d, grapheme.CLASS_ZWJ],
  [0xfe0e, grapheme.CLASS_INCB_EXTEND],
  [0x0915, grapheme.CLASS_INCB_CONSONANT],
  [0x094d, grapheme.CLASS_INCB_LINKER],
  [0x0903, grapheme.CLASS_SPACING_MARK],
  [0x0d4e, grapheme.CLASS_PREPEND],
]);

// [left, right]: each probe measures left + X + right (stringWidth, ambiguous wide).
// These only check the finished table (the class comes from the cluster probes).
const probes = [
  ["", ""],
  [OTHER, VS15],
  ["", OTHER + VS15],
  [L, VS15],
  [L + V, VS15],
  [LV, VS15],
  [LVT, VS15],
  ["", V + VS15],
  ["", T + VS15],
  ["", L + VS15],
  ["", LV + VS15],
  [RI, VS15],
  ["", RI + VS15],
  [RI + RI, VS15],
  [EP + ZWJ, VS15],
  [EMB, VS15],
  ["", ZWJ + EP + VS15],
  ["", EM + VS15],
  [EP, ZWJ + EP + VS15],
  [CONSONANT, CONSONANT + VS15],
  [CONSONANT + LINKER, CONSONANT + VS15],
  ["", LINKER + CONSONANT + VS15],
  [CONSONANT + LINKER, VS15],
  [CONSONANT, VS15],
  [EMB + EM, VS15],
  ["", ZWJ],
];

// [left, right]: is PREPEND + left + X + right one grapheme cluster? Bun.sliceAnsi
// answers (slicing to the first column keeps exactly the first cluster); the
// prepend mark joins whatever follows it, so X's own joins decide.
const clusterProbes = [
  [OTHER, ""],
  [L, ""],
  [L + V, ""],
  [LV, ""],
  [LVT, ""],
  [LVT + T, ""],
  [RI, ""],
  [RI + RI, ""],
  [EP, ""],
  [EP + ZWJ, ""],
  [EMB, ""],
  [CONSONANT, ""],
  [CONSONANT + LINKER, ""],
  ["", OTHER],
  ["", L],
  ["", V],
  ["", T],
  ["", LV],
  ["", LVT],
  ["", RI],
  ["", EM],
  ["", ZWJ + EP],
  ["", LINKER + CONSONANT],
  ["", ZWJ],
  ["", VS15],
  [EP, ZWJ + EP],
  [CONSONANT, CONSONANT],
  [CONSONANT + LINKER, CONSONANT],
  [CONSONANT, LINKER + CONSONANT],
  [EMB + EM, ZWJ + EP],
  [RI, RI],
];

function probeScript(dir) {
  return `
const probes = ${JSON.stringify(probes)};
const sw = Bun.stringWidth;
const narrow = { countAnsiEscapeCodes: true };
const wide = { countAnsiEscapeCodes: true, ambiguousIsNarrow: false };
const perNarrow = { countAnsiEscapeCodes: true, perCodePoint: true };
const perWide = { countAnsiEscapeCodes: true, perCodePoint: true, ambiguousIsNarrow: false };
const clusterProbes = ${JSON.stringify(clusterProbes)};
const FIELDS = 6 + probes.length + clusterProbes.length;
const out = new Uint8Array(${MAX} * FIELDS);
for (let cp = 0; cp < ${MAX}; cp++) {
  const x = String.fromCodePoint(cp);
  const o = cp * FIELDS;
  // Force a 16-bit string for Latin-1 code points: U+0100 is one narrow column of its own.
  out[o] = cp < 0x100 ? sw(x + "\\u0100", narrow) - 1 : sw(x, narrow);
  out[o + 1] = cp < 0x100 ? sw(x + "\\u0100", wide) - 1 : sw(x, wide);
  out[o + 2] = sw(x + "\\u0903\\u0903\\u0903\\u200d", wide);
  out[o + 3] = sw(x, perNarrow);
  out[o + 4] = sw(x, perWide);
  out[o + 5] = sw("\\u0d4e" + x + "\\ufe0e", narrow) !== sw("\\u0d4e" + x + "\\ufe0e", wide) ? 1 : 0;
  for (let p = 0; p < probes.length; p++) out[o + 6 + p] = sw(probes[p][0] + x + probes[p][1], wide);
  for (let p = 0; p < clusterProbes.length; p++) {
    const t = "\\u0d4e" + clusterProbes[p][0] + x + clusterProbes[p][1];
    out[o + 6 + probes.length + p] = Bun.sliceAnsi(t, 0, 1) === t ? 1 : 0;
  }
}
require("fs").writeFileSync(${JSON.stringify(join(dir, "probe.bin"))}, out);
`;
}

function runProbes() {
  const dir = mkdtempSync(join(tmpdir(), "dx-compat-width-"));
  writeFileSync(join(dir, "probe.js"), probeScript(dir));
  execFileSync(bun, [join(dir, "probe.js")], { cwd: dir, stdio: "inherit" });
  return new Uint8Array(readFileSync(join(dir, "probe.bin")));
}

const FIELDS = 6 + probes.length + clusterProbes.length;
const data = runProbes();
const at = (cp, field) => data[cp * FIELDS + field];

function widthClass(cp) {
  // U+20E3 alone is a keycap cluster (two columns); as a code point it is a
  // zero-width enclosing mark.
  if (cp === 0x20e3) return 0;
  const narrow = at(cp, 0);
  const wide = at(cp, 1);
  if (narrow === wide) return narrow;
  if (narrow === 1 && wide === 2) return 3;
  throw new Error(`U+${cp.toString(16)}: narrow ${narrow}, wide ${wide}`);
}

const isSurrogate = (cp) => cp >= 0xd800 && cp <= 0xdfff;

// Base info: width class and emoji bit (class filled in below).
const table = new Uint16Array(MAX);
for (let cp = 0; cp < MAX; cp++) {
  let info = isSurrogate(cp) ? 0 : widthClass(cp) << width.INFO_WIDTH_SHIFT;
  // Anything else measures at least 3 (X plus three one-column marks).
  if (cp >= 0x80 && !isSurrogate(cp) && !(cp >= 0x1f1e6 && cp <= 0x1f1ff) && cp !== 0x20e3 && at(cp, 2) === 2) info |= width.INFO_EMOJI;
  if (cp >= 0x80 && at(cp, 5)) info |= width.INFO_BULK;
  info |= at(cp, 3) << width.INFO_PER_CODE_POINT_NARROW_SHIFT;
  info |= at(cp, 4) << width.INFO_PER_CODE_POINT_WIDE_SHIFT;
  table[cp] = info;
}
for (const [cp, cls] of assumed) table[cp] = (table[cp] & ~width.INFO_CLASS_MASK) | cls;

const classOf = (cp) => table[cp] & width.INFO_CLASS_MASK;
function codePoints(text) {
  return [...text].map((c) => c.codePointAt(0));
}
/** Our answer to a cluster probe when X has class `cls`. */
function isOneCluster([left, right], cls) {
  const classes = [grapheme.CLASS_PREPEND, ...codePoints(left).map(classOf), cls, ...codePoints(right).map(classOf)];
  let state = 0;
  for (let i = 1; i < classes.length; i++) {
    const decision = grapheme.breakDecision(classes[i - 1], classes[i], state);
    if (decision & 1) return false;
    state = decision >> 1;
  }
  return true;
}
const candidateSignatures = [];
for (let cls = 0; cls < grapheme.CLASS_COUNT; cls++) candidateSignatures.push(clusterProbes.map((probe) => (isOneCluster(probe, cls) ? 1 : 0)).join(""));
if (new Set(candidateSignatures).size !== grapheme.CLASS_COUNT) throw new Error("cluster probes do not tell every class apart");

let unmatched = 0;
for (let cp = 0; cp < MAX; cp++) {
  if (isSurrogate(cp)) continue;
  const want = clusterProbes.map((_, p) => at(cp, 6 + probes.length + p)).join("");
  const cls = candidateSignatures.indexOf(want);
  if (cls < 0) {
    // LF, CR and the C1 CSI/ST units are never part of a cluster in sliceAnsi;
    // stringWidth folds them into Other.
    if (cp === 0x0a || cp === 0x0d || cp === 0x9b || cp === 0x9c) continue;
    if (unmatched++ < 20) console.error(`U+${cp.toString(16)}: no class matches Bun's clusters (${want})`);
    continue;
  }
  if (assumed.has(cp) && assumed.get(cp) !== cls) throw new Error(`U+${cp.toString(16)}: assumed class ${assumed.get(cp)}, Bun says ${cls}`);
  table[cp] = (table[cp] & ~width.INFO_CLASS_MASK) | cls;
}

// Check: our width code with this table gives Bun's widths on every probe.
let wrong = 0;
for (let cp = 0; cp < MAX; cp++) {
  const x = String.fromCodePoint(cp);
  for (let p = 0; p < probes.length; p++) {
    const ours = width.visibleWidth(probes[p][0] + x + probes[p][1], false, true, table);
    if (ours !== at(cp, 6 + p) && wrong++ < 20) console.error(`U+${cp.toString(16)} probe ${p}: Bun ${at(cp, 6 + p)}, ours ${ours}`);
  }
}
console.error(`unmatched ${unmatched}, width mismatches ${wrong}`);
if (unmatched > 0 || wrong > 0) process.exitCode = 1;

// Encode as runs: a palette of distinct values and, per run, a palette index
// and a length, both as base-32 varints in printable ASCII.
const palette = [];
const paletteIndex = new Map();
let runs = "";
const digits = "0123456789abcdefghijklmnopqrstuv";
function varint(n) {
  let s = "";
  do {
    const low = n & 15;
    n >>>= 4;
    s += n ? digits[16 + low] : digits[low];
  } while (n);
  return s;
}
let runCount = 0;
for (let cp = 0; cp < MAX; ) {
  const value = table[cp];
  let end = cp + 1;
  while (end < MAX && table[end] === value) end++;
  if (!paletteIndex.has(value)) {
    paletteIndex.set(value, palette.length);
    palette.push(value);
  }
  runs += varint(paletteIndex.get(value)) + varint(end - cp);
  runCount++;
  cp = end;
}
const version = execFileSync(bun, ["--version"]).toString().trim();
const source = `// Generated by scripts/generate-string-width-table.mjs from Bun ${version}: do not edit.
// Per code point info for stringWidth (layout in width.ts), as ${runCount} runs:
// palette index then run length, each a little-endian base-16 varint whose
// non-final digits are written as g–v.
export const palette: readonly number[] = ${JSON.stringify(palette)};
export const runs =
  ${JSON.stringify(runs)};
`;
const target = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "internal", "strings", "width-table.ts");
writeFileSync(target, source);
console.error(`wrote ${target}: ${runCount} runs, palette ${palette.length}, ${runs.length} chars`);
