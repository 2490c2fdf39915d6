// Bun.file / Bun.write / Bun.stdout under real Bun and under Node + dx-compat:
// the same operations on the same files (each runtime in its own scratch
// folder), compared result by result — bytes, text, types, sizes, chunking,
// and the exact shape of every error.
import { compareBatch, differential, type BatchMismatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const caseModule = `
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, openSync, closeSync, statSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
const dir = mkdtempSync(join(tmpdir(), "dx-compat-file-diff-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
let serial = 0;
const fresh = (name = "f") => join(dir, \`\${serial++}-\${name}\`);
const pattern = (size, seed) => { const b = new Uint8Array(size); let x = seed >>> 0 || 1; for (let i = 0; i < size; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[i] = x & 0xff; } return b; };
const digest = (bytes) => bytes.length > 4096 ? { length: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") } : bytes;
const shape = (e) => ({ name: e.name, message: e.message.replace(dir, "<dir>"), code: e.code, errno: e.errno, syscall: e.syscall, path: typeof e.path === "string" ? e.path.replace(dir, "<dir>") : e.path, keys: Object.keys(e) });
const view = (kind, bytes) => {
  switch (kind) {
    case "string": return new TextDecoder().decode(bytes);
    case "u8": return bytes;
    case "buffer": return Buffer.from(bytes);
    case "dataview": return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    case "arraybuffer": return bytes.slice().buffer;
    case "blob": return new Blob([bytes]);
    case "response": return new Response(bytes);
    case "stream": return new Response(bytes).body;
    case "array": return [new TextDecoder().decode(bytes.subarray(0, 3)), bytes.subarray(3), new Blob([bytes.subarray(0, 2)])];
  }
};
async function read(file, method) {
  switch (method) {
    case "text": { const t = await file.text(); return t.length > 4096 ? { length: t.length, sha256: createHash("sha256").update(t).digest("hex") } : t; }
    case "bytes": { const b = await file.bytes(); return { ctor: b.constructor.name, owns: b.buffer.byteLength === b.length, data: digest(b) }; }
    case "arrayBuffer": { const b = await file.arrayBuffer(); return { ctor: b.constructor.name, data: digest(new Uint8Array(b)) }; }
    case "stream": { const chunks = []; for await (const c of file.stream()) chunks.push(c); const all = Buffer.concat(chunks); return { ctor: chunks.map((c) => c.constructor.name)[0] ?? null, sizes: chunks.map((c) => c.length), data: digest(new Uint8Array(all)) }; }
    case "json": return file.json();
  }
}
async function run(c) {
  switch (c.op) {
    case "read": {
      const path = fresh(c.name ?? "data.bin");
      writeFileSync(path, c.text ?? pattern(c.size, c.seed));
      let file = Bun.file(path, c.type === undefined ? undefined : { type: c.type });
      if (c.presize) file.size;
      if (c.slice) file = file.slice(...c.slice);
      return { size: file.size, type: file.type, result: await read(file, c.method) };
    }
    case "meta": {
      const file = Bun.file(c.path, c.type === undefined ? undefined : { type: c.type });
      return { name: file.name, type: file.type };
    }
    case "stat": {
      const path = fresh("stat.txt");
      if (c.create) writeFileSync(path, "x".repeat(c.create));
      const file = Bun.file(c.dir ? dir : path);
      const stats = c.create ? await file.stat() : undefined;
      return { exists: await file.exists(), size: file.size, hasTime: file.lastModified > 1e12, statSize: stats?.size, isFile: stats?.isFile(), statKeys: stats && Object.keys(stats), ctor: stats?.constructor.name };
    }
    case "write": {
      const path = fresh(c.nested ? "a/b/c/out.bin" : "out.bin");
      const input = view(c.kind, Uint8Array.from(c.bytes));
      const written = await Bun.write(path, input);
      return { written, content: digest(readFileSync(path)) };
    }
    case "write-to": {
      const path = fresh("dest.txt");
      let destination = path;
      if (c.dest === "url") destination = new URL("file://" + path);
      if (c.dest === "bunfile") destination = Bun.file(path);
      if (c.dest === "fd") destination = openSync(path, "w");
      const written = await Bun.write(destination, c.text);
      if (typeof destination === "number") closeSync(destination);
      return { written, content: readFileSync(path, "utf8") };
    }
    case "copy": {
      const from = fresh("source.bin");
      writeFileSync(from, pattern(c.size, 7));
      const to = fresh("copies/copy.bin");
      const source = c.slice ? Bun.file(from).slice(...c.slice) : Bun.file(from);
      const written = await Bun.write(to, source);
      return { written, content: digest(readFileSync(to)), mode: (statSync(to).mode & 0o777).toString(8) };
    }
    case "writer": {
      const path = fresh("sink.txt");
      if (c.existing) writeFileSync(path, c.existing);
      const sink = Bun.file(path).writer(c.highWaterMark ? { highWaterMark: c.highWaterMark } : undefined);
      const results = [];
      for (const step of c.steps) results.push(step === "flush" ? sink.flush() : step === "end" ? sink.end() : sink.write(step));
      return { results, content: readFileSync(path, "utf8") };
    }
    case "fd-read": {
      const path = fresh("fd.txt");
      writeFileSync(path, c.text);
      const fd = openSync(path, "r");
      const file = Bun.file(fd);
      const first = await file.text();
      const second = await file.text();
      closeSync(fd);
      return { name: file.name ?? null, type: file.type, first, second };
    }
    case "fail": {
      try {
        const missing = join(dir, "missing", "nope.txt");
        switch (c.what) {
          case "missing-text": return await Bun.file(missing).text();
          case "missing-bytes": return await Bun.file(missing).bytes();
          case "missing-stat": return await Bun.file(missing).stat();
          case "missing-delete": return await Bun.file(missing).delete();
          case "missing-stream": { for await (const _ of Bun.file(missing).stream()); return "no error"; }
          case "dir-text": return await Bun.file(dir).text();
          case "bad-json": { const p = fresh("bad.json"); writeFileSync(p, c.text); return await Bun.file(p).json(); }
          case "closed-fd": { const fd = openSync(fresh("closed.txt"), "w"); closeSync(fd); return await Bun.file(fd).text(); }
          case "write-dir": return await Bun.write(dir, "x");
          case "write-no-create": return await Bun.write(join(dir, "none", "x.txt"), "x", { createPath: false });
          case "write-closed-fd": { const fd = openSync(fresh("closed2.txt"), "w"); closeSync(fd); return await Bun.write(fd, "x"); }
          case "write-undefined": return await Bun.write(fresh("u.txt"), undefined);
          case "write-null": return await Bun.write(fresh("n.txt"), null);
          case "write-symbol": return await Bun.write(fresh("s.txt"), Symbol("s"));
          case "dest-bool": return await Bun.write(true, "x");
          case "dest-object": return await Bun.write({}, "x");
          case "dest-null": return await Bun.write(null, "x");
          case "dest-frac": return await Bun.write(1.5, "x");
          case "dest-negative": return await Bun.write(-1, "x");
          case "file-undefined": return Bun.file(undefined);
          case "file-object": return Bun.file({});
          case "file-negative": return Bun.file(-1);
          case "file-frac": return Bun.file(2.5);
          case "file-http-url": return Bun.file(new URL("http://example.com/x"));
          case "form-data": { const p = fresh("form.txt"); writeFileSync(p, "a=1&b=2"); return [...(await Bun.file(p, { type: c.type }).formData())]; }
        }
      } catch (error) {
        return { threw: shape(error) };
      }
    }
    case "scalar": {
      const path = fresh("scalar.txt");
      const written = await Bun.write(path, c.kind === "bigint" ? 5n : c.kind === "object" ? { a: 1 } : c.value);
      return { written, content: readFileSync(path, "utf8") };
    }
  }
}
export default run;
`;

/**
 * A negative start on a file whose size was never read counts from 2^52 - 1,
 * past any real end. Bun 1.4.5 then reads inconsistently — \`bytes()\` gives the
 * file's first bytes, \`stream()\` none — where dx-compat reads none for both;
 * file.test.ts pins our side. The size both report is the same.
 */
function unsizedNegativeStart(slice: readonly number[]): boolean {
  return (slice[0] ?? 0) < 0;
}

/** Mismatches as one line per runtime, so a failure reads at a glance. */
function brief(mismatches: readonly BatchMismatch[]): string[] {
  return mismatches.slice(0, 4).map((m) => `${JSON.stringify(m.input).slice(0, 200)}\n  bun:  ${JSON.stringify(m.bun).slice(0, 600)}\n  node: ${JSON.stringify(m.node).slice(0, 600)}`);
}

const sizes = [0, 1, 2, 4095, 4096, 65_535, 65_536, 65_537, 262_145, 16 << 20];
const methods = ["text", "bytes", "arrayBuffer", "stream"];

function readCases(): unknown[] {
  const cases: unknown[] = [];
  for (const size of sizes) for (const method of methods) cases.push({ op: "read", size, seed: size + 1, method });
  // Slices of 64 KiB ± 1 and of 16 MiB, from each end, with the file's size
  // read first (slices count from it) and without (they count from 2^52 - 1).
  for (const size of [65_535, 65_537, 16 << 20]) {
    for (const slice of [[1], [0, 1], [-5], [10, -10], [size - 3, size + 10], [100, 50], [-3, -1], [3, 3], [-20, 3]]) {
      for (const method of ["bytes", "stream"]) {
        cases.push({ op: "read", size, seed: 3, method, slice, presize: true });
        if (!unsizedNegativeStart(slice)) cases.push({ op: "read", size, seed: 3, method, slice });
      }
    }
  }
  // Text decoding: BOM, invalid UTF-8, JSON.
  for (const text of ["\ufeffhi", "héllo wörld ✓", '{"a":[1,2,{"b":null}]}', "\ufeff[1]", "  "]) {
    cases.push({ op: "read", text, method: "text", name: "t.txt" }, { op: "read", text, method: "json", name: "t.json" });
  }
  cases.push({ op: "read", size: 50, seed: 9, method: "text" });
  for (const type of ["text/plain", "TEXT/PLAIN", "application/json", "foo/bar", "", "a b", "é/x", 5]) {
    cases.push({ op: "read", text: "x", method: "text", name: "typed.png", type });
  }
  return cases;
}

function metaCases(): unknown[] {
  const names = ["a.txt", "a.TXT", "A.HTML", ".txt", "txt", "a.b.txt", "dir.txt/file", "a.", "/x/y.json", "a.tar.gz", "x.ts", "x.tsx", "x.mjs", "x.cjs", "x.wasm", "x.svg", "x.md", "x.csv", "x.ico", "x.webmanifest", "x.geojson", "x.unknownext", "x.woff2", "x.map"];
  return names.map((path) => ({ op: "meta", path }));
}

const failures = ["missing-text", "missing-bytes", "missing-stat", "missing-delete", "missing-stream", "dir-text", "closed-fd", "write-dir", "write-no-create", "write-closed-fd", "write-undefined", "write-null", "write-symbol", "dest-bool", "dest-object", "dest-null", "dest-frac", "dest-negative", "file-undefined", "file-object", "file-negative", "file-frac", "file-http-url"];

describe("Bun.file / Bun.write against real Bun", () => {
  it("reads files of 0 B to 16 MiB and their slices the same way: bytes, text, buffers, stream chunking", async () => {
    const cases = readCases();
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(brief(mismatches)).toEqual([]);
  });

  it("gives the same name and type for paths (Bun's extension table) and explicit types", async () => {
    const { mismatches } = await compareBatch(caseModule, metaCases());
    expect(brief(mismatches)).toEqual([]);
  });

  it("writes every input kind to the same bytes, and copies files", async () => {
    const kinds = ["string", "u8", "buffer", "dataview", "arraybuffer", "blob", "response", "stream", "array"];
    const cases: unknown[] = [];
    for (const kind of kinds) {
      for (const bytes of [[], [104, 105], Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0x7f)]) {
        if (kind === "array" && bytes.length < 3) continue;
        cases.push({ op: "write", kind, bytes }, { op: "write", kind, bytes, nested: true });
      }
    }
    for (const dest of ["path", "url", "bunfile", "fd"]) cases.push({ op: "write-to", dest, text: `to ${dest} ✓` });
    // Bun 1.4.5 copies the whole file into a path even when handed a slice of it.
    for (const size of [0, 1, 65_537, 16 << 20]) cases.push({ op: "copy", size }, { op: "copy", size, slice: [1, 3] });
    for (const [kind, value] of [["number", 5], ["boolean", true], ["bigint"], ["object"], ["float", 1.5]] as const) {
      cases.push({ op: "scalar", kind, value });
    }
    const { mismatches } = await compareBatch(caseModule, cases);
    expect(brief(mismatches)).toEqual([]);
  });

  it("reads a descriptor from where it stands, and stats, sizes and tests existence alike", async () => {
    const cases = [
      { op: "fd-read", text: "abc" },
      { op: "stat", create: 5 },
      { op: "stat", create: 0 },
      { op: "stat" },
      { op: "stat", dir: true },
    ];
    const { mismatches } = await compareBatch(caseModule, cases);
    expect(brief(mismatches)).toEqual([]);
  });

  it("writes through a FileSink the same way: return values, buffering, no truncation", async () => {
    const cases = [
      { op: "writer", steps: ["abc", "flush", "de", "flush", "flush", "end"] },
      { op: "writer", steps: ["abc", "d", "flush", "end"] },
      { op: "writer", highWaterMark: 4, steps: ["abcdef", "gh", "flush", "end"] },
      { op: "writer", existing: "existing content", steps: ["x", "end"] },
      { op: "writer", steps: ["x".repeat(100_000), "y", "end", "end", "flush", "z"] },
    ];
    const { mismatches } = await compareBatch(caseModule, cases);
    expect(brief(mismatches)).toEqual([]);
  });

  it("fails with Bun's errors: names, messages, codes, errno, syscall, path, key order", async () => {
    const cases: unknown[] = failures.map((what) => ({ op: "fail", what }));
    for (const text of ["{bad", "", "[1,]", "\ufeff", "nul"]) cases.push({ op: "fail", what: "bad-json", text });
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "foo/bar"]) cases.push({ op: "fail", what: "form-data", type });
    const { mismatches, bun } = await compareBatch(caseModule, cases);
    // Every failure case did fail in Bun (the comparison is not vacuous).
    expect(bun.filter((o) => JSON.stringify(o).includes("threw")).length).toBeGreaterThanOrEqual(failures.length);
    expect(brief(mismatches)).toEqual([]);
  });

  it("round-trips random bytes through write and random slices the same way (fast-check)", async () => {
    const arbitrary = {
      bytes: fc.uint8Array({ maxLength: 2000 }),
      kind: fc.constantFrom("u8", "string", "blob", "arraybuffer"),
      slice: fc.tuple(fc.integer({ min: -2100, max: 2100 }), fc.integer({ min: -2100, max: 2100 })),
    };
    const cases = fc.sample(fc.record({ ...arbitrary, presize: fc.boolean() }), 300).flatMap(({ bytes, kind, slice, presize }) => [
      { op: "write", kind, bytes: [...bytes] },
      { op: "read", size: bytes.length, seed: bytes.length + 11, method: "bytes", slice, presize: presize || unsizedNegativeStart(slice) },
    ]);
    const { mismatches } = await compareBatch(caseModule, cases);
    expect(brief(mismatches)).toEqual([]);
  });

  it("writes to Bun.stdout and Bun.stderr in order with console output", async () => {
    const { bun, node } = await differential(
      `console.log("one");
const n = await Bun.write(Bun.stdout, "two\\n");
console.log("three", n);
await Bun.write(Bun.stderr, "err\\n");
console.log(Bun.stdout.name, Bun.stdout.type, Bun.stdin.type, Bun.stdout instanceof Blob);
const sink = Bun.stdout.writer(); sink.write("four\\n"); sink.flush();
console.log(await Bun.stdin.text());`,
      { stdin: "from stdin ✓" },
    );
    expect(node.stdout).toBe(bun.stdout);
    expect(node.stderr).toBe(bun.stderr);
    expect(bun.stdout).toContain("from stdin ✓");
  });
});
