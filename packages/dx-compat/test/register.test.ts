// `node --import dx-compat/register` against real Bun: the same program under
// both, the same output. Each case is one small program; both runtimes run it
// concurrently.
import { differential, runBoth, runNode, writeFiles } from "@dx-compat/oracle";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("bun, bun:sqlite and bun:ffi specifiers", () => {
  it("resolve through static import, dynamic import() and require()", async () => {
    const dir = writeFiles({
      "main.mjs": `
        import * as bun from "bun";
        import Bun2, { sleep } from "bun";
        import { Database } from "bun:sqlite";
        import * as sqlite from "bun:sqlite";
        import { dlopen, FFIType } from "bun:ffi";
        import { createRequire } from "node:module";
        const require = createRequire(import.meta.url);
        const dynamicBun = await import("bun");
        const dynamicSqlite = await import("bun:sqlite");
        const dynamicFfi = await import("bun:ffi");
        const cjs = require("./cjs.cjs");
        console.log(JSON.stringify({
          defaultIsGlobal: Bun2 === globalThis.Bun,
          sleep: typeof sleep,
          bunNamespaceSleep: typeof bun.sleep,
          database: typeof Database,
          sqliteDefault: typeof sqlite.default,
          dlopen: typeof dlopen,
          ffiType: typeof FFIType,
          dynamic: [typeof dynamicBun.sleep, typeof dynamicSqlite.Database, typeof dynamicFfi.dlopen],
          cjs,
        }));
      `,
      "cjs.cjs": `
        const bun = require("bun");
        const sqlite = require("bun:sqlite");
        const ffi = require("bun:ffi");
        module.exports = {
          requireBunIsGlobal: bun === globalThis.Bun,
          requireSleep: typeof bun.sleep,
          requireDatabase: typeof sqlite.Database,
          requireDlopen: typeof ffi.dlopen,
        };
      `,
    });
    const { bun, node } = await runBoth(join(dir, "main.mjs"), { cwd: dir });
    expect(bun.code).toBe(0);
    expect(node.stderr).toBe("");
    expect(node).toEqual(bun);
  });

  it("link every name real Bun's modules export", async () => {
    const keys = await differential(`
      const names = {};
      for (const m of ["bun", "bun:sqlite", "bun:ffi"]) names[m] = Object.keys(await import(m));
      console.log(JSON.stringify(names));
    `);
    const bunNames = JSON.parse(keys.bun.stdout) as Record<string, string[]>;
    const importable = (n: string): boolean => /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default";
    const program = Object.entries(bunNames)
      .map(([m, ns], mi) => `import { ${ns.filter(importable).map((n, i) => `${n} as m${mi}_${i}`).join(", ")} } from "${m}";`)
      .join("\n");
    const { bun, node } = await differential(`${program}\nconsole.log("linked");\n`);
    expect(bun.stdout).toBe("linked\n");
    expect(node).toEqual(bun);
  });
});

describe("import.meta", () => {
  it("has Bun's dir, dirname, file, filename, path, main and url, in the entry and in imports", async () => {
    const meta = `({ dir: import.meta.dir, dirname: import.meta.dirname, file: import.meta.file, filename: import.meta.filename, path: import.meta.path, main: import.meta.main, url: import.meta.url })`;
    const dir = writeFiles({
      "app.mjs": `import { lib } from "./sub/lib.mjs";\nimport { tsLib } from "./sub/ts-lib.ts";\nconsole.log(JSON.stringify({ entry: ${meta}, lib, tsLib }));`,
      "sub/lib.mjs": `export const lib = ${meta};`,
      "sub/ts-lib.ts": `const typed: string = "x";\nexport const tsLib = { ...${meta}, typed };`,
    });
    const { bun, node } = await runBoth(join(dir, "app.mjs"), { cwd: dir });
    expect(bun.code).toBe(0);
    expect(JSON.parse(bun.stdout).entry.main).toBe(true);
    expect(node).toEqual(bun);
  });

  it("keeps line numbers: an error's line in a .mjs file is the source line", async () => {
    const { bun, node } = await differential(`const meta = import.meta.dir;\n\nconst line = Number(new Error().stack.split("\\n")[1].match(/:(\\d+):\\d+\\)?$/)[1]);\nconsole.log(line, typeof meta);\n`);
    expect(bun.stdout).toBe("3 string\n");
    expect(node).toEqual(bun);
  });
});

describe("Bun.argv and Bun.main", () => {
  it("have Bun's shape: [runtime, /abs/script, ...args]", async () => {
    const { bun, node, file } = await differential(
      `console.log(JSON.stringify({ rest: Bun.argv.slice(1), length: Bun.argv.length, same: Bun.argv === process.argv, main: Bun.main, isAbsolute: Bun.argv[0].startsWith("/") }));`,
      { args: ["one", "two words", "--flag"] },
    );
    expect(JSON.parse(bun.stdout).rest).toEqual([file, "one", "two words", "--flag"]);
    expect(node).toEqual(bun);
  });
});

describe("process.versions.bun", () => {
  it("stays undefined: dx-compat does not pretend to be Bun", async () => {
    const { bun, node } = await differential(`console.log(typeof process.versions.bun)`);
    expect(bun.stdout).toBe("string\n");
    expect(node.stdout).toBe("undefined\n");
  });
});

// Uncaught errors and rejections: exit codes as Bun's. (Bun's hang on a
// never-settling top-level await is deliberately not copied: Node exits 13.)
const exitCases: Record<string, string> = {
  "sync throw": `throw new Error("boom")`,
  "throw a non-error": `throw 5`,
  "throw with exitCode set": `process.exitCode = 3; throw new Error("x")`,
  "unhandled rejection": `Promise.reject(new Error("rejected"))`,
  "rejection with exitCode set": `process.exitCode = 3; Promise.reject(1)`,
  "handled rejection": `process.on("unhandledRejection", () => {}); Promise.reject(1); setTimeout(() => {}, 5)`,
  "rethrow from unhandledRejection": `setTimeout(() => {}, 10); process.on("unhandledRejection", (r) => { throw r }); Promise.reject(new Error("r"))`,
  "async function throws a string": `async function f() { throw "str" } f()`,
  "throw in a timer": `setTimeout(() => { throw new Error("late") }, 1)`,
  "throw in a microtask": `queueMicrotask(() => { throw null })`,
  "uncaughtException handler throws": `process.on("uncaughtException", () => { throw new Error("again") }); throw new Error("x")`,
  "throw in an exit handler": `process.on("exit", () => { throw new Error("in exit") })`,
  "exitCode": `process.exitCode = 9`,
  "process.exit": `process.exit(42)`,
  "throw in a .ts module": `await import("./thrower.ts")`,
};

describe("exit codes", () => {
  it.each(Object.entries(exitCases))("%s", async (_name, source) => {
    const dir = writeFiles({ "main.mjs": source, "thrower.ts": `const n: number = 1;\nthrow new TypeError("from ts " + n);\n` });
    const { bun, node } = await runBoth(join(dir, "main.mjs"), { cwd: dir });
    expect(node.code).toBe(bun.code);
    expect(node.signal).toBe(bun.signal);
  });
});

describe("JSON modules, as Bun imports them", () => {
  it("import without an attribute, with named exports per key; require gives its own copy", async () => {
    const dir = writeFiles({
      "data.json": JSON.stringify({ name: "x", version: "1.0.0", nested: { a: 1 }, "with-dash": 2, default: 3 }),
      "list.json": "[1, 2, 3]",
      "main.mjs": `
        import data from "./data.json";
        import { name, nested } from "./data.json";
        import * as ns from "./data.json";
        import list from "./list.json";
        import { createRequire } from "node:module";
        const dynamic = await import("./data.json");
        const required = createRequire(import.meta.url)("./data.json");
        console.log(JSON.stringify({ data, name, nested, keys: Object.keys(ns).sort(), same: ns.default === data, list, dynamic: Object.keys(dynamic).sort(), required: required === data }));
      `,
    });
    const { bun, node } = await runBoth(join(dir, "main.mjs"), { cwd: dir });
    expect(bun.code).toBe(0);
    expect(node).toEqual(bun);
  });

  it("keeps working with the attribute Node requires", async () => {
    const dir = writeFiles({ "d.json": `{ "v": 1 }`, "main.mjs": `import d from "./d.json" with { type: "json" };\nconsole.log(d.v);` });
    const { bun, node } = await runBoth(join(dir, "main.mjs"), { cwd: dir });
    expect(bun.stdout).toBe("1\n");
    expect(node).toEqual(bun);
  });

  it("fails on malformed JSON, with Bun's exit code", async () => {
    const dir = writeFiles({ "bad.json": "{ nope", "main.mjs": `import bad from "./bad.json"; console.log(bad);` });
    const { bun, node } = await runBoth(join(dir, "main.mjs"), { cwd: dir });
    expect(node.code).toBe(bun.code);
    expect(node.stdout).toBe("");
  });
});

describe("CommonJS's free variables in ES modules, as Bun provides them", () => {
  it("require, require.resolve, __dirname, __filename — unless the module declares its own", async () => {
    const dir = writeFiles({
      "lib.cjs": "module.exports = { v: 42 };",
      "main.mjs": `const lib = require("./lib.cjs");\nimport "./own.mjs";\nimport "./typed.ts";\nconsole.log(JSON.stringify({ dir: __dirname, file: __filename, v: lib.v, t: typeof require, r: require.resolve("./lib.cjs") }));\n`,
      "own.mjs": `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\nconst __dirname = "mine";\nconsole.log(require("./lib.cjs").v, __dirname);\n`,
      "typed.ts": `const fs: typeof import("node:fs") = require("node:fs");\nexport const x: number = 1;\nconsole.log(typeof fs.readFileSync, __filename.endsWith("typed.ts"));\n`,
    });
    const { bun, node } = await runBoth(join(dir, "main.mjs"), { cwd: dir });
    expect(bun.code).toBe(0);
    expect(node).toEqual(bun);
  });

  it("keeps line numbers in the stack traces of such modules", async () => {
    const { bun, node } = await differential(`const here = __dirname;\n\nconst line = Number(new Error().stack.split("\\n")[1].match(/:(\\d+):\\d+\\)?$/)[1]);\nconsole.log(line, typeof here);\n`);
    expect(bun.stdout).toBe("3 string\n");
    expect(node).toEqual(bun);
  });
});

describe("dx-compat's own packages", () => {
  // Linked into this workspace, @dx-compat/bun resolves outside node_modules; its
  // bundle must not go through esbuild, whose service process would then run beside
  // the program (and cost every later spawn a SIGCHLD round on its thread).
  const report = `
    import { createRequire } from "node:module";
    void Bun.spawnSync, Bun.stringWidth("x");
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes("/esbuild/"));
    console.log(JSON.stringify({ esbuildLoaded: loaded }));
  `;

  it("load without the transpiler", async () => {
    const dir = writeFiles({ "main.mjs": report });
    const node = await runNode(join(dir, "main.mjs"), { cwd: dir });
    expect(node.stderr).toBe("");
    expect(JSON.parse(node.stdout)).toEqual({ esbuildLoaded: false });
  });

  it("are recognised installed too, by path: a package nested inside one of them is not", async () => {
    // `import.meta.dir` is one of Bun's members: the hook adds it to a package that mentions it.
    const probe = 'export const dir = typeof import.meta.dir;\n';
    const manifest = (name: string): string => JSON.stringify({ name, type: "module", main: "index.js" });
    const dir = writeFiles({
      "main.mjs": 'import { dir as own } from "@dx-compat/probe";\nimport { dir as other } from "other";\nimport { dir as nested } from "@dx-compat/probe/nested";\nconsole.log(JSON.stringify({ own, other, nested }));\n',
      "node_modules/@dx-compat/probe/package.json": JSON.stringify({ name: "@dx-compat/probe", type: "module", exports: { ".": "./index.js", "./nested": "./nested.js" } }),
      "node_modules/@dx-compat/probe/index.js": probe,
      "node_modules/@dx-compat/probe/nested.js": 'export { dir } from "dep";\n',
      "node_modules/@dx-compat/probe/node_modules/dep/package.json": manifest("dep"),
      "node_modules/@dx-compat/probe/node_modules/dep/index.js": probe,
      "node_modules/other/package.json": manifest("other"),
      "node_modules/other/index.js": probe,
    });
    const node = await runNode(join(dir, "main.mjs"), { cwd: dir });
    expect(node.stderr).toBe("");
    expect(JSON.parse(node.stdout)).toEqual({ own: "undefined", other: "string", nested: "string" });
  });

  it("while a program's own TypeScript still goes through it (the check above can fail)", async () => {
    const dir = writeFiles({ "main.mjs": `import "./typed.ts";\n${report}`, "typed.ts": "export const x: number = 1;\n" });
    const node = await runNode(join(dir, "main.mjs"), { cwd: dir });
    expect(node.stderr).toBe("");
    expect(JSON.parse(node.stdout)).toEqual({ esbuildLoaded: true });
  });
});
