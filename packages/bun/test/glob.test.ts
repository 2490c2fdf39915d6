// Bun.Glob on Node: match() semantics, and scan()/scanSync() over real temp
// trees with dotfiles, nested directories, symlinks (to files, directories,
// nowhere, themselves and their ancestors), plus laws checked with fast-check.
import { listDirectory, type DirectoryListing } from "@dx-compat/native";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { afterAll, describe, expect, it } from "vitest";
import { Glob } from "../src/glob.ts";

const root = mkdtempSync(join(tmpdir(), "dx-glob-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function makeTree(name: string, files: string[], links: [string, string][] = []): string {
  const base = join(root, name);
  for (const file of files) {
    const path = join(base, file);
    if (file.endsWith("/")) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, "");
    }
  }
  for (const [at, target] of links) symlinkSync(target, join(base, at));
  return base;
}

const sorted = (paths: Iterable<string>): string[] => [...paths].sort();

describe("Glob.match", () => {
  it("`*` stays within one path segment, `**` crosses them", () => {
    expect(new Glob("*.ts").match("index.ts")).toBe(true);
    expect(new Glob("*.ts").match("src/index.ts")).toBe(false);
    expect(new Glob("**/*.ts").match("src/a/b/index.ts")).toBe(true);
    expect(new Glob("**/*.ts").match("index.ts")).toBe(true);
    expect(new Glob("src/**/x").match("src/x")).toBe(true);
    expect(new Glob("a/**").match("a")).toBe(false);
    expect(new Glob("**").match("")).toBe(true);
  });

  it("has no matchBase: a pattern without a slash never matches a deeper path", () => {
    expect(new Glob("*.js").match("lib/a.js")).toBe(false);
    expect(new Glob("a.js").match("lib/a.js")).toBe(false);
  });

  it("matches dotfiles: match() has no dot rule", () => {
    expect(new Glob("*").match(".env")).toBe(true);
    expect(new Glob("**/*.ts").match(".hidden/x.ts")).toBe(true);
  });

  it("reads `?`, classes, ranges and negated classes per character, also outside ASCII", () => {
    expect(new Glob("?.md").match("é.md")).toBe(true);
    expect(new Glob("?.md").match("ab.md")).toBe(false);
    expect(new Glob("[a-c]x").match("bx")).toBe(true);
    expect(new Glob("[!a-c]x").match("bx")).toBe(false);
    expect(new Glob("[^a-c]x").match("dx")).toBe(true);
    expect(new Glob("[😀-😂]").match("😁")).toBe(true);
    expect(new Glob("[]]").match("]")).toBe(true);
  });

  it("expands braces, nested and empty branches included", () => {
    const glob = new Glob("a{b,c{d,e},}f");
    expect(["abf", "acdf", "acef", "af"].map((p) => glob.match(p))).toEqual([true, true, true, true]);
    expect(glob.match("acf")).toBe(false);
    expect(new Glob("*.{ts,tsx}").match("x.tsx")).toBe(true);
  });

  it("negates with leading `!`s; an odd number negates", () => {
    expect(new Glob("!*.ts").match("a.ts")).toBe(false);
    expect(new Glob("!*.ts").match("a.js")).toBe(true);
    expect(new Glob("!!*.ts").match("a.ts")).toBe(true);
    expect(new Glob("a!b").match("a!b")).toBe(true);
  });

  it("escapes with a backslash; \\n, \\t, \\r and \\b are control characters", () => {
    expect(new Glob("\\*").match("*")).toBe(true);
    expect(new Glob("\\*").match("a")).toBe(false);
    expect(new Glob("a\\{b,c}").match("a{b,c}")).toBe(true);
    expect(new Glob("\\n").match("\n")).toBe(true);
    expect(new Glob("\\b").match("\b")).toBe(true);
  });

  it("treats an unclosed `[` or `{` and a trailing `\\` as themselves", () => {
    expect(new Glob("[").match("[")).toBe(true);
    expect(new Glob("{a,b").match("{a,b")).toBe(true);
    expect(new Glob("{a,b").match("a")).toBe(false);
    expect(new Glob("\\").match("\\")).toBe(true);
  });

  it("matches lone surrogates as U+FFFD, as UTF-8 conversion makes them", () => {
    expect(new Glob("\uFFFD").match("\uD800")).toBe(true);
    expect(new Glob("?").match("\uDC00")).toBe(true);
  });

  it("matches long and non-ASCII paths of any length", () => {
    const deep = `${"segment/".repeat(500)}é-file.ts`;
    expect(new Glob("**/*.ts").match(deep)).toBe(true);
    expect(new Glob("**/*.js").match(deep)).toBe(false);
    expect(new Glob(`${"segment/".repeat(500)}?-file.ts`).match(deep)).toBe(true);
  });

  it("stays polynomial on sequential groups of wildcards", () => {
    const group = "{*,?*,*?,[a-z]*,*[a-z]}";
    const glob = new Glob(`{${group.repeat(4)}q,abc}`);
    expect(glob.match("abc")).toBe(true);
    expect(glob.match("abcdefghij")).toBe(false);
  });

  it("accepts String objects and rejects other values as Bun does", () => {
    expect(new Glob(new String("a*") as unknown as string).match(new String("ab") as unknown as string)).toBe(true);
    expect(() => new Glob(5 as unknown as string)).toThrow(expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "pattern must be a string" }));
    expect(() => new Glob("a").match(undefined as unknown as string)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE", message: "str must be a string" }));
    expect(() => (Glob as unknown as (p: string) => unknown)("a")).toThrow(expect.objectContaining({ code: "ERR_ILLEGAL_CONSTRUCTOR" }));
    expect(() => Glob.prototype.match.call({}, "a")).toThrow(expect.objectContaining({ code: "ERR_INVALID_THIS" }));
  });
});

describe("Glob.scan / scanSync", () => {
  const tree = makeTree(
    "main",
    ["a.ts", "b.js", ".env", ".config/x.ts", "src/index.ts", "src/util.ts", "src/readme.md", "src/.secret.ts", "src/deep/deeper/leaf.ts", "empty/", "lib/lib.ts"],
    [
      ["link-lib", "lib"],
      ["link-a.ts", "a.ts"],
      ["broken", "nowhere"],
      ["self", "self"],
      ["src/up", ".."],
    ],
  );

  it("finds files only by default, hides dotfiles, and does not follow symlinked directories", () => {
    expect(sorted(new Glob("**/*.ts").scanSync(tree))).toEqual(["a.ts", "lib/lib.ts", "src/deep/deeper/leaf.ts", "src/index.ts", "src/util.ts"]);
  });

  it("lists symlinks as entries only with onlyFiles: false, and a followed link to a file as a file", () => {
    expect(sorted(new Glob("*.ts").scanSync(tree))).toEqual(["a.ts"]);
    expect(sorted(new Glob("*.ts").scanSync({ cwd: tree, followSymlinks: true }))).toEqual(["a.ts", "link-a.ts"]);
    expect(sorted(new Glob("*").scanSync({ cwd: tree, onlyFiles: false }))).toEqual(["a.ts", "b.js", "broken", "empty", "lib", "link-a.ts", "link-lib", "self", "src"]);
  });

  it("matches dotfiles with dot: true, or with a pattern segment that starts with `.`", () => {
    expect(sorted(new Glob("**/*.ts").scanSync({ cwd: tree, dot: true }))).toContain(".config/x.ts");
    expect(sorted(new Glob("**/*.ts").scanSync({ cwd: tree, dot: true }))).toContain("src/.secret.ts");
    expect(sorted(new Glob(".*").scanSync(tree))).toEqual([".env"]);
    expect(sorted(new Glob(".config/*").scanSync(tree))).toEqual([".config/x.ts"]);
  });

  it("follows symlinked directories with followSymlinks, once per cycle", () => {
    const followed = sorted(new Glob("**/*.ts").scanSync({ cwd: tree, followSymlinks: true }));
    expect(followed).toContain("link-lib/lib.ts");
    // src/up -> .. is entered once; the link to ".." found inside it is not entered again.
    expect(followed).toContain("src/up/a.ts");
    expect(followed).toContain("src/up/src/index.ts");
    expect(followed.some((path) => path.startsWith("src/up/src/up/"))).toBe(false);
  });

  it("follows a symlink the pattern names literally even without followSymlinks", () => {
    expect(sorted(new Glob("link-lib/*.ts").scanSync(tree))).toEqual(["link-lib/lib.ts"]);
    expect(sorted(new Glob("l*/*.ts").scanSync(tree))).toEqual(["lib/lib.ts"]);
  });

  it("lists broken symlinks only with onlyFiles: false, and throws for them with throwErrorOnBrokenSymlink", () => {
    expect(sorted(new Glob("b*").scanSync({ cwd: tree, onlyFiles: false }))).toEqual(["b.js", "broken"]);
    expect(() => [...new Glob("b*").scanSync({ cwd: tree, followSymlinks: true, throwErrorOnBrokenSymlink: true })]).toThrow(
      expect.objectContaining({ code: "ENOENT", syscall: "open", path: "broken", errno: -2, message: "ENOENT: no such file or directory, open 'broken'" }),
    );
    expect(() => [...new Glob("s*").scanSync({ cwd: tree, followSymlinks: true, throwErrorOnBrokenSymlink: true })]).toThrow(expect.objectContaining({ code: "ELOOP", path: "self" }));
  });

  it("matches directories with onlyFiles: false, and only directories with a trailing slash", () => {
    expect(sorted(new Glob("*/").scanSync({ cwd: tree, onlyFiles: false }))).toEqual(["empty", "lib", "src"]);
    expect(sorted(new Glob("src/**").scanSync({ cwd: tree, onlyFiles: false }))).toEqual(["src/deep", "src/deep/deeper", "src/deep/deeper/leaf.ts", "src/index.ts", "src/readme.md", "src/up", "src/util.ts"]);
  });

  it("returns absolute paths with absolute: true, and keeps ./ and ../ as written otherwise", () => {
    expect([...new Glob("src/*.md").scanSync({ cwd: tree, absolute: true })]).toEqual([join(tree, "src/readme.md")]);
    expect([...new Glob("./*.js").scanSync(tree)]).toEqual(["./b.js"]);
    expect([...new Glob("../*.js").scanSync(join(tree, "src"))]).toEqual(["../b.js"]);
  });

  it("starts an absolute pattern at its literal directory, ignoring cwd", () => {
    expect([...new Glob(`${tree}/src/*.md`).scanSync("/nonexistent")]).toEqual([`${tree}/src/readme.md`]);
  });

  it("walks depth first: a directory's matches in listing order, then its subdirectories, the last listed first", () => {
    const ordered = makeTree("order", ["a/x", "b/x", "c/x", "top"]);
    // The listing's order is the file system's (never sorted); subdirectories are a stack.
    const listing = listDirectory(ordered) as DirectoryListing;
    const below = listing.names.filter((name) => name !== "top").toReversed().map((name) => `${name}/x`);
    expect([...new Glob("**").scanSync(ordered)]).toEqual(["top", ...below]);
    expect([...new Glob("**").scanSync({ cwd: ordered, onlyFiles: false })]).toEqual([...listing.names, ...below]);
  });

  it("scan() yields what scanSync() returns, through an async generator", async () => {
    const glob = new Glob("**/*");
    const iterator = glob.scan({ cwd: tree, followSymlinks: true, onlyFiles: false });
    expect(Object.prototype.toString.call(iterator)).toBe("[object AsyncGenerator]");
    expect(await Array.fromAsync(iterator)).toEqual([...glob.scanSync({ cwd: tree, followSymlinks: true, onlyFiles: false })]);
  });

  it("uses the process cwd when none is given, read when the scan starts", () => {
    const before = process.cwd();
    process.chdir(join(tree, "src"));
    try {
      expect(sorted(new Glob("*.ts").scanSync())).toEqual(["index.ts", "util.ts"]);
    } finally {
      process.chdir(before);
    }
  });

  it("throws Bun's errors: bad cwd at scanSync(), and from scan()'s first next()", async () => {
    expect(() => new Glob("*").scanSync(join(tree, "missing"))).toThrow(expect.objectContaining({ code: "ENOENT", syscall: "open", path: join(tree, "missing") }));
    expect(() => new Glob("*").scanSync(join(tree, "a.ts"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
    const iterator = new Glob("*").scan(join(tree, "missing"));
    await expect(iterator.next()).rejects.toMatchObject({ code: "ENOENT" });
    expect(() => new Glob("*").scan(5 as never)).toThrow(expect.objectContaining({ message: "GlobScanOptions must be an object" }));
    expect(() => new Glob("*").scanSync({ cwd: 5 as never })).toThrow(expect.objectContaining({ message: "GlobScanOptions.cwd must be a string" }));
    expect(() => new Glob("*").scanSync({ cwd: "x".repeat(5000) })).toThrow("scanSync: invalid `cwd`, longer than 4096 bytes");
    // An empty pattern matches nothing and opens nothing.
    expect([...new Glob("").scanSync("/nonexistent")]).toEqual([]);
  });
});

describe("laws", () => {
  const special = new Set(["*", "?", "[", "]", "{", "}", ",", "!", "\\"]);
  const escape = (text: string): string => [...text].map((c) => (special.has(c) ? `\\${c}` : c)).join("");
  const text = fc.string({ unit: fc.constantFrom("a", "b", "/", ".", "*", "?", "[", "]", "{", "}", ",", "!", "\\", "é", "😀"), maxLength: 12 });

  it("an escaped literal pattern matches exactly itself", () => {
    fc.assert(
      fc.property(text, text, (literal, other) => {
        const glob = new Glob(escape(literal));
        expect(glob.match(literal)).toBe(true);
        if (other !== literal) expect(glob.match(other)).toBe(false);
      }),
    );
  });

  it("a leading `!` negates the rest of the pattern", () => {
    const pattern = fc.string({ unit: fc.constantFrom("a", "b", "/", "*", "**", "?", "[a]", "{a,b}", "."), maxLength: 8 }).filter((p) => !p.startsWith("!"));
    fc.assert(
      fc.property(pattern, text, (p, path) => {
        expect(new Glob(`!${p}`).match(path)).toBe(!new Glob(p).match(path));
      }),
    );
  });

  const names = ["a", "b", "ab", "a.ts", ".h", "x y"];
  const lawTree = makeTree(
    "laws",
    names.flatMap((n) => [n === "a" ? "a/" : n, `a/${n === "a" ? "a/" : n}`, `ab/.h/${n}`]).filter((p) => p !== "ab"),
    [["a/link", ".."]],
  );
  const segment = fc.constantFrom("*", "**", "a", "ab", "*.ts", "?", "[ab]", "{a,b}", ".*", "a*");
  const pattern = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
  const options = fc.record({ dot: fc.boolean(), followSymlinks: fc.boolean(), onlyFiles: fc.boolean() });

  it("scan() and scanSync() yield the same paths in the same order, without duplicates", async () => {
    await fc.assert(
      fc.asyncProperty(pattern, options, async (p, o) => {
        const glob = new Glob(p);
        const sync = [...glob.scanSync({ cwd: lawTree, ...o })];
        expect(await Array.fromAsync(glob.scan({ cwd: lawTree, ...o }))).toEqual(sync);
        expect(new Set(sync).size).toBe(sync.length);
      }),
      { numRuns: 60 },
    );
  });

  it("every path a relative scan finds is one match() accepts", () => {
    fc.assert(
      fc.property(pattern, options, (p, o) => {
        const glob = new Glob(p);
        for (const path of glob.scanSync({ cwd: lawTree, ...o })) expect(glob.match(path)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
