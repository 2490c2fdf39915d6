// Bun.CryptoHasher, the static hashers (Bun.MD4 … Bun.SHA512_256) and Bun.sha
// under real Bun and under Node + dx-compat: random data in every input kind,
// split into random chunks, every algorithm plain and as an HMAC, copies taken
// midway, every output form; then Bun's names and aliases, and misuse. Results
// are compared value and type (Buffer vs Uint8Array, the very target returned),
// errors by class, name, message, code and own enumerable keys.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteViewSource } from "./support/byte-views.ts";

const algorithms = [
  "blake2b256",
  "blake2b512",
  "blake2s256",
  "md4",
  "md5",
  "ripemd160",
  "sha1",
  "sha224",
  "sha256",
  "sha384",
  "sha512",
  "sha512-224",
  "sha512-256",
  "sha3-224",
  "sha3-256",
  "sha3-384",
  "sha3-512",
  "shake128",
  "shake256",
] as const;
const withoutHmac = new Set(["blake2s256", "shake128", "shake256"]);
const staticClasses = ["MD4", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA512_256", "sha"] as const;

// Builds each piece of data, key and output target inside the runtime under
// test, runs the hasher, and reports results (and errors, in full) as values.
const sharedSource = `
${byteViewSource}
export function target(kind, size) {
  const bytes = new Uint8Array(size).fill(0xa5);
  switch (kind) {
    case "u8": return bytes;
    case "buffer": return Buffer.from(bytes.buffer);
    case "u32": return new Uint32Array(bytes.buffer, 0, size >> 2);
    case "f64": return new Float64Array(bytes.buffer, 0, size >> 3);
    case "dataview": return new DataView(bytes.buffer, 4, size - 4);
    case "arraybuffer": return bytes.buffer;
    case "shared": { const s = new SharedArrayBuffer(size); new Uint8Array(s).fill(0xa5); return s; }
  }
  throw new Error("unknown target " + kind);
}
export function data(piece) {
  return piece.text !== undefined ? piece.text : view(piece.kind, piece.bytes, piece.offset);
}
export function output(out) {
  if (out === undefined) return [];
  if (out.kind === "encoding") return [out.encoding];
  if (out.kind === "target") return [target(out.target, out.size)];
  return [out.value];
}
export function described(error) {
  return { threw: error?.constructor?.name, name: error?.name, message: error?.message, code: error?.code, keys: Object.keys(error ?? {}) };
}
export function attempt(fn) {
  try {
    return fn();
  } catch (error) {
    return described(error);
  }
}
`;

const hasherModule = `
import { CryptoHasher } from "bun";
import { attempt, data, output } from "./shared.mjs";
export default (c) => attempt(() => {
  if (c.mode === "static") return CryptoHasher.hash(c.algorithm, data(c.chunks[0]), ...output(c.out));
  const hasher = c.key === undefined ? new CryptoHasher(c.algorithm) : new CryptoHasher(c.algorithm, data(c.key));
  let copy;
  c.chunks.forEach((piece, i) => {
    if (i === c.copyAt) copy = hasher.copy();
    if (piece.encoding === undefined) hasher.update(data(piece));
    else hasher.update(data(piece), piece.encoding);
  });
  const result = { algorithm: hasher.algorithm, byteLength: hasher.byteLength, digest: hasher.digest(...output(c.out)) };
  if (copy !== undefined) result.copy = copy.digest("hex");
  // A plain hasher starts over after a digest; an HMAC is used up.
  result.again = attempt(() => hasher.update("more").digest("base64"));
  return result;
});
`;

const staticModule = `
import * as bun from "bun";
import { attempt, data, output } from "./shared.mjs";
export default (c) => attempt(() => {
  const Class = bun[c.className];
  if (c.className === "sha" || c.mode === "static") return (c.className === "sha" ? bun.sha : Class.hash)(data(c.chunks[0]), ...output(c.out));
  const hasher = new Class();
  for (const piece of c.chunks) hasher.update(data(piece), piece.encoding);
  return { byteLength: hasher.byteLength, digest: hasher.digest(...output(c.out)), again: attempt(() => hasher.digest("hex")) };
});
`;

interface Piece {
  kind?: string;
  bytes?: Uint8Array;
  offset?: number;
  text?: string;
  encoding?: string;
}

const byteKinds = ["u8", "buffer", "i16", "f64", "dataview", "arraybuffer", "shared", "blob", "string-object"];
const anyCodeUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 40 });
const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 40 }), anyCodeUnit);
// Mostly short chunks; some past 4 KiB (where the first chunk is not held back).
const chunkBytes = fc.oneof({ weight: 5, arbitrary: fc.uint8Array({ maxLength: 300 }) }, { weight: 1, arbitrary: fc.uint8Array({ minLength: 4000, maxLength: 9000 }) });

const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.record({ kind: fc.constantFrom(...byteKinds), bytes: chunkBytes, offset: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ text }),
  // Strings in an encoding: hex of even length (odd is an error, tested below), base64 of any bytes, latin1/ucs2/ascii text.
  fc.record({ bytes: chunkBytes, encoding: fc.constantFrom("hex", "HEX") }).map(({ bytes, encoding }) => ({ text: Buffer.from(bytes).toString("hex"), encoding })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ text: Buffer.from(bytes).toString("base64"), encoding: "base64" })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ text: Buffer.from(bytes).toString("base64url"), encoding: "base64url" })),
  fc.record({ text, encoding: fc.constantFrom("latin1", "binary", "ascii", "ucs2", "utf16le", "utf-8", "buffer", "bogus") }),
);

const digestEncodings = ["hex", "base64", "base64url", "latin1", "binary", "ascii", "utf8", "utf-8", "ucs2", "ucs-2", "utf16le", "buffer", "HEX"];
const targetKinds = ["u8", "buffer", "u32", "f64", "dataview", "arraybuffer", "shared"];
const output = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant("encoding"), encoding: fc.constantFrom(...digestEncodings) }),
  // Sizes around every digest length, around Bun's 64-byte rule, and bigger (SHAKE fills them).
  fc.record({ kind: fc.constant("target"), target: fc.constantFrom(...targetKinds), size: fc.constantFrom(16, 20, 24, 32, 48, 56, 64, 72, 96, 136) }),
  fc.record({ kind: fc.constant("value"), value: fc.constantFrom(null, 5, "nope", "utf-16le") }),
);
const key = fc.oneof(
  fc.record({ text: fc.string({ maxLength: 80 }) }),
  fc.record({ kind: fc.constantFrom("u8", "buffer", "dataview", "arraybuffer", "shared", "i16"), bytes: fc.uint8Array({ maxLength: 200 }) }),
);

function hasherCases(algorithm: string, count: number): unknown[] {
  const plain = fc.record({ chunks: fc.array(piece, { maxLength: 6 }), out: output, copyAt: fc.integer({ min: -1, max: 6 }) });
  const cases: unknown[] = fc.sample(plain, count).map((c) => ({ mode: "hasher", algorithm, ...c }));
  const keyed = fc.record({ key, chunks: fc.array(piece, { maxLength: 4 }), out: output, copyAt: fc.integer({ min: -1, max: 4 }) });
  cases.push(...fc.sample(keyed, withoutHmac.has(algorithm) ? 3 : count / 2).map((c) => ({ mode: "hasher", algorithm, ...c })));
  const oneShot = fc.record({ chunks: fc.tuple(piece), out: output });
  cases.push(...fc.sample(oneShot, count / 2).map((c) => ({ mode: "static", algorithm, ...c })));
  return cases;
}

function staticCases(className: string, count: number): unknown[] {
  const instance = fc.record({ chunks: fc.array(piece, { maxLength: 5 }), out: output });
  const oneShot = fc.record({ chunks: fc.tuple(piece), out: output });
  // Bun.sha is a function: one-shot cases only.
  const instances = className === "sha" ? [] : fc.sample(instance, count).map((c) => ({ mode: "instance", className, ...c }));
  return [...instances, ...fc.sample(oneShot, count).map((c) => ({ mode: "static", className, ...c }))];
}

// Misuse and odd corners, one scenario each, run alike in both runtimes.
const scenarios: Record<string, string> = {
  noArguments: `new CryptoHasher()`,
  numberAlgorithm: `new CryptoHasher(5)`,
  objectAlgorithm: `new CryptoHasher({})`,
  emptyAlgorithm: `new CryptoHasher("")`,
  emptyAlgorithmKeyed: `new CryptoHasher("", "k")`,
  emptyAlgorithmBadKey: `new CryptoHasher("", 5)`,
  unknownAlgorithm: `new CryptoHasher("sha257")`,
  unknownAlgorithmKeyed: `new CryptoHasher("sha257", "k")`,
  badKeyUnknownAlgorithm: `new CryptoHasher("sha257", {})`,
  stringObjectAlgorithm: `new CryptoHasher(new String("SHA-256")).algorithm`,
  withoutNew: `CryptoHasher("sha256")`,
  staticWithoutNew: `SHA256()`,
  hmacShake: `new CryptoHasher("shake128", "k")`,
  hmacBlake2s: `new CryptoHasher("blake2s256", new Uint8Array(3))`,
  hmacNumberKey: `new CryptoHasher("sha256", 5)`,
  hmacBlobKey: `new CryptoHasher("sha256", new Blob(["k"]))`,
  hmacBooleanKey: `new CryptoHasher("sha256", true)`,
  hmacNullKey: `new CryptoHasher("sha256", null).update("a").digest("hex")`,
  hmacEmptyKey: `new CryptoHasher("sha256", "").update("a").digest("hex")`,
  hmacStringObjectKey: `new CryptoHasher("sha256", new String("k")).update("a").digest("hex")`,
  hmacDigestTwice: `{ const h = new CryptoHasher("sha256", "k"); h.digest(); return h.digest(); }`,
  hmacUpdateAfter: `{ const h = new CryptoHasher("md5", "k"); h.digest(); return h.update("a"); }`,
  hmacBadUpdateAfter: `{ const h = new CryptoHasher("md5", "k"); h.digest(); return h.update(5); }`,
  hmacCopyAfter: `{ const h = new CryptoHasher("md5", "k"); h.digest(); return h.copy(); }`,
  hmacByteLengthAfter: `{ const h = new CryptoHasher("md5", "k"); h.digest(); return h.byteLength; }`,
  hmacAlgorithmAfter: `{ const h = new CryptoHasher("md5", "k"); h.digest(); return h.algorithm; }`,
  hmacBadEncodingAfter: `{ const h = new CryptoHasher("md5", "k"); h.digest(); return h.digest("bad"); }`,
  hmacSmallTargetAfter: `{ const h = new CryptoHasher("md5", "k"); h.digest(); return h.digest(new Uint8Array(8)); }`,
  hmacUsableAfterBadDigest: `{ const h = new CryptoHasher("sha1", "k").update("a"); try { h.digest("bad"); } catch {} try { h.digest(new Uint8Array(3)); } catch {} return h.digest("hex"); }`,
  digestTwice: `{ const h = new CryptoHasher("sha256").update("a"); return [h.digest("hex"), h.digest("hex")]; }`,
  updateAfterDigest: `{ const h = new CryptoHasher("sha256").update("a"); h.digest(); return h.update("b").digest("hex"); }`,
  copyAfterDigest: `{ const h = new CryptoHasher("sha256").update("a"); h.digest(); return h.copy().digest("hex"); }`,
  copyIsIndependent: `{ const h = new CryptoHasher("sha256").update("a"); const c = h.copy(); h.update("b"); c.update("c"); return [h.digest("hex"), c.digest("hex")]; }`,
  copyOfBigState: `{ const h = new CryptoHasher("sha512").update(new Uint8Array(5000)).update("x"); const c = h.copy(); c.update("y"); return [h.digest("hex"), c.digest("hex")]; }`,
  mutateAfterUpdate: `{ const u = new Uint8Array([1, 2, 3]); const h = new CryptoHasher("sha256").update(u); u[0] = 9; return h.digest("hex"); }`,
  mutateAfterUpdateStatic: `{ const u = new Uint8Array([1, 2, 3]); const h = new SHA1().update(u); u[0] = 9; return h.digest("hex"); }`,
  mutateAfterCopy: `{ const u = new Uint8Array([1, 2, 3]); const h = new CryptoHasher("md5").update(u); const c = h.copy(); u[1] = 7; return [h.digest("hex"), c.digest("hex")]; }`,
  digestTargetIdentity: `{ const t = new Uint8Array(64); return new CryptoHasher("md5").digest(t) === t; }`,
  digestSmallTarget: `new CryptoHasher("md5").digest(new Uint8Array(63))`,
  digestTargetLeavesRest: `new CryptoHasher("md5").update("a").digest(new Uint8Array(70).fill(1))`,
  shakeFillsTarget: `new CryptoHasher("shake128").update("a").digest(new Uint8Array(200))`,
  shakeStaticTarget: `CryptoHasher.hash("shake256", "a", new Uint8Array(100).fill(1))`,
  digestNumber: `new CryptoHasher("md5").digest(5)`,
  digestObject: `new CryptoHasher("md5").digest({})`,
  digestBlob: `new CryptoHasher("md5").digest(new Blob(["a"]))`,
  digestNull: `new CryptoHasher("md5").digest(null)`,
  digestEmptyEncoding: `new CryptoHasher("md5").digest("")`,
  digestUtf16Dash: `new CryptoHasher("md5").digest("utf-16le")`,
  digestStringObject: `new CryptoHasher("md5").digest(new String("base64"))`,
  digestBufferOwnMemory: `new CryptoHasher("sha256").update("a").digest().buffer.byteLength`,
  hashBufferOwnMemory: `CryptoHasher.hash("md5", "a").buffer.byteLength`,
  staticBufferOwnMemory: `[SHA1.hash("a").buffer.byteLength, new SHA1().digest().buffer.byteLength]`,
  updateNumber: `new CryptoHasher("md5").update(5)`,
  updateNull: `new CryptoHasher("md5").update(null)`,
  updateUndefined: `new CryptoHasher("md5").update()`,
  updateArray: `new CryptoHasher("md5").update([1, 2])`,
  updateBunFile: `new CryptoHasher("md5").update(Bun.file("/etc/hostname"))`,
  updateBunFileSlice: `new CryptoHasher("md5").update(Bun.file("/etc/hostname").slice(0, 2))`,
  updateFile: `new CryptoHasher("md5").update(new File(["abc"], "a.txt")).digest("hex")`,
  updateEmptyBlob: `new CryptoHasher("md5").update(new Blob([])).digest("hex")`,
  updateOddHex: `new CryptoHasher("md5").update("abc", "hex")`,
  updateOddHexUpper: `new CryptoHasher("md5", "k").update("a", "HeX")`,
  updateHexInvalid: `new CryptoHasher("md5").update("61zz62", "hex").digest("hex")`,
  updateEncodingObject: `new CryptoHasher("md5").update("616263", new String("hex")).digest("hex")`,
  updateEncodingNumber: `new CryptoHasher("md5").update("616263", 5).digest("hex")`,
  updateLoneSurrogates: `new CryptoHasher("sha1").update("a\\ud800b\\udc00").digest("hex")`,
  updateReturnsThis: `{ const h = new CryptoHasher("md5"); return h.update("a") === h; }`,
  updateDetached: `{ const b = new ArrayBuffer(8); structuredClone(b, { transfer: [b] }); return new CryptoHasher("md5").update(b).digest("hex"); }`,
  updateDetachedView: `{ const b = new ArrayBuffer(8); const u = new Uint16Array(b); structuredClone(b, { transfer: [b] }); return new SHA1().update(u).digest("hex"); }`,
  hmacKeyDetached: `{ const b = new ArrayBuffer(8); structuredClone(b, { transfer: [b] }); return new CryptoHasher("md5", b).digest("hex"); }`,
  digestIntoDetached: `{ const b = new ArrayBuffer(64); const u = new Uint8Array(b); structuredClone(b, { transfer: [b] }); return new CryptoHasher("md5").digest(u); }`,
  updateResizable: `{ const b = new ArrayBuffer(3, { maxByteLength: 16 }); new Uint8Array(b).set([97, 98, 99]); return new CryptoHasher("md5").update(b).update(new Uint8Array(b)).digest("hex"); }`,
  hashNoAlgorithm: `CryptoHasher.hash()`,
  hashStringObjectAlgorithm: `CryptoHasher.hash(new String("md5"), "a")`,
  hashUnknown: `CryptoHasher.hash("nope", "a")`,
  hashEmpty: `CryptoHasher.hash("", "a")`,
  hashUnknownBadOutput: `CryptoHasher.hash("nope", "a", 5)`,
  hashUnknownBadEncoding: `CryptoHasher.hash("nope", "a", "bad")`,
  hashUnknownSmallTarget: `CryptoHasher.hash("nope", "a", new Uint8Array(1))`,
  hashBadInputBadOutput: `CryptoHasher.hash("md5", 5, 5)`,
  hashBunFileBadOutput: `CryptoHasher.hash("md5", Bun.file("/etc/hostname"), 5)`,
  hashNullOutput: `CryptoHasher.hash("md5", "a", null)`,
  hashSmallTarget: `CryptoHasher.hash("sha3-256", "a", new Uint8Array(31))`,
  hashExactTarget: `CryptoHasher.hash("sha3-256", "a", new Uint8Array(32))`,
  hashBlob: `CryptoHasher.hash("sha256", new Blob(["ab", "c"]), "hex")`,
  staticDigestTwice: `{ const h = new SHA256(); h.digest(); return h.digest(); }`,
  staticUpdateAfter: `{ const h = new SHA256(); h.digest("hex"); return h.update("a"); }`,
  staticBadUpdateAfter: `{ const h = new MD5(); h.digest(); return h.update(5); }`,
  staticBadEncodingAfter: `{ const h = new MD5(); h.digest(); return h.digest("bad"); }`,
  staticBadOutputAfter: `{ const h = new MD5(); h.digest(); return h.digest(5); }`,
  staticUsableAfterBadDigest: `{ const h = new SHA1().update("a"); try { h.digest("bad"); } catch {} try { h.digest(new Uint8Array(19)); } catch {} return h.digest("hex"); }`,
  staticIgnoresEncoding: `new MD5().update("616263", "hex").digest("hex")`,
  staticNullOutput: `SHA1.hash("a", null)`,
  staticNullDigest: `new SHA1().digest(null)`,
  staticBunFileSmallTarget: `MD5.hash(Bun.file("/etc/hostname"), new Uint8Array(1))`,
  shaNumber: `sha(5)`,
  shaSmallTarget: `sha("a", new Uint8Array(31))`,
  invalidThisUpdate: `CryptoHasher.prototype.update.call({}, "a")`,
  invalidThisDigestUndefined: `CryptoHasher.prototype.digest.call(undefined)`,
  invalidThisCopyOther: `CryptoHasher.prototype.copy.call(new SHA1())`,
  invalidThisNumber: `SHA1.prototype.update.call(5, "a")`,
  invalidThisString: `SHA1.prototype.digest.call("x")`,
  invalidThisNull: `SHA1.prototype.digest.call(null)`,
  invalidThisNullPrototype: `SHA1.prototype.digest.call(Object.create(null))`,
  invalidThisArray: `MD5.prototype.digest.call([])`,
  getterOnPrototype: `CryptoHasher.prototype.byteLength`,
  algorithmGetterOnPrototype: `CryptoHasher.prototype.algorithm`,
  staticGetterOnPrototype: `SHA512.prototype.byteLength`,
  shape: `[CryptoHasher.name, CryptoHasher.length, CryptoHasher.hash.length, CryptoHasher.prototype.update.length, CryptoHasher.prototype.digest.length, CryptoHasher.prototype.copy.length, Object.getOwnPropertyNames(CryptoHasher.prototype), Object.keys(CryptoHasher), Object.prototype.toString.call(new CryptoHasher("md5"))]`,
  staticShape: `[SHA512_256.name, SHA512_256.length, SHA512_256.hash.length, SHA512_256.prototype.update.length, SHA512_256.prototype.digest.length, Object.getOwnPropertyNames(SHA512_256.prototype), Object.keys(SHA512_256), SHA512_256.byteLength, Object.prototype.toString.call(new MD4()), typeof new MD4().copy]`,
  shaShape: `[sha.name, sha.length, sha === SHA512_256.hash]`,
  algorithms: `[CryptoHasher.algorithms, CryptoHasher.algorithms === CryptoHasher.algorithms]`,
  subclass: `{ class Mine extends CryptoHasher { constructor() { super("md5"); } } const m = new Mine(); return [m instanceof Mine, m instanceof CryptoHasher, m.update("a").digest("hex"), m.copy() instanceof CryptoHasher]; }`,
  instanceKeys: `[Object.keys(new CryptoHasher("md5")), Object.getOwnPropertyNames(new SHA1())]`,
};

const scenarioModule = `
import { CryptoHasher, MD4, MD5, SHA1, SHA256, SHA512, SHA512_256, sha } from "bun";
import { attempt } from "./shared.mjs";
const scenarios = {
${Object.entries(scenarios)
  .map(([name, body]) => `  ${name}: () => ${body.startsWith("{") ? `(() => ${body})()` : body},`)
  .join("\n")}
};
export default (name) => attempt(scenarios[name]);
`;

// Every spelling Bun accepts, and near misses, as a plain hasher, an HMAC and a one-shot.
const names = [
  ...algorithms,
  ...algorithms.map((a) => a.toUpperCase()),
  "rmd160",
  "RMD160",
  "sha128",
  "sha-1",
  "SHA-224",
  "sha-256",
  "sha-384",
  "Sha-512",
  "sha-512/224",
  "sha-512_224",
  "sha-512224",
  "sha-512/256",
  "sha-512_256",
  "sha-512256",
  "shake-128",
  "Shake-256",
  "ripemd",
  "ripemd-160",
  "blake2b",
  "blake2s",
  "blake2b-256",
  "sha512/256",
  "sha512_256",
  "sha3_256",
  "sha-3-256",
  "sha2-256",
  "sha256 ",
  " sha256",
  "keccak256",
  "md5-sha1",
  "RSA-SHA256",
  "sha256WithRSAEncryption",
  "\u212Aeccak",
  "bla\u212Ae2b256",
  "constructor",
  "__proto__",
  "toString",
];
const namesModule = `
import { CryptoHasher } from "bun";
import { attempt } from "./shared.mjs";
export default (name) => [
  attempt(() => new CryptoHasher(name).algorithm),
  attempt(() => { const h = new CryptoHasher(name, "key"); return [h.algorithm, h.update("x").digest("hex")]; }),
  attempt(() => CryptoHasher.hash(name, "x", "hex")),
];
`;

async function compare(module: string, inputs: unknown[]): Promise<void> {
  const { mismatches, bun } = await compareBatch(module, inputs, { timeoutMs: 120_000 });
  expect(bun).toHaveLength(inputs.length);
  // Compact: the input, and what each runtime did, as JSON.
  const shown = mismatches.slice(0, 3).map(({ input, bun: b, node: n }) => JSON.stringify({ input, bun: b, node: n }, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v)));
  expect(shown).toEqual([]);
}

describe("Bun's hashers against real Bun", () => {
  // One batch (a Bun and a Node process) per group; each module carries the shared helpers.
  const withShared = (module: string): string => `${module.replace(/^import \{[^}]*\} from "\.\/shared\.mjs";$/m, "")}\n${sharedSource}`;

  it("CryptoHasher: every algorithm, plain and HMAC, random chunks, copies and outputs", async () => {
    const cases = algorithms.flatMap((algorithm) => hasherCases(algorithm, 60));
    await compare(withShared(hasherModule), cases);
  }, 120_000);

  it("MD4 … SHA512_256 and sha: random chunks and outputs", async () => {
    const cases = staticClasses.flatMap((className) => staticCases(className, 40));
    await compare(withShared(staticModule), cases);
  }, 120_000);

  it("names and aliases, misuse, errors and shape", async () => {
    await compare(withShared(scenarioModule), Object.keys(scenarios));
    await compare(withShared(namesModule), names);
  }, 120_000);
});
