// Bun.password under real Bun and under Node + dx-compat. Hashes are salted,
// so the two runtimes never print the same hash: instead each runtime hashes
// the same random passwords, and then each verifies both its own hashes and
// the other's (interoperability both ways). Argument handling and every
// malformed-hash outcome (false, or which error) must match exactly.
import { compareBatch } from "@dx-compat/oracle";
import type { BatchMismatch, Outcome } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** How a case names an argument; built inside the runtime (functions and views do not cross processes). */
type Spec =
  | { v: unknown }
  | { k: "u8" | "u16" | "dv" | "ab" | "sab" | "buffer"; bytes: number[] }
  | { k: "String" | "blob"; text: string }
  | { k: "symbol" | "throwingToString" | "stringWithOwnToString" | "function" }
  | { k: "options"; fields: Record<string, unknown> };

const runtimeHelpers = `
import { password } from "bun";
function build(spec, log) {
  if ("v" in spec) return spec.v;
  switch (spec.k) {
    case "u8": return new Uint8Array(spec.bytes);
    case "buffer": return Buffer.from(spec.bytes);
    case "u16": { const b = new Uint8Array(spec.bytes.length + 1 & ~1); b.set(spec.bytes); return new Uint16Array(b.buffer); }
    case "dv": { const b = new Uint8Array([9, ...spec.bytes, 9]); return new DataView(b.buffer, 1, spec.bytes.length); }
    case "ab": return new Uint8Array(spec.bytes).buffer;
    case "sab": { const s = new SharedArrayBuffer(spec.bytes.length); new Uint8Array(s).set(spec.bytes); return s; }
    case "String": return new String(spec.text);
    case "blob": return new Blob([spec.text]);
    case "symbol": return Symbol("s");
    case "function": return () => 1;
    case "throwingToString": return { toString() { throw new RangeError("toString failed"); } };
    case "stringWithOwnToString": { const s = new String("pw"); s.toString = () => "other"; return s; }
    case "options": {
      const o = {};
      for (const [key, value] of Object.entries(spec.fields)) Object.defineProperty(o, key, { enumerable: true, get() { log.push(key); return value; } });
      return o;
    }
  }
}
// All of it: String(e) and where \`code\` lives differ between Bun's native errors and its JS ones.
function describeError(e) {
  const own = Object.getOwnPropertyDescriptor(e ?? {}, "code");
  return {
    name: e?.name, message: e?.message, code: e?.code, string: String(e), keys: Object.keys(e ?? {}),
    codeProperty: own ? (own.enumerable ? "own enumerable" : "own hidden") : "inherited", classes: [e instanceof Error, e instanceof TypeError],
    prototypeKeys: Object.keys(Object.getPrototypeOf(e ?? {})),
  };
}
// Hashes are salted: keep their structure, replace salt and hash by their lengths.
function shape(value) {
  if (typeof value !== "string") return value;
  return value.replace(/^(\\$argon2i?d?\\$v=19\\$m=\\d+,t=\\d+,p=\\d+)\\$([^$]*)\\$([^$]*)$/, (_, head, salt, hash) => head + "$<" + salt.length + ">$<" + hash.length + ">")
    .replace(/^(\\$2b\\$\\d\\d\\$)([./A-Za-z0-9]{53})$/, (_, head) => head + "<53>");
}
`;

/** Calls password[fn](...args) and reports what came back, how (returned, resolved, threw, rejected), and which options were read. */
const callModule = `${runtimeHelpers}
export default ({ fn, args }) => {
  const log = [];
  const built = args.map((spec) => build(spec, log));
  let result;
  try {
    result = password[fn](...built);
  } catch (e) {
    return { threw: describeError(e), log };
  }
  if (result instanceof Promise) return result.then((v) => ({ resolved: shape(v), log }), (e) => ({ rejected: describeError(e), log }));
  return { returned: shape(result), log };
};
`;

/** Hashes in this runtime; the raw hash comes back so the other runtime can verify it. */
const hashModule = `${runtimeHelpers}
export default async ({ password: spec, algorithm, async }) => {
  const pw = build(spec, []);
  return async ? await password.hash(pw, algorithm) : password.hashSync(pw, algorithm);
};
`;

/** Verifies in this runtime: the boolean, or the error (compared in full). */
const verifyModule = `${runtimeHelpers}
export default async ({ password: spec, hash, algorithm, async }) => {
  const pw = build(spec, []);
  try {
    return { result: async ? await password.verify(pw, hash, algorithm) : password.verifySync(pw, hash, algorithm) };
  } catch (e) {
    return { error: describeError(e) };
  }
};
`;

const text = (s: string): Spec => ({ v: s });
const utf8 = (s: string): number[] => [...Buffer.from(s, "utf8")];
const cheapArgon = { algorithm: "argon2id", memoryCost: 8, timeCost: 1 };

interface Call {
  fn: "hash" | "hashSync" | "verify" | "verifySync";
  args: Spec[];
}

/** Every argument shape and option Bun checks, for each of the four functions. */
function argumentCases(): Call[] {
  const values: Spec[] = [
    text("pw"),
    text(""),
    { v: undefined },
    { v: null },
    { v: 123 },
    { v: 5n },
    { v: true },
    { v: [1, 2] },
    { v: {} },
    { v: [] },
    { k: "symbol" },
    { k: "throwingToString" },
    { k: "String", text: "pw" },
    { k: "stringWithOwnToString" },
    { k: "blob", text: "pw" },
    { k: "u8", bytes: utf8("pw") },
    { k: "u8", bytes: [] },
    { k: "buffer", bytes: utf8("pw") },
    { k: "u16", bytes: utf8("pw") },
    { k: "dv", bytes: utf8("pw") },
    { k: "ab", bytes: utf8("pw") },
    { k: "sab", bytes: utf8("pw") },
    { k: "function" },
  ];
  const algorithmArgs: Spec[] = [
    { v: undefined },
    { v: null },
    text("argon2d"),
    text("bcrypt"),
    text(""),
    text("md5"),
    text("BCRYPT"),
    { v: 0 },
    { v: 5 },
    { v: true },
    { v: false },
    { v: 5n },
    { k: "symbol" },
    { k: "String", text: "bcrypt" },
    { v: ["bcrypt"] },
    { k: "function" },
  ];
  const optionFields: Record<string, unknown>[] = [
    {},
    { algorithm: undefined },
    { algorithm: null },
    { algorithm: "" },
    { algorithm: 5 },
    { algorithm: false },
    { algorithm: "md5", cost: 4 },
    { algorithm: "bcrypt\u0000" },
    { algorithm: "bcrypt", cost: 4, timeCost: "x", memoryCost: "x" },
    { algorithm: "argon2i", memoryCost: 8, timeCost: 1, cost: "x" },
    ...[4, 31, 3, 32, 0, -0, -1, 4.5, 2 ** 32 + 4, NaN, Infinity, -Infinity, "", "5", "abc", false, true, null, undefined, 5n, [], {}].map((cost) => ({ algorithm: "bcrypt", cost: cost === 31 ? 5 : cost })),
    ...[1, 2, 0, -0, -1, 1.5, 2 ** 32, 2 ** 32 - 1, NaN, Infinity, -Infinity, "", "1", false, true, null, undefined, []].map((timeCost) => ({
      algorithm: "argon2id",
      memoryCost: 8,
      // The largest legal time cost would take minutes: check it reaches the hasher's range check only.
      timeCost: timeCost === 2 ** 32 - 1 ? 3 : timeCost,
    })),
    ...[8, 9, 64, 7, 1, 0, -0, -8, 8.5, 2 ** 32, 2 ** 32 + 8, NaN, Infinity, -Infinity, "", "8", false, true, null, []].map((memoryCost) => ({ algorithm: "argon2d", timeCost: 1, memoryCost })),
    { algorithm: "argon2id", timeCost: 0, memoryCost: "x" },
    { algorithm: "argon2id", timeCost: "x", memoryCost: 0 },
    { algorithm: "argon2id", timeCost: 1, memoryCost: 16 },
  ];
  const calls: Call[] = [];
  for (const fn of ["hash", "hashSync"] as const) {
    calls.push({ fn, args: [] });
    for (const value of values) calls.push({ fn, args: [value, { k: "options", fields: cheapArgon }] });
    for (const algorithm of algorithmArgs) {
      // Options fall back to the 64 MiB argon2id default for a valid password; keep those few.
      calls.push({ fn, args: [text(""), algorithm] });
      calls.push({ fn, args: [{ v: undefined }, algorithm] });
      if (algorithm !== algorithmArgs[0] && algorithm !== algorithmArgs[1] && algorithm !== algorithmArgs[2]) calls.push({ fn, args: [text("pw"), algorithm] });
    }
    for (const fields of optionFields) calls.push({ fn, args: [text("pw"), { k: "options", fields }] });
    calls.push({ fn, args: [text(""), { k: "options", fields: { algorithm: "md5" } }] });
    calls.push({ fn, args: [{ v: 5 }, { k: "options", fields: { algorithm: "md5" } }] });
    calls.push({ fn, args: [{ k: "symbol" }, { k: "options", fields: { algorithm: "md5" } }] });
    calls.push({ fn, args: [text("pw"), text("argon2id"), text("ignored")] });
  }
  const argonHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
  for (const fn of ["verify", "verifySync"] as const) {
    calls.push({ fn, args: [] }, { fn, args: [text("pw")] });
    for (const value of values) {
      calls.push({ fn, args: [value, text(argonHash)] });
      calls.push({ fn, args: [text("pw"), value] });
      calls.push({ fn, args: [value, value, text("md5")] });
    }
    for (const algorithm of [...algorithmArgs, text("argon2id"), text("argon2i"), { v: {} }]) {
      calls.push({ fn, args: [text("pw"), text(argonHash), algorithm] });
      calls.push({ fn, args: [text(""), text(""), algorithm] });
      calls.push({ fn, args: [{ v: 5 }, { v: 5 }, algorithm] });
    }
    for (const hash of ["", "$", "garbage", "$argon2id", "$2", "$bcrypt", "$scrypt$ln=1$c2FsdA$aGFzaA", "x$argon2id$"]) {
      calls.push({ fn, args: [text("pw"), text(hash)] }, { fn, args: [text(""), text(hash)] });
    }
  }
  return calls;
}

type Algorithm = string | { algorithm: string; cost?: number; memoryCost?: number; timeCost?: number };

/** Every cost Bun accepts is cheap at the low end; the defaults are kept to a handful of cases. */
const algorithms: Algorithm[] = [
  "bcrypt",
  "argon2id",
  "argon2i",
  "argon2d",
  { algorithm: "bcrypt", cost: 4 },
  { algorithm: "bcrypt", cost: 5 },
  { algorithm: "bcrypt", cost: 6 },
  { algorithm: "argon2id", memoryCost: 8, timeCost: 1 },
  { algorithm: "argon2id", memoryCost: 9, timeCost: 3 },
  { algorithm: "argon2id", memoryCost: 64, timeCost: 2 },
  { algorithm: "argon2id", memoryCost: 1024, timeCost: 1 },
  { algorithm: "argon2i", memoryCost: 8, timeCost: 1 },
  { algorithm: "argon2i", memoryCost: 19, timeCost: 2 },
  { algorithm: "argon2d", memoryCost: 8, timeCost: 1 },
  { algorithm: "argon2d", memoryCost: 100, timeCost: 4 },
];
const cheap = algorithms.slice(4);
// A loaded 2-core machine can stretch a batch past the oracle's default 30 s.
const slow = { timeoutMs: 120_000 };

const anyCodeUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), minLength: 1, maxLength: 90 });
const passwordText = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 120 }),
  anyCodeUnit,
  fc.string({ minLength: 1, maxLength: 200 }).map((s) => `${s}\u0000${s}`),
);
/** Strings (any unicode, lone surrogates, NUL, past 72 bytes) and raw bytes (not UTF-8, NUL). */
const passwordSpec: fc.Arbitrary<Spec> = fc.oneof(
  passwordText.map(text),
  fc.uint8Array({ minLength: 1, maxLength: 150 }).map((bytes) => ({ k: "u8" as const, bytes: [...bytes] })),
);

/** Passwords around bcrypt's 72-byte edge, where Bun switches to the SHA-512 digest. */
function edgePasswords(): Spec[] {
  const specs: Spec[] = [];
  for (const length of [1, 55, 56, 71, 72, 73, 74, 100, 1000]) {
    specs.push(text("a".repeat(length)), { k: "u8", bytes: Array.from({ length }, (_, i) => (i * 37) & 0xff) });
  }
  specs.push(text("é".repeat(36)), text("é".repeat(37)), text(`${"a".repeat(71)}é`), { k: "u8", bytes: [0] }, { k: "u8", bytes: [0, 0, 0] }, text("\u0000"), text("\ud800"), text("\udc00x"));
  return specs;
}

interface HashCase {
  password: Spec;
  algorithm: Algorithm;
  async: boolean;
}

function hashCases(): HashCase[] {
  const random = fc.sample(fc.record({ password: passwordSpec, algorithm: fc.constantFrom(...cheap), async: fc.boolean() }), 150);
  const edges = edgePasswords().flatMap((password, i) =>
    [{ algorithm: "bcrypt", cost: 4 }, cheap[3]!, cheap[7]!].map((algorithm, j) => ({ password, algorithm, async: (i + j) % 2 === 0 })),
  );
  // The defaults (64 MiB argon2, bcrypt cost 10) cost ~0.1 s a hash: one password each.
  const defaults = algorithms.slice(0, 4).map((algorithm, i) => ({ password: text("correct horse"), algorithm, async: i % 2 === 0 }));
  return [...random, ...edges, ...defaults];
}

/** Swap the password for one that differs: the last byte changed, or a byte appended. */
function wrongPassword(spec: Spec): Spec {
  if ("v" in spec && typeof spec.v === "string") return text(`${spec.v}!`);
  if ("bytes" in spec) return { k: "u8", bytes: [...spec.bytes.slice(0, -1), (spec.bytes.at(-1)! + 1) & 0xff] };
  return text("!");
}

function resolved(outcome: Outcome | undefined): unknown {
  expect(outcome).toHaveProperty("resolves");
  return (outcome as { resolves: unknown }).resolves;
}

function labelOf(algorithm: Algorithm): string {
  return typeof algorithm === "string" ? algorithm : algorithm.algorithm;
}

// A hash only Bun can check: m below 8 KiB per lane (see password.test.ts).
function belowEightKiBPerLane(mismatch: BatchMismatch): boolean {
  const hash = (mismatch.input as { hash?: string }).hash ?? "";
  const params = /\$m=\+?(\d+),t=\+?\d+,p=\+?(\d+)\$/.exec(hash);
  const node = JSON.stringify(mismatch.node);
  return params !== null && Number(params[1]) < 8 * Number(params[2]) && node.includes("ERR_DX_COMPAT_NOT_IMPLEMENTED");
}

/**
 * Hashes assembled from parts, each part a list whose first entry is the valid
 * one: every single-part deviation from the valid hash (so each rule is met
 * with all else valid), then `random` hashes mixing deviations.
 */
function variantsOf(parts: string[][], random: number): string[] {
  const valid = parts.map((choices) => choices[0]!);
  const single = parts.flatMap((choices, i) => choices.slice(1).map((choice) => valid.with(i, choice).join("")));
  const mixed = fc.sample(fc.tuple(...parts.map((choices) => fc.constantFrom(...choices))), random).map((chosen) => chosen.join(""));
  return [valid.join(""), ...single, ...mixed];
}

/** Variations of a valid hash: structural and character-level, kept cheap to compute. */
function malformed(valid: string[]): string[] {
  const argon = valid.find((h) => h.startsWith("$argon2id$v=19$m=8,"))!;
  const [, , , , salt = "", hash = ""] = argon.split("$");
  const bcrypt = valid.find((h) => h.startsWith("$2b$04$"))!;
  const body = bcrypt.slice(7);
  const s = "c2FsdHNhbHQ";
  const structured = variantsOf(
    [
      ["$argon2id", "$argon2i", "$argon2d", "$Argon2id", "$argon2x", "$constructor", "$", "x$argon2id", "$bcrypt", "$2b"],
      ["$v=19", "", "$v=16", "$v=013", "$v=+19", "$v=", "$V=19", "$v=19,x=1", "$v=19$v=19"],
      [
        "$m=8,t=1,p=1",
        "$m=16,t=2,p=2",
        "$m=15,t=1,p=2",
        "$m=+8,t=01,p=1",
        "$t=1,m=8,p=1",
        "$m=8,t=1",
        "$m=8,t=1,p=1,x=1",
        "$m=8,t=65537,p=1",
        "$m=4194305,t=1,p=1",
        "$m=8,t=1,p=65",
        "$m=8x,t=1,p=1",
        "$m=8,t=65537,p=1x",
        "$m=0,t=1,p=1",
        "$m=8,t=0,p=1",
        "$m=8,t=1,p=0",
        "$m=4294967296,t=1,p=1",
        "$m=8,t=,p=1",
        "$m=8,,t=1,p=1",
        "$x=1,m=8,t=65537,p=1",
        "$toString=x,m=8,t=65537,p=1",
        "",
      ],
      [`$${salt}`, `$${s}`, "$c2FsdHNh", "$c2FsdHNhbA", "$AAAAAAAAAAB", "$", "$!!", `$${s}=`, `$${"A".repeat(400)}`, ""],
      [`$${hash}`, "$aGFzaGhhc2g", "$aGFz", "$AA", "$A", "$", `$${hash}=`, `$${hash.slice(0, -1)}B`, `$${hash}$x`, "", `$${"A".repeat(300)}`],
    ],
    700,
  );
  const crypt = variantsOf(
    [
      ["$2b$", "$2a$", "$2y$", "$2x$", "$2$", "$2c$", "$2B$", "$$2b$", "2b$"],
      ["04", "05", "+4", "4", "004", "-4", "03", "00", "32", "99", " 4", "0x", "$4"],
      ["$", "$$", ""],
      [body, body.slice(0, -1), `${body}A`, `${body.slice(0, -1)}f`, `${body.slice(0, 21)}B${body.slice(22)}`, `${body.slice(0, 21)}.${body.slice(22)}`, `+${body.slice(1)}`, `${body.slice(0, 22)}$${body.slice(23)}`, "tooshort"],
    ],
    250,
  );
  const phcSalt = "AQMjfxOJxh56OHmHXvRMBw";
  const phcHash = "pOEN04p167ZD9MnIK/OBUdguSoHoFzM";
  const bcryptPhc = variantsOf(
    [
      ["$bcrypt", "$bcryptx", "$bcrypt-sha256", "$scrypt", "bcrypt", "$"],
      ["$r=4", "$r=04", "$r=+4", "$r=0_4", "$r=0__4", "$r=1_0", "$r=_4", "$r=", "$r=-0", "$r=63", "$r=64", "$r=0", "$r=3", "$R=4", "$r=4,x=1", "$v=1$r=4", ""],
      [`$${phcSalt}`, `$${phcSalt.slice(0, -1)}x`, `$${phcSalt}A`, `$${phcSalt}==`, "$!!", "$", ""],
      [`$${phcHash}`, `$${phcHash.slice(0, -1)}N`, `$${phcHash.slice(0, -1)}A`, `$${phcHash}$`, `$${phcHash}=`, "$", ""],
    ],
    200,
  );
  const pool = [..."$,=+-_./A09é\u0000 "];
  const mutated = fc.sample(
    fc.tuple(fc.constantFrom(...valid.filter((h) => !h.startsWith("$argon2") || /m=(8|9|64),/.test(h))), fc.nat(), fc.constantFrom(...pool), fc.constantFrom("replace", "insert", "delete")),
    500,
  ).map(([h, at, c, how]) => {
    const i = at % h.length;
    return h.slice(0, i) + (how === "delete" ? "" : c) + h.slice(how === "insert" ? i : i + 1);
  });
  // Each ceiling and the value just past it: an unreadable salt makes the first fail late and cheaply.
  const ceilings = ["m=4194304,t=1,p=1", "m=4194305,t=1,p=1", "m=8,t=65536,p=1", "m=8,t=65537,p=1", "m=512,t=1,p=64", "m=520,t=1,p=65"].map((params) => `$argon2id$v=19$${params}$!!$${hash}`);
  return [...structured, ...crypt, ...bcryptPhc, ...mutated, ...ceilings].filter((h) => !costly(h) || h.includes("$!!$"));
}

/** Leaves out what would take seconds to compute in each runtime (argon2 memory × passes, bcrypt cost). */
function costly(hash: string): boolean {
  const argon = /m=\+?0*(\d+),t=\+?0*(\d+)/.exec(hash);
  if (argon && Number(argon[1]) * Number(argon[2]) > 65_536) return true;
  const bcrypt = /^\$2.\$\+?(\d\d?)\$/.exec(hash) ?? /^\$bcrypt\$r=([\d_]+)\$/.exec(hash);
  const cost = bcrypt ? Number(bcrypt[1]!.replaceAll("_", "")) : 0;
  return cost >= 10 && cost <= 31;
}

describe("Bun.password against real Bun", () => {
  it("checks arguments and options exactly as Bun: errors, their order, and which options it reads", async () => {
    const cases = argumentCases();
    const { mismatches, bun } = await compareBatch(callModule, cases, slow);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("hashes in Bun's formats, and each runtime verifies the other's hashes (random passwords, every algorithm, several costs)", async () => {
    const cases = hashCases();
    const hashed = await compareBatch(hashModule, cases, slow);
    const shapes = (outcomes: Outcome[]): unknown[] =>
      outcomes.map((o) => String(resolved(o)).replace(/\$[^$]*\$[^$]*$/, (tail) => tail.replace(/[^$]+/g, (part) => `<${part.length}>`)));
    expect(shapes(hashed.node)).toEqual(shapes(hashed.bun));

    const verifications = cases.flatMap((c, i) => {
      const bunHash = resolved(hashed.bun[i]) as string;
      const nodeHash = resolved(hashed.node[i]) as string;
      const algorithm = i % 3 === 0 ? labelOf(c.algorithm) : undefined;
      return [bunHash, nodeHash].flatMap((hash) => [
        { password: c.password, hash, algorithm, async: c.async, expected: true },
        { password: wrongPassword(c.password), hash, algorithm, async: !c.async, expected: false },
      ]);
    });
    const verified = await compareBatch(verifyModule, verifications, slow);
    expect(verified.mismatches.slice(0, 3)).toEqual([]);
    // Not only the same answer: the right one, in both runtimes (the other's hashes included).
    const wrong = verified.node.filter((o, i) => JSON.stringify(resolved(o)) !== JSON.stringify({ $: "plain", v: { result: verifications[i]!.expected } }));
    expect(wrong).toEqual([]);
  });

  it("answers malformed and foreign hashes as Bun does: false, or the same error", async () => {
    const seeds = await compareBatch(hashModule, [
      ...cheap.map((algorithm) => ({ password: text("pw"), algorithm, async: false })),
      { password: text("pw"), algorithm: { algorithm: "argon2id", memoryCost: 16, timeCost: 1 }, async: false },
    ]);
    const valid = [...seeds.bun, ...seeds.node].map((o) => resolved(o) as string);
    const hashes = malformed(valid);
    const cases = hashes.flatMap((hash, i) => [undefined, "argon2id", "argon2d", "bcrypt"].map((algorithm, j) => ({ password: text("pw"), hash, algorithm, async: (i + j) % 4 === 0 })));
    const { mismatches, bun } = await compareBatch(verifyModule, cases, slow);
    expect(bun).toHaveLength(cases.length);
    // Bun can verify an argon2 hash with m below 8 KiB per lane; Node says plainly that it cannot.
    const unexplained = mismatches.filter((m) => !belowEightKiBPerLane(m));
    expect(unexplained.slice(0, 5)).toEqual([]);
    expect(mismatches.length).toBeLessThan(cases.length / 20);
    // The mix reaches every answer: true, false, and each of Bun's errors.
    const answers = new Set(bun.map((o) => JSON.stringify(resolved(o)).match(/"result":(true|false)|PASSWORD_[A-Z_]+/)?.[0]));
    expect([...answers].sort()).toEqual(['"result":false', '"result":true', "PASSWORD_INVALID_ENCODING", "PASSWORD_UNSUPPORTED_ALGORITHM", "PASSWORD_WEAK_PARAMETERS"]);
  });

  it("has Bun's shape: keys, names, lengths, descriptors", async () => {
    const { mismatches } = await compareBatch(
      `import { password } from "bun";
      export default () => [
        Object.keys(password),
        Object.getPrototypeOf(password) === Object.prototype,
        ...Object.keys(password).map((k) => [k, password[k].name, password[k].length, "prototype" in password[k], Object.getOwnPropertyDescriptor(password, k).enumerable, Object.getOwnPropertyDescriptor(password, k).writable]),
        password.hash("x", { algorithm: "bcrypt", cost: 4 }) instanceof Promise,
        password.verify("x", "") instanceof Promise,
      ];`,
      [0],
    );
    expect(mismatches).toEqual([]);
  });
});
