// The module hooks `dx-compat/register` installs (module.registerHooks: one set
// of synchronous hooks that serve `import`, `import()` and `require()` alike):
//  - resolve `bun`, `bun:sqlite`, `bun:ffi` to dx-compat's modules;
//  - resolve imports the way Bun does for TypeScript projects
//    (`./util` → `./util.ts`, `./util.js` → `./util.ts`, `./dir` → `./dir/index.ts`,
//    tsconfig `paths` such as `@/lib/util`);
//  - transpile .ts/.tsx/.jsx/.mts/.cts, and give ES modules Bun's `import.meta`;
//  - import .json without an import attribute, with named exports, as Bun does.
import { readFileSync, statSync } from "node:fs";
import { findPackageJSON, registerHooks } from "node:module";
import type { LoadFnOutput, LoadHookContext, ModuleFormat, ResolveFnOutput, ResolveHookContext } from "node:module";
import { dirname, extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { notImplemented } from "@dx-compat/shared/errors";
import { exposeEntryURL, withImportMeta } from "./import-meta.ts";
import { jsonModuleSource } from "./json-module.ts";
import { mayUseCommonJsGlobals, needsTranspile, transpile } from "./transform.ts";
import { mappedPaths, pathsFor } from "./tsconfig.ts";

/** What each `bun*` specifier resolves to, as a self-reference of this package. */
const bunSpecifiers: Readonly<Record<string, string>> = {
  bun: "dx-compat",
  "bun:sqlite": "dx-compat/modules/bun-sqlite",
  "bun:ffi": "dx-compat/modules/bun-ffi",
};

const resolvedBunSpecifiers = new Map<string, string>();

/** The URL a `bun*` specifier maps to (resolved once per process), or `undefined` for any other specifier. */
function bunSpecifierURL(specifier: string): string | undefined {
  const target = bunSpecifiers[specifier];
  if (target === undefined) return undefined;
  let url = resolvedBunSpecifiers.get(specifier);
  if (url === undefined) resolvedBunSpecifiers.set(specifier, (url = import.meta.resolve(target)));
  return url;
}

type NextResolve = (specifier: string, context?: Partial<ResolveHookContext>) => ResolveFnOutput;
type NextLoad = (url: string, context?: Partial<LoadHookContext>) => LoadFnOutput;

const isRelativeOrAbsolute = (specifier: string): boolean =>
  specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/") || specifier.startsWith("file:") || specifier === "." || specifier === "..";

// Bun's resolution of TypeScript-style specifiers, tried only after Node's own fails.
const swapExtension: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};
const appendExtensions = [".ts", ".tsx", ".js", ".mjs", ".jsx", ".mts", ".cjs", ".cts", ".json"];

const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/** A file for `path` the way Bun looks for one: as is, with its extension swapped or added, or as a directory index. */
function bunStyleFile(path: string, search = ""): string | undefined {
  if (isFile(path)) return pathToFileURL(path).href + search;
  return bunStyleCandidate(path, search);
}

function bunStyleCandidate(path: string, search: string): string | undefined {
  const ext = extname(path);
  for (const swapped of swapExtension[ext] ?? []) {
    const candidate = path.slice(0, -ext.length) + swapped;
    if (isFile(candidate)) return pathToFileURL(candidate).href + search;
  }
  for (const added of appendExtensions) if (isFile(path + added)) return pathToFileURL(path + added).href + search;
  for (const added of appendExtensions) {
    const index = `${path}/index${added}`;
    if (isFile(index)) return pathToFileURL(index).href + search;
  }
  return undefined;
}

/** The file Bun would pick for a specifier Node could not resolve, or `undefined`. */
function bunFallback(specifier: string, parentURL: string | undefined): string | undefined {
  if (parentURL === undefined || !parentURL.startsWith("file:")) return undefined;
  if (isRelativeOrAbsolute(specifier)) {
    const base = new URL(specifier, parentURL);
    return base.protocol === "file:" ? bunStyleCandidate(fileURLToPath(base), base.search) : undefined;
  }
  // A bare specifier: tsconfig `paths` (e.g. "@/lib/util" → "./src/lib/util.ts").
  const mapping = pathsFor(dirname(fileURLToPath(parentURL)));
  if (mapping === undefined) return undefined;
  for (const path of mappedPaths(specifier, mapping)) {
    const found = bunStyleFile(path);
    if (found !== undefined) return found;
  }
  return undefined;
}

function resolve(specifier: string, context: ResolveHookContext, nextResolve: NextResolve): ResolveFnOutput {
  const url = bunSpecifierURL(specifier);
  if (url !== undefined) return { url, format: "module", shortCircuit: true };
  if (specifier.startsWith("bun:")) throw notImplemented(specifier, "this Bun module has no dx-compat implementation");
  try {
    return nextResolve(specifier, context);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND" && code !== "ERR_UNSUPPORTED_DIR_IMPORT") throw error;
    const candidate = bunFallback(specifier, context.parentURL);
    if (candidate === undefined) throw error;
    return nextResolve(candidate, context);
  }
}

const esmSyntax = /^\s*(?:import\s*[\w{*"'$]|export\s|await\s)|\bimport\.meta\b/m;
const cjsSyntax = /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/;

/** ES module unless the file is `.cts`, or reads as CommonJS and not as ESM. */
function formatOf(path: string, source: string): ModuleFormat {
  const ext = extname(path);
  if (ext === ".mts") return "module";
  if (ext === ".cts") return "commonjs";
  return !esmSyntax.test(source) && cjsSyntax.test(source) ? "commonjs" : "module";
}

const importMetaBytes = Buffer.from("import.meta.");

/** An `import` (not `require`, not `with { type: "json" }`) of a .json file: Bun's JSON module. */
const isBareJsonImport = (url: string, context: LoadHookContext): boolean =>
  url.startsWith("file:") && url.endsWith(".json") && context.importAttributes?.["type"] === undefined && !context.conditions?.includes("require");

// dx-compat's own packages are built for Node and use no Bun `import.meta` member.
// Installed, they sit under node_modules and are skipped like any package; linked
// (a workspace, `pnpm link`) they resolve to real paths outside it, and their
// plain `require(` would otherwise send each through esbuild: a bundle of the
// whole `Bun` namespace transpiled at first use, and esbuild's service process
// left running beside the program.
const ownPackageName = /^(?:dx-compat|@dx-compat\/[^/]+)$/;
// Installed: the last node_modules segment of the path names the package, so
// no package.json lookup is needed for the (many) modules under node_modules.
const ownInstalledPath = /\/node_modules\/(?:dx-compat|@dx-compat\/[^/]+)\/(?!(?:.*\/)?node_modules\/)/;
const packageNames = new Map<string, string>();

function isOwnPackageFile(url: string): boolean {
  if (url.includes("/node_modules/")) return ownInstalledPath.test(url);
  const manifest = findPackageJSON(url);
  if (manifest === undefined) return false;
  let name = packageNames.get(manifest);
  if (name === undefined) {
    try {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown };
      name = typeof parsed.name === "string" ? parsed.name : "";
    } catch {
      name = "";
    }
    packageNames.set(manifest, name);
  }
  return ownPackageName.test(name);
}

function load(url: string, context: LoadHookContext, nextLoad: NextLoad): LoadFnOutput {
  if (isBareJsonImport(url, context)) {
    return { format: "module", source: jsonModuleSource(readFileSync(fileURLToPath(url), "utf8")), shortCircuit: true };
  }
  if (url.startsWith("file:") && needsTranspile(url)) {
    const path = fileURLToPath(url);
    const original = readFileSync(path, "utf8");
    const format = formatOf(path, original);
    const source = transpile(format === "module" ? withImportMeta(original) : original, path, format === "module");
    return { format, source, shortCircuit: true };
  }
  const loaded = nextLoad(url, context);
  if (loaded.format !== "module" || loaded.source == null || !url.startsWith("file:")) return loaded;
  if (isOwnPackageFile(url)) return loaded;
  const source = loaded.source as string | ArrayBufferView;
  const bytes = typeof source === "string" ? Buffer.from(source) : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  // A program's own plain-JS modules may use require/__dirname (esbuild then rewrites them); packages in
  // node_modules were written for Node and are only searched, as bytes, for Bun's import.meta members.
  if (!url.includes("/node_modules/")) {
    const text = bytes.toString("utf8");
    if (mayUseCommonJsGlobals(text)) return { ...loaded, source: transpile(withImportMeta(text), fileURLToPath(url), true) };
  }
  if (bytes.indexOf(importMetaBytes) === -1) return loaded;
  return { ...loaded, source: withImportMeta(bytes.toString("utf8")) };
}

let registered = false;

/** Install the hooks once per thread. */
export function registerModuleHooks(): void {
  if (registered) return;
  registered = true;
  exposeEntryURL();
  registerHooks({ resolve, load });
}
