// Bun.Glob under real Bun and under Node + dx-compat: match() over a large
// pattern × path table and random patterns, scan()/scanSync() over real trees
// for every option combination, errors and the shape of the class.
//
// Order: Bun yields each directory's entries in the file system's raw order
// (getdents), and so does dx-compat (@dx-compat/native's listDirectory, addon
// or twin): the sequences must be identical. The trees live in the temp
// directory, on ext4 here, whose raw order is hash order, not name order.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// ---------------------------------------------------------------- trees

type Node = { kind: "file" } | { kind: "dir"; children: Record<string, Node> } | { kind: "link"; target: string } | { kind: "fifo" };

/** Creates `tree` under `dir`, each directory's entries in descending byte order (not the order any file system lists them in). */
function materialise(dir: string, tree: Record<string, Node>): void {
  const names = Object.keys(tree).sort((a, b) => Buffer.compare(Buffer.from(b), Buffer.from(a)));
  for (const name of names) {
    const node = tree[name] as Node;
    const path = join(dir, name);
    if (node.kind === "file") writeFileSync(path, "");
    else if (node.kind === "link") symlinkSync(node.target, path);
    else if (node.kind === "fifo") execFileSync("mkfifo", [path]);
    else mkdirSync(path);
  }
  for (const name of names) {
    const node = tree[name] as Node;
    if (node.kind === "dir") materialise(join(dir, name), node.children);
  }
}

const roots: string[] = [];

/** A fresh directory for a tree. */
function newRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "dx-compat-glob-"));
  roots.push(root);
  return root;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const file = { kind: "file" } as const;
const dir = (children: Record<string, Node>): Node => ({ kind: "dir", children });
const link = (target: string): Node => ({ kind: "link", target });

/** Dotfiles, nested directories, symlinks to files and directories, broken and looping links, a FIFO, odd names. */
const fixedTree: Record<string, Node> = {
  "a.ts": file,
  "b.js": file,
  ".hidden.ts": file,
  ".git": dir({ "config": file, "x.ts": file }),
  "src": dir({
    "index.ts": file,
    "util.ts": file,
    "readme.md": file,
    ".env": file,
    "deep": dir({ "deeper": dir({ "leaf.ts": file, "leaf.js": file }), "mid.ts": file }),
    "link-up": link(".."),
    "x.d.ts": file,
  }),
  "lib": dir({ "lib.ts": file, "sub": dir({ "s.ts": file }) }),
  "link-lib": link("lib"),
  "link-file.ts": link("a.ts"),
  "broken": link("nowhere"),
  "broken-dir": link("nowhere/"),
  "loop": link("loop"),
  "fifo": { kind: "fifo" },
  "é.ts": file,
  "a b": dir({ "c,d.ts": file, "[x].ts": file, "{y}.ts": file }),
  "pkg": dir({ "package.json": file, "node_modules": dir({ "dep": dir({ "package.json": file, "i.js": file }) }) }),
};

// ---------------------------------------------------------------- match

const matchModule = `
export default ([pattern, path]) => new Bun.Glob(pattern).match(path);
`;

const patterns = [
  "", "*", "**", "?", "a", "abc", "*c", "a*", "*a*", "a*b*c", "a*b?c*x", "a/*/b", "a/**/b", "a/**", "**/a", "**/*", "*/**",
  "**/*.js", "**/**/*.js", "src/**/*.ts", "src/*/*.ts", "/**/*a", "**/*/**", "a**/**", "a*/**", "**a", "a**", "**/", "*/", "a/", "/a", "//a", "a//b",
  "[abc]", "[a-c]", "[a-cx]", "[!a]", "[^a]", "[!ab]c", "[]]", "[!]]", "[]-a]", "[\\]]", "[\\\\]", "[a-]", "[-a]", "[x-a]", "[", "[a", "a[", "[*]", "[?]", "[/]", "[!/]", "x[abc]x",
  "{a,b}", "{a,b}c", "a{b,c{d,e}}f", "{a,{b,c}}", "{a,b{}}", "{,a}", "{a,}", "{}", "{a}", "{", "{a,b", "a}", "a,b", "}", "{**}", "a{**}", "{**,x}", "{x,**}", "{**/a,b}", "x{**/a,b}",
  "{a,b}/**/c", "**/{a,b}/**", "*.{ts,tsx}", "test.{j*g,p*g}", "{[,],a}", "{a,b}{c,d}", "{a,b}*{a,b}", "*{.b[,*}", "a/{b,c[}]*}",
  "!a", "!!a", "!*.ts", "!**/a", "!", "!!", "a!b", "\\!a",
  "\\*", "\\**", "a\\*b", "\\a", "\\b", "\\n", "\\t", "\\r", "\\", "a\\", "\\\\", "a\\\\b", "\\{a,b}", "a\\/b", "[\\!]",
  ".*", "*.*", ".a", "*/.a", "**/.git/**", "é", "?é", "[é]", "[^é]", "😀", "?", "??", "[😀-😂]", "*é*", "caf*noir", "F[ë£a]",
  "\uD800", "\uFFFD", "a\u0000b", "**/*/", "a/**/", "./a", "../a", "a/./b", "a/../b",
];
const paths = [
  "", "a", "b", "c", "ab", "abc", "abd", "acdf", "abf", "x/y", "a/b", "a/x/b", "a/x/y/b", "a/", "/a", "//a", "a//b", "a/b/c", "b/a", "x/a", "x/y/a",
  "src/a.ts", "src/x/y.ts", "src/x.js", "a.js", "b.c/c.js", "test.jpg", "test.png", "test.jnt", "index.ts", "index.tsx", "c.d/x.tsx",
  "*", "**", "\\*", "!", "!a", "a!b", "{a,b}", "{a", "a}", "a,b", ",", "[", "]", "-", "^", "/", ".", "..", ".a", ".git/x", "x/.a", "a/.b/c",
  "\\", "a\\b", "a*b", "axb", "\b", "\n", "\t", "é", "e\u0301", "😀", "😁", "\uD800", "\uFFFD", "a\u0000b", "café noir", "Fë", "F£", "Fa",
  "./a", "../a", "a/./b", "a/../b", "bdir/", "Beware",
  `${"a/".repeat(300)}b.ts`, `${"é/".repeat(200)}x.js`,
];

describe("Glob.match against real Bun", () => {
  it(`agrees on a ${patterns.length} × ${paths.length} table of patterns and paths`, async () => {
    const cases = patterns.flatMap((pattern) => paths.map((path) => [pattern, path]));
    const { mismatches, bun } = await compareBatch(matchModule, cases);
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("agrees on random patterns and paths over glob syntax characters", async () => {
    const syntax = fc.constantFrom("a", "b", "/", "*", "**", "?", "[", "]", "{", "}", ",", "!", "\\", "-", "^", ".", "é", "[a-b]", "[!a]", "{a,b}", "**/", "/**");
    const pattern = fc.array(syntax, { maxLength: 10 }).map((parts) => parts.join(""));
    const path = fc.array(fc.constantFrom("a", "b", "/", ".", ",", "{", "}", "[", "]", "*", "é", "\\", "!"), { maxLength: 8 }).map((parts) => parts.join(""));
    const cases = fc.sample(fc.tuple(pattern, path), { numRuns: 6000, seed: 20_260_521 });
    const { mismatches } = await compareBatch(matchModule, cases);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

// ---------------------------------------------------------------- scan

const scanModule = `
import { relative } from "node:path";
export default async ({ root, pattern, options, cwd, mode }) => {
  const opts = { ...options };
  if (cwd === "relative") opts.cwd = relative(process.cwd(), root) || ".";
  else if (cwd !== undefined) opts.cwd = cwd.replace("$ROOT", root);
  else opts.cwd = root;
  try {
    const glob = new Bun.Glob(pattern.replace("$ROOT", root));
    const paths = mode === "sync" ? [...glob.scanSync(opts)] : await Array.fromAsync(glob.scan(opts));
    return paths.map((p) => p.split(root).join("$ROOT"));
  } catch (error) {
    return { name: error.name, message: String(error.message).split(root).join("$ROOT"), code: error.code, errno: error.errno, syscall: error.syscall, path: typeof error.path === "string" ? error.path.split(root).join("$ROOT") : error.path, keys: Object.keys(error) };
  }
};
`;

const optionNames = ["dot", "absolute", "followSymlinks", "throwErrorOnBrokenSymlink", "onlyFiles"] as const;

function allOptionCombos(): Record<string, boolean>[] {
  const combos: Record<string, boolean>[] = [];
  for (let bits = 0; bits < 1 << optionNames.length; bits++) {
    combos.push(Object.fromEntries(optionNames.map((name, i) => [name, (bits & (1 << i)) !== 0])));
  }
  return combos;
}

const scanPatterns = [
  "*", "**", "**/*", "**/*.ts", "*.ts", "src/**/*.ts", "src/*", "**/package.json", "pkg/**/package.json", "*/", "**/", "src/**", "**/deep/**",
  "link-lib/*", "l*/*", "**/*.{ts,js}", ".*", "**/.git/**", "{src,lib}/**/*.ts", "./src/*", "src/../*.ts", "a b/*", "!*.ts", "é.ts", "broken", "loop", "a.ts",
  "$ROOT/src/*.ts", "$ROOT/**/leaf.*", "$ROOT/a.ts", "$ROOT/src/deep/", "src/link-up/*.ts",
];

describe("Glob.scan / scanSync against real Bun", () => {
  let root = "";
  beforeAll(() => {
    root = newRoot();
    materialise(root, fixedTree);
  });

  it("agrees for every option combination (32) on a tree with dotfiles, symlinks, broken links, loops and a FIFO", async () => {
    const cases = allOptionCombos().flatMap((options, i) =>
      scanPatterns.map((pattern, j) => ({ root, pattern, options, mode: (i + j) % 2 === 0 ? "sync" : "async" })),
    );
    const { mismatches, bun } = await compareBatch(scanModule, cases, { timeoutMs: 60_000 });
    expect(bun).toHaveLength(cases.length);
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it("agrees on cwd forms, absolute patterns and errors", async () => {
    // Patterns stay inside the tree: "../*" only from a subdirectory, nothing from the process cwd but errors.
    const within = ["*", "**/*.ts", "./**", "a.ts", "src/index.ts", "$ROOT/lib/*", "$ROOT/nope/*", "$ROOT/loop/*", "$ROOT/a.ts/*", "$ROOT/loop", "$ROOT/src/deep/**", ""];
    const forms: [string | undefined, string[]][] = [
      [undefined, within],
      ["relative", within],
      ["$ROOT/", within],
      ["$ROOT//src/..", within],
      ["$ROOT/src", [...within, "../*", "../lib/**", "./../src/*"]],
      ["$ROOT/nope", within],
      ["$ROOT/a.ts", within],
      ["$ROOT/loop", within],
      ["$ROOT/broken", within],
      ["$ROOT/a.ts/x", within],
      ["", ["zz-none", "$ROOT/lib/*", ""]],
    ];
    const cases = forms.flatMap(([cwd, patternsHere]) =>
      patternsHere.flatMap((pattern) =>
        [{}, { absolute: true }, { followSymlinks: true, throwErrorOnBrokenSymlink: true }].map((options) => ({ root, pattern, options, cwd, mode: "sync" })),
      ),
    );
    // The same through the async iterator: errors surface on the first next().
    const asyncCases = cases.filter((_, i) => i % 3 === 0).map((c) => ({ ...c, mode: "async" }));
    const { mismatches } = await compareBatch(scanModule, [...cases, ...asyncCases], { timeoutMs: 60_000 });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it("agrees on random trees and random patterns", async () => {
    const name = fc.constantFrom("a", "b", "ab", "a.ts", "b.js", ".h", ".d.ts", "x y", "{c}", "[d]", "e,f", "é");
    const node: fc.Arbitrary<Record<string, Node>> = fc.letrec<{ tree: Record<string, Node>; node: Node }>((tie) => ({
      tree: fc.dictionary(name, tie("node"), { maxKeys: 4 }),
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant(file),
        fc.constant(file),
        tie("tree").map((children) => dir(children)),
        fc.constantFrom("a.ts", "..", "nowhere", "a", "b").map((target) => link(target)),
      ),
    })).tree;
    const component = fc.constantFrom("*", "**", "a", "b", "ab", "*.ts", "?", "[ab]", "{a,b}", ".*", ".h", "a*", "*/", "\\{c}", ".", "é");
    const pattern = fc.array(component, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
    const options = fc.record({ dot: fc.boolean(), absolute: fc.boolean(), followSymlinks: fc.boolean(), throwErrorOnBrokenSymlink: fc.boolean(), onlyFiles: fc.boolean() });
    const trees = fc.sample(node, { numRuns: 6, seed: 4242 });
    const cases = trees.flatMap((tree, t) => {
      const outer = newRoot();
      // One level down, so that a link to ".." stays inside the scratch directory.
      materialise(outer, { t: dir(tree) });
      const treeRoot = join(outer, "t");
      return fc.sample(fc.tuple(pattern, options, fc.boolean()), { numRuns: 80, seed: 77 + t }).map(([p, o, sync]) => ({
        root: treeRoot,
        pattern: p,
        options: o,
        mode: sync ? "sync" : "async",
      }));
    });
    const { mismatches } = await compareBatch(scanModule, cases, { timeoutMs: 60_000 });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});

// ---------------------------------------------------------------- arguments and shape

const argumentModule = `
const describe = (error) => ({ name: error.name, message: error.message, code: error.code, keys: Object.keys(error) });
const values = { number: 5, boolean: true, symbol: Symbol("s"), bigint: 5n, null: null, undefined: undefined, array: ["x"], object: {}, string: new String("x"), fn: () => 1 };
export default async ({ target, value, key }) => {
  const v = values[value];
  try {
    switch (target) {
      case "constructor": return new Bun.Glob(v).match("x");
      case "call": return Bun.Glob("x");
      case "match": return new Bun.Glob("x").match(v);
      case "matchThis": return Bun.Glob.prototype.match.call(v, "x");
      case "scanThis": return Bun.Glob.prototype.scanSync.call(v);
      case "scanSync": return [...new Bun.Glob("zz-none").scanSync(v)];
      case "scan": { const it = new Bun.Glob("zz-none").scan(v); return await Array.fromAsync(it); }
      case "cwd": return [...new Bun.Glob("zz-none").scanSync({ cwd: v })];
      case "flag": { const opts = { [key]: v, cwd: "." }; return [...new Bun.Glob("*.mjs").scanSync(opts)].length > 0; }
      case "cwdText": return [...new Bun.Glob("zz-none").scanSync({ cwd: key })];
      case "order": { const seen = []; const opts = new Proxy({}, { get(_, k) { seen.push(String(k)); return undefined; } }); [...new Bun.Glob("zz-none").scanSync(opts)]; return seen; }
    }
  } catch (error) { return describe(error); }
};
`;

describe("Glob arguments and shape against real Bun", () => {
  it("validates arguments, options and this the same way", async () => {
    const values = ["number", "boolean", "symbol", "bigint", "null", "undefined", "array", "object", "string", "fn"];
    const cases = [
      ...["constructor", "match", "matchThis", "scanThis", "scanSync", "scan", "cwd"].flatMap((target) => values.map((value) => ({ target, value }))),
      { target: "call", value: "undefined" },
      ...optionNames.flatMap((key) => ["number", "boolean", "null", "undefined", "object", "string", "bigint", "symbol"].map((value) => ({ target: "flag", key, value }))),
      ...["a\u0000b", "x".repeat(4097), "x".repeat(4096), "", "."].map((key) => ({ target: "cwdText", key, value: "undefined" })),
      { target: "order", value: "undefined" },
    ];
    const { mismatches } = await compareBatch(argumentModule, cases);
    expect(mismatches).toEqual([]);
  });

  it("has the same class shape: prototype properties, tags, iterator kinds", async () => {
    const { mismatches } = await compareBatch(
      `export default () => {
        const P = Bun.Glob.prototype;
        const props = Reflect.ownKeys(P).map((k) => { const d = Object.getOwnPropertyDescriptor(P, k); return [String(k), typeof d.value, d.value?.name, d.value?.length, d.writable, d.enumerable, d.configurable]; });
        const g = new Bun.Glob("*");
        return [Bun.Glob.name, Bun.Glob.length, Object.getOwnPropertyDescriptor(Bun.Glob, "prototype").writable, props, String(g), Object.keys(g),
          Object.prototype.toString.call(g.scanSync("/")), Object.prototype.toString.call(g.scan("/")), typeof g.scan("/")[Symbol.asyncIterator],
          new (class extends Bun.Glob {})("*.md").match("a.md")];
      };`,
      [0],
    );
    expect(mismatches).toEqual([]);
  });

  it("iterates like Bun's generators: queued next(), errors once, break, return(), throw()", async () => {
    const { mismatches } = await compareBatch(
      `const settle = (p) => p.then((v) => ["ok", v], (e) => ["error", e.code ?? e.message]);
      export default async (scenario) => {
        const glob = new Bun.Glob("*.mjs");
        switch (scenario) {
          case "queued": { const it = glob.scan("."); return Promise.all([it.next(), it.next(), it.next()].map(settle)); }
          case "error": { const it = glob.scan("/nonexistent-dx"); return Promise.all([it.next(), it.next()].map(settle)); }
          case "break": { const it = glob.scan("."); for await (const _ of it) break; return settle(it.next()); }
          case "return": { const it = glob.scan("."); return [await settle(it.return(5)), await settle(it.next())]; }
          case "throw": { const it = glob.scan("."); return [await settle(it.throw(new Error("boom"))), await settle(it.next())]; }
          case "sync": { const it = glob.scanSync("."); return [it.next(), it.next(), it.return(7), it.next()]; }
        }
      };`,
      ["queued", "error", "break", "return", "throw", "sync"],
    );
    expect(mismatches).toEqual([]);
  });
});
