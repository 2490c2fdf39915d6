// The contract other packages and users build on: a directory whose
// node_modules/dx-compat is this (built) package runs Bun programs with
// `node --import dx-compat/register`, and absent peers fail with a clear hint.
import { bunBinary, nodeBinary, runProcess, writeFiles } from "@dx-compat/oracle";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const esbuildDir = dirname(createRequire(join(packageDir, "package.json")).resolve("esbuild/package.json"));
const runWithRegister = (dir: string, file: string) => runProcess(nodeBinary(), ["--import", "dx-compat/register", file], { cwd: dir });

const program = `
import { sleep } from "bun";
import { Database } from "bun:sqlite";
import { dlopen } from "bun:ffi";
await sleep(1);
console.log(JSON.stringify({ dir: import.meta.dir, main: import.meta.main, sqlite: typeof Database, ffi: typeof dlopen, bun: typeof Bun }));
`;

describe("a project that links node_modules/dx-compat to the workspace package", () => {
  it("runs `node --import dx-compat/register` like Bun runs the program", async () => {
    const dir = writeFiles({ "app.mjs": program });
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(packageDir, join(dir, "node_modules", "dx-compat"), "dir");
    const [ours, theirs] = await Promise.all([runWithRegister(dir, "app.mjs"), runProcess(bunBinary(), ["app.mjs"], { cwd: dir })]);
    expect(theirs.code).toBe(0);
    expect(ours).toEqual(theirs);
  });
});

describe("CommonJS consumers, without the register hook", () => {
  it("require() the packages: one module instance, the same one import gets", async () => {
    const dir = writeFiles({
      "main.cjs": `
        const bun = require("@dx-compat/bun");
        const root = require("dx-compat");
        const sub = require("dx-compat/bun");
        import("@dx-compat/bun").then((esm) => {
          console.log(JSON.stringify({ sleep: typeof bun.sleep, same: esm.sleep === bun.sleep, root: root.sleep === bun.sleep, sub: sub.sleep === bun.sleep, global: typeof globalThis.Bun }));
        });
      `,
    });
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(packageDir, join(dir, "node_modules", "dx-compat"), "dir");
    mkdirSync(join(dir, "node_modules", "@dx-compat"));
    symlinkSync(join(packageDir, "..", "bun"), join(dir, "node_modules", "@dx-compat", "bun"), "dir");
    const result = await runProcess(nodeBinary(), ["main.cjs"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ sleep: "function", same: true, root: true, sub: true, global: "undefined" });
  });
});

describe("a project with dx-compat but none of the @dx-compat/* packages", () => {
  // A copy, not a link: resolution from its real path must not find the workspace's packages.
  function bareProject(files: Record<string, string>): string {
    const dir = writeFiles(files);
    const target = join(dir, "node_modules", "dx-compat");
    for (const part of ["package.json", "dist", "bin"]) cpSync(join(packageDir, part), join(target, part), { recursive: true });
    symlinkSync(esbuildDir, join(dir, "node_modules", "esbuild"), "dir");
    return dir;
  }

  it("still starts, and touching an absent API throws the install hint", async () => {
    const dir = bareProject({
      "app.mjs": `
        import { Database } from "bun:sqlite";
        const report = (f) => { try { f(); return "no error"; } catch (e) { return [e.code, e.message]; } };
        console.log(JSON.stringify({
          global: typeof Bun,
          sleep: report(() => Bun.sleep),
          sqlite: report(() => new Database(":memory:")),
        }));
      `,
    });
    const result = await runWithRegister(dir, "app.mjs");
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      global: "object",
      sleep: ["ERR_DX_COMPAT_MISSING_PACKAGE", "[dx-compat] Bun.sleep: this API lives in @dx-compat/bun, which is not installed; install it with `npm i @dx-compat/bun`"],
      sqlite: ["ERR_DX_COMPAT_MISSING_PACKAGE", "[dx-compat] bun:sqlite Database: this API lives in @dx-compat/sqlite, which is not installed; install it with `npm i @dx-compat/sqlite`"],
    });
  });

  it("importing a subpath whose package is missing names the package to install", async () => {
    const dir = bareProject({ "app.mjs": `try { await import("dx-compat/sqlite"); } catch (e) { console.log(e.code, e.message); }` });
    const result = await runProcess(nodeBinary(), ["app.mjs"], { cwd: dir });
    expect(result.stdout).toBe("ERR_DX_COMPAT_MISSING_PACKAGE [dx-compat] dx-compat/sqlite: this API lives in @dx-compat/sqlite, which is not installed; install it with `npm i @dx-compat/sqlite`\n");
  });

  it("an unknown bun: module fails clearly", async () => {
    const dir = bareProject({ "app.mjs": `try { await import("bun:jsc"); } catch (e) { console.log(e.code, e.message); }` });
    const result = await runWithRegister(dir, "app.mjs");
    expect(result.stdout).toBe("ERR_DX_COMPAT_NOT_IMPLEMENTED [dx-compat] bun:jsc: this Bun module has no dx-compat implementation\n");
  });
});
