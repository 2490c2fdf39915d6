// Reads Bun's declared API out of @types/bun with the TypeScript compiler:
// the value exports of the modules `bun`, `bun:sqlite`, `bun:ffi`, and the
// global values bun-types declares that Node's own types do not.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ts from "typescript";

const require = createRequire(import.meta.url);
const bunTypesDir = dirname(require.resolve("bun-types/package.json", { paths: [dirname(require.resolve("@types/bun/package.json"))] }));

const bunModules = ["bun", "bun:sqlite", "bun:ffi"];

function program() {
  const probe = join(bunTypesDir, "__dx_compat_probe__.ts");
  const source = bunModules.map((m, i) => `import * as m${i} from ${JSON.stringify(m)};`).join("\n") + "\nexport {};\n";
  const options = { types: ["bun"], typeRoots: [dirname(dirname(require.resolve("@types/bun/package.json")))], strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ESNext };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === probe ? source : readFile(file));
  host.fileExists = ((exists) => (file) => file === probe || exists(file))(host.fileExists.bind(host));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang) => (file === probe ? ts.createSourceFile(file, source, lang) : getSourceFile(file, lang));
  return { program: ts.createProgram([probe], options, host), probe };
}

const isValue = (symbol) => (symbol.flags & (ts.SymbolFlags.Value | ts.SymbolFlags.Alias)) !== 0;

/**
 * What real Bun's modules export at run time: `extras`, the names its type
 * declarations leave out (e.g. `FFI` on `bun`, `native` on `bun:ffi`), which
 * programs can import, so our modules must link them too; and `kinds`, the
 * `typeof` of every export, so a stand-in for a missing one has the same kind.
 */
export function readBunRuntimeExtras(declared) {
  const bun = join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe");
  const script = `const out = {}; for (const m of ${JSON.stringify(bunModules)}) { const ns = await import(m); out[m] = Object.fromEntries(Object.keys(ns).map((n) => [n, typeof ns[n]])); } console.log(JSON.stringify(out));`;
  const runtime = JSON.parse(execFileSync(bun, ["--eval", script], { encoding: "utf8" }));
  const hidden = new Set(["default"]);
  const extras = {};
  for (const m of bunModules) extras[m] = Object.keys(runtime[m]).filter((n) => !hidden.has(n) && !declared[m].includes(n)).sort();
  return { extras, kinds: runtime };
}

/** @returns {{ modules: Record<string, string[]>, globals: string[], version: string }} */
export function readBunSurface() {
  const { program: p, probe } = program();
  const checker = p.getTypeChecker();
  const file = p.getSourceFile(probe);
  const modules = {};
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const name = statement.moduleSpecifier.text;
    const moduleSymbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    const exports = checker.getExportsOfModule(moduleSymbol).filter((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return isValue(target) && (target.flags & ts.SymbolFlags.Value) !== 0;
    });
    modules[name] = [...new Set(exports.map((s) => s.name))].sort();
  }
  const globals = checker
    .getSymbolsInScope(file, ts.SymbolFlags.Value)
    // Only names bun-types alone declares: augmentations of lib or @types/node globals are not new APIs.
    .filter((s) => s.declarations?.length && s.declarations.every((d) => d.getSourceFile().fileName.startsWith(bunTypesDir)))
    .map((s) => s.name)
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  const version = require(join(bunTypesDir, "package.json")).version;
  return { modules, globals: [...new Set(globals)].sort(), version };
}
