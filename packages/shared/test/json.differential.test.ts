// parseJSON against real Bun's JSON.parse: thousands of malformed (and some
// valid) texts, mostly mutations of valid JSON, run through Bun once in one
// process and through parseJSON in-process; every outcome (value, or error class
// and message) must be identical. The seed is random per run and printed on a
// mismatch; set DX_COMPAT_FC_SEED to replay one.
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { parseJSON } from "../src/json.ts";

// The pinned Bun binary, from the oracle's `bun` dependency (see tooling/oracle).
const oracleRequire = createRequire(new URL("../../../tooling/oracle/package.json", import.meta.url));
const bunBinary = join(dirname(oracleRequire.resolve("bun/package.json")), "bin", "bun.exe");

// Runs under Bun and (as a function) under Node: the same encoding on both sides.
// The value is written out iteratively (JSON.stringify overflows the stack on
// deep nesting), with -0 kept apart from 0.
const outcomeSource = `(parse, text) => {
  let value;
  try {
    value = parse(text);
  } catch (error) {
    return { error: error.constructor.name + ": " + error.message };
  }
  let out = "";
  const stack = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop();
    if ("raw" in item) {
      out += item.raw;
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      out += "[";
      stack.push({ raw: "]" });
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i] });
        if (i > 0) stack.push({ raw: "," });
      }
    } else if (v !== null && typeof v === "object") {
      out += "{";
      stack.push({ raw: "}" });
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: v[keys[i]] });
        stack.push({ raw: JSON.stringify(keys[i]) + ":" });
        if (i > 0) stack.push({ raw: "," });
      }
    } else out += Object.is(v, -0) ? "-0" : JSON.stringify(v);
  }
  return { value: out };
}`;
const outcome = new Function(`return ${outcomeSource}`)() as (parse: (text: string) => unknown, text: string) => unknown;

const script = `
import { readFileSync, writeFileSync } from "node:fs";
const outcome = ${outcomeSource};
const inputs = JSON.parse(readFileSync(process.argv[2], "utf8"));
writeFileSync(process.argv[3], JSON.stringify(inputs.map((text) => outcome(JSON.parse, text))));
`;

/** Bun's outcome for every input, from one Bun process. */
function underBun(inputs: readonly string[]): unknown[] {
  // No package.json in a fresh temporary directory: Bun runs the script as is.
  const dir = mkdtempSync(join(tmpdir(), "dx-compat-json-"));
  try {
    writeFileSync(join(dir, "main.mjs"), script);
    writeFileSync(join(dir, "inputs.json"), JSON.stringify(inputs));
    const run = spawnSync(bunBinary, [join(dir, "main.mjs"), join(dir, "inputs.json"), join(dir, "outcomes.json")], {
      cwd: dir,
      encoding: "utf8",
      timeout: 50_000,
    });
    if (run.status !== 0) throw new Error(`bun exited ${run.status} (${run.signal ?? run.error?.message}): ${run.stderr}`);
    return JSON.parse(readFileSync(join(dir, "outcomes.json"), "utf8")) as unknown[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Mismatch {
  input: string;
  bun: unknown;
  node: unknown;
}

/** Long texts are cut down in reports. */
function preview(value: unknown): unknown {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : value;
}

function compare(inputs: readonly string[]): Mismatch[] {
  const bun = underBun(inputs);
  const mismatches: Mismatch[] = [];
  inputs.forEach((input, index) => {
    const node = outcome(parseJSON, input);
    if (JSON.stringify(node) !== JSON.stringify(bun[index])) {
      mismatches.push({ input: preview(input) as string, bun: preview(bun[index]), node: preview(node) });
    }
  });
  return mismatches;
}

// --- generators --------------------------------------------------------------

/** Characters that matter to a JSON lexer, and some that merely look like they might. */
const interesting = [
  ..."{}[]:,\"'\\/.-+eE0123456789 \t\n\r",
  ..."truefalsnxubfXZ_$()=;#*",
  "\f",
  "\v",
  "\u0000",
  "\u001f",
  "\u007f",
  "\u00a0",
  "\u00e9",
  "\u00ff",
  "\u0100",
  "\u2028",
  "\u200c",
  "\u200d",
  "\ufeff",
  "\ud83d",
  "\ude00",
  "😀",
];
const char = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...interesting) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) },
);
const tokens = [
  "{", "}", "[", "]", ":", ",", '"', "'", "true", "false", "null", "tru", "nul", "fals", "trueabc",
  "0", "-0", "01", "-", "1.", ".5", "1e", "1e+", "1E-5", "1.5e3", "12345678901", "-1234567890.5", "0x1",
  '"a"', '"\\u00e9"', '"\\u12"', '"\\uzzzz"', '"\\x"', '"\\n"', '"a', "\\", "NaN", "Infinity", "undefined",
  " ", "\t", "\n", "\r", "\f", "\u00a0", "é", "😀", "\ud800", "\u200c", "(", ")", ";", "=", ".", "+", "x",
];
const tokenSoup = fc.array(fc.constantFrom(...tokens), { maxLength: 12 }).map((parts) => parts.join(""));

const validJSON = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value, null, 1)),
  fc.string({ unit: char, maxLength: 20 }).map((text) => JSON.stringify(text)),
  fc.double({ noDefaultInfinity: true, noNaN: true }).map(String),
);

type Mutation = (text: string, at: number, insert: string) => string;
const mutations: Mutation[] = [
  (text, at) => text.slice(0, at) + text.slice(at + 1), // delete
  (text, at, insert) => text.slice(0, at) + insert + text.slice(at), // insert
  (text, at, insert) => text.slice(0, at) + insert + text.slice(at + 1), // replace
  (text, at) => text.slice(0, at), // truncate
  (text, at, insert) => text.slice(0, at) + insert + insert + text.slice(at), // insert twice
  (text, at) => text.slice(0, at) + text.slice(at, at + 3) + text.slice(at), // duplicate a run
];
const mutation = fc.record({
  kind: fc.integer({ min: 0, max: mutations.length - 1 }),
  at: fc.nat(),
  insert: fc.oneof(char, fc.constantFrom(...tokens)),
});
const mutated = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: validJSON }, { weight: 1, arbitrary: tokenSoup }), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([text, steps]) =>
    steps.reduce((current, { kind, at, insert }) => (mutations[kind] as Mutation)(current, current.length === 0 ? 0 : at % (current.length + 1), insert), text),
  );

const texts = fc.oneof(
  { weight: 8, arbitrary: mutated },
  { weight: 2, arbitrary: tokenSoup },
  { weight: 1, arbitrary: validJSON },
  { weight: 1, arbitrary: fc.string({ unit: char, maxLength: 12 }) },
);

// --- tests ---------------------------------------------------------------------

describe("parseJSON vs Bun's JSON.parse", () => {
  it("agrees on hand-picked edge cases", () => {
    const depth = 100_000;
    const inputs = [
      "[".repeat(depth),
      "[".repeat(depth) + "]".repeat(depth),
      "[".repeat(depth) + "]".repeat(depth - 1) + ",]",
      '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
      '{"a":'.repeat(depth) + "1" + "}".repeat(depth - 1) + ",}",
      "[".repeat(depth) + "x",
      "a".repeat(199),
      "a".repeat(200),
      "a".repeat(201),
      `[${"1,".repeat(100_000)}]`,
      `"${"\\u0041".repeat(1000)}\\u004"`,
      '"\\ud800"',
      '"\ud800"',
      '"\udc00\ud800"',
      "\ud800",
      "\udc00",
      '{"__proto__":{"a":1},"1":2,"0":3,"b":4,"b":5}',
      "-0",
      "[-0,0.0,-0.0e5]",
      "1e400",
      "-1e-400",
      "123456789",
      "1234567890",
      "-1234567890",
      "0.1e1",
      "1E5",
      "1e05",
      "\r\n\t 1 \r\n\t",
    ];
    expect(compare(inputs)).toEqual([]);
  });

  it("agrees on thousands of generated texts", () => {
    const seed = Number(process.env["DX_COMPAT_FC_SEED"] ?? Date.now() % 2 ** 31);
    const inputs = fc.sample(texts, { numRuns: 10_000, seed });
    const mismatches = compare(inputs);
    expect(mismatches, `seed ${seed}`).toEqual([]);
  });
});
