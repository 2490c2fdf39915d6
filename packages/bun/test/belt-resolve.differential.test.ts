// Bun.resolveSync / Bun.resolve, Bun.fileURLToPath / Bun.pathToFileURL under
// real Bun and under Node + dx-compat. Resolution runs against package trees
// generated on disk (fast-check picks files, extensions, package.json fields,
// exports/imports maps and the specifiers to ask about); both runtimes work in
// the same directory, which holds a node_modules so that Bun never
// auto-installs.
import { compareBatch, scratchDir, writeFiles } from "@dx-compat/oracle";
import fc from "fast-check";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const caseModule = `
const root = process.cwd();
const hide = (s) => typeof s === "string" ? s.split(root).join("$ROOT") : s;
// Every field of a ResolveMessage; of other errors, what dx-compat matches everywhere (name, message, code).
const show = (e) => e?.name !== "ResolveMessage"
  ? { name: e?.name, message: hide(e?.message), code: e?.code }
  : { ctor: e.constructor.name, name: e.name, message: hide(e.message), code: e.code, specifier: hide(e.specifier), referrer: hide(e.referrer), importKind: e.importKind, requireStack: e.requireStack?.map(hide), level: e.level, position: e.position, line: e.line, column: e.column, own: Object.getOwnPropertyNames(e), json: JSON.stringify(e.toJSON()).split(root).join("$ROOT"), str: hide(String(e)), isError: e instanceof Error, firstStackLine: hide(e.stack.split("\\n")[0]) };
const arg = (v) => typeof v === "string" ? v.replace("$ROOT", root) : Array.isArray(v) && v[0] === "$symbol" ? Symbol(v[1]) : v;
const scenarios = {
  sync: (args) => { try { return { ok: hide(Bun.resolveSync(...args.map(arg))) }; } catch (e) { return { error: show(e) }; } },
  async: async (args) => { let p; try { p = Bun.resolve(...args.map(arg)); } catch (e) { return { syncError: show(e) }; } const isPromise = p instanceof Promise; try { return { isPromise, ok: hide(await p) }; } catch (e) { return { isPromise, error: show(e) }; } },
  toPath: (v) => { try { return { ok: Bun.fileURLToPath(arg(v)) }; } catch (e) { return { error: show(e) }; } },
  toPathURL: (v) => { try { return { ok: Bun.fileURLToPath(new URL(v)) }; } catch (e) { return { error: show(e) }; } },
  toURL: (v) => { try { const u = Bun.pathToFileURL(arg(v)); return { ok: hide(u.href), isURL: u instanceof URL }; } catch (e) { return { error: show(e) }; } },
};
export default ([name, args]) => scenarios[name](args);
`;

interface Tree {
  files: Record<string, string>;
  links: [string, string][];
}

const fileNames = ["a", "b", "index", "main", "x.js", "Up"];
const extensions = [".js", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts", ".jsx", ".json", ".css", ""];
const dirs = ["", "src", "src/sub", "node_modules/p1", "node_modules/p1/lib", "node_modules/@s/p2", "node_modules/p3", "node_modules/p3/dist"];
const manifestFields = fc.record(
  {
    main: fc.constantFrom("a", "./a.js", "lib", "lib/a", "missing.js", "./dist/index", "b.ts"),
    module: fc.constantFrom("b.js", "lib/b", "main"),
    exports: fc.constantFrom<unknown>(
      "./a.js",
      { ".": "./a.js", "./sub": "./lib/a.js" },
      { ".": { bun: "./b.js", import: "./a.js", require: "./main.cjs", default: "./index.js" } },
      { ".": { node: { import: "./a.mjs", require: "./a.cjs" }, default: "./a.js" } },
      { "./*": "./lib/*.js", "./x/*": "./src/*.ts", "./hidden/*": null },
      { ".": ["./nope.js", "./a.js"], "./feat/": "./lib/" },
      { import: "./a.js", default: "./b.js" },
      { ".": "../outside.js" },
    ),
    imports: fc.constantFrom<unknown>({ "#i": "./src/a.js", "#dep": "p3", "#c": { bun: "./b.js", default: "./a.js" }, "#s/*": "./src/*.js" }),
    name: fc.constantFrom("p1", "root"),
  },
  { requiredKeys: [] },
);

const tree: fc.Arbitrary<Tree> = fc
  .record({
    files: fc.array(fc.tuple(fc.constantFrom(...dirs), fc.constantFrom(...fileNames), fc.constantFrom(...extensions)), { minLength: 4, maxLength: 18 }),
    manifests: fc.array(fc.tuple(fc.constantFrom("", "node_modules/p1", "node_modules/@s/p2", "node_modules/p3", "src"), manifestFields), { maxLength: 4 }),
    tsconfig: fc.option(fc.constantFrom('{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"], "exact": ["src/a.ts"] } } }', '{ // comment\n "compilerOptions": { "paths": { "~/*": ["./src/sub/*",], }, }, }'), { nil: undefined }),
    link: fc.boolean(),
  })
  .map(({ files, manifests, tsconfig, link }) => {
    const out: Record<string, string> = { "node_modules/.keep": "" };
    for (const [dir, name, extension] of files) out[join(dir, name + extension)] = "1";
    for (const [dir, fields] of manifests) out[join(dir, "package.json")] = JSON.stringify(fields);
    if (!("package.json" in out)) out["package.json"] = JSON.stringify({ name: "root" });
    if (tsconfig !== undefined) out["tsconfig.json"] = tsconfig;
    return { files: out, links: link ? [["node_modules/p3", "node_modules/linked"]] : [] };
  });

// Names in another case than on disk are asked in their own test: Bun caches directory entries, so
// within one process the spelling it reports can depend on earlier lookups.
const specifiers = [
  "./src/a", "./src/a.js", "./src/a.ts", "./SRC/a", "./src/b", "./src/sub", "./src/sub/", "./src", ".", "./", "..", "",
  "./src/x.js", "./src/index", "./src/main", "./src/Up", "./src/a.mjs", "./src/a.cjs", "./src/a.jsx", "./src/a?query=1", "./src/a#hash",
  "p1", "p1/", "p1/lib/a", "p1/a", "p1/sub", "p1/x/a", "p1/hidden/a", "p1/feat/a.js", "p1/a.js", "p1/main", "@s/p2", "@s/p2/lib", "@s/p2/a.js", "p3", "p3/dist",
  "linked", "linked/a", "#i", "#dep", "#c", "#s/a", "#nope", "@app/a", "@app/sub/b", "exact", "~/a", "src/a",
  "fs", "node:fs", "node:nope", "sys", "fs/promises", "bun", "bun:sqlite", "bun:nope", "ws", "undici", "nope", "@nope/x", "p1?x=1",
];
const froms = ["$ROOT/{t}", "$ROOT/{t}/src", "$ROOT/{t}/src/sub", "$ROOT/{t}/node_modules/p1", "$ROOT/{t}/src/a.ts", "$ROOT/{t}/nope"];

async function expectSame(inputs: unknown[], cwd?: string): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 120_000, ...(cwd === undefined ? {} : { cwd }) });
  expect(mismatches.map((m) => JSON.stringify(m))).toEqual([]);
}

describe("Bun.resolveSync against Bun", () => {
  it("fast-check: generated package trees, every kind of specifier, import and require", async () => {
    const root = scratchDir("dx-resolve-");
    writeFiles({ "node_modules/.keep": "", "package.json": "{}" }, root);
    const trees = fc.sample(tree, { numRuns: 14, seed: 21 });
    const inputs: unknown[] = [];
    trees.forEach((t, i) => {
      const dir = join(root, `t${i}`);
      writeFiles(t.files, dir);
      for (const [target, link] of t.links) symlinkSync(join(dir, target), join(dir, link), "dir");
      const picks = fc.sample(fc.tuple(fc.constantFrom(...specifiers), fc.constantFrom(...froms), fc.constantFrom(undefined, true, false)), { numRuns: 45, seed: 100 + i });
      for (const [specifier, from, esm] of picks) {
        const fromPath = from.replace("{t}", `t${i}`);
        inputs.push(["sync", esm === undefined ? [specifier, fromPath] : [specifier, fromPath, esm]]);
      }
    });
    await expectSame(inputs, root);
  });

  it("names in another case: a fresh directory for each lookup", async () => {
    const root = scratchDir("dx-resolve-case-");
    writeFiles({ "node_modules/.keep": "", "package.json": "{}" }, root);
    const asked = ["./src/A", "./src/A.js", "./src/A.JS", "./src/a.TS", "./src/UP", "./src/up.ts", "./src/SUB", "./src/sub", "./src/Sub/INDEX"];
    const onDisk = [["src/a.cjs"], ["src/a.ts"], ["src/a.js"], ["src/Up.ts"], ["src/up.ts", "src/Up.ts"], ["src/sub/INDEX.js"], ["src/sub/index.ts"]];
    const inputs: unknown[] = [];
    let n = 0;
    for (const files of onDisk) {
      for (const specifier of asked) {
        writeFiles(Object.fromEntries(files.map((f) => [f, "1"])), join(root, `c${n}`));
        inputs.push(["sync", [specifier, `$ROOT/c${n}`]]);
        n++;
      }
    }
    await expectSame(inputs, root);
  });

  it("arguments, relative and odd referrers, file: URL specifiers, Bun.resolve's promise", async () => {
    const root = scratchDir("dx-resolve-args-");
    writeFiles({ "node_modules/.keep": "", "package.json": "{}", "src/a.ts": "1", "src/w.js": "1", "node_modules/p/package.json": '{"main":"i.js"}', "node_modules/p/i.js": "1" }, root);
    const inputs: unknown[] = [];
    const argLists: unknown[][] = [
      [], [undefined], [null, "$ROOT"], ["./src/a"], ["./src/a", undefined], ["./src/a", null], ["./src/a", "$ROOT", 1], ["./src/a", "$ROOT", undefined], ["./src/a", "$ROOT", "true"],
      [1, "$ROOT"], [["$symbol", "s"], "$ROOT"], ["./src/a", ["$symbol", "s"]], ["./src/a", 5],
      ["./src/a", "."], ["./src/a", ""], ["./w.js", "src"], ["./w.js", "./src/"], ["p", "relative/dir"], ["./w.js", "$ROOT/src/"], ["./w.js", "$ROOT/src/w.js"],
      ["file://$ROOT/src/a.ts", "$ROOT"], ["file:///nope/x.js", "$ROOT"], ["./nope", ""], ["nope", ""], ["./nope", "$ROOT", false], ["nope", "$ROOT", false], ["node:nope", "$ROOT", false],
      ["p", "$ROOT", false], ["./src/w", "$ROOT", false],
    ];
    for (const args of argLists) inputs.push(["sync", args], ["async", args]);
    await expectSame(inputs, root);
  });
});

describe("Bun.fileURLToPath and Bun.pathToFileURL against Bun", () => {
  it("named URLs and paths, errors included", async () => {
    const urls = ["file:///a/b", "file:///a%20b", "file:///a%2fb", "file:///a%2Fb", "file:///a%5cb", "file://localhost/a", "file://host/a", "file://host:80/a", "http://x/a", "file:///a/../b", "not a url", "", "file:", "file:/a", "file:///%E2%82%AC", "file:///%E2%82", "file:///%ff", "file:///%", "file:///%zz", "file:///a?x#y", "file:///a%00b", "FILE:///A", "file:///C:/x", "file://LOCALHOST/a"];
    const paths = ["/a/b", "a/b", "", ".", "..", "/a b", "/a#b", "/a?b", "/a%b", "/€", "😀", "/\ud800", "/a/../b", "/a/", "//a", "///a", "//a/../b", "/a//b", "/a\\b", "/a\nb", "~", "/a:b", "/a[b]{c}|^`'\"<>", 5, null, undefined, true];
    const inputs: unknown[] = [
      ...urls.map((u) => ["toPath", u]),
      ...urls.filter((u) => URL.canParse(u)).map((u) => ["toPathURL", u]),
      ["toPath", 5], ["toPath", null], ["toPath", undefined], ["toPath", { href: "file:///a" }],
      ...paths.map((p) => ["toURL", p]),
      ["toURL", ["$symbol", "s"]],
    ];
    await expectSame(inputs);
  });

  it("fast-check: pathToFileURL and back for arbitrary absolute paths", async () => {
    const segment = fc.string({ unit: fc.oneof(fc.constantFrom(..."abc%#?[]^{}|~ \\\"'`<>:;=@&$!+,.-_"), fc.constantFrom("é", "€", "😀", "\u0001", "\u007f")), minLength: 1, maxLength: 6 });
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join("/")}`);
    const samples = fc.sample(path, { numRuns: 300, seed: 8 });
    await expectSame([...samples.map((p) => ["toURL", p]), ...samples.map((p) => ["toPath", `file://${encodeURI(p)}`])]);
  });
});
