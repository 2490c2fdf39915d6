// Bun.resolveSync's module resolution, re-stated from Bun 1.4.5's behaviour:
// - built-ins first ("fs" → "node:fs", Bun's own modules, the npm packages
//   Bun replaces such as "ws");
// - `from` is a directory when absolute; a relative `from` means the working
//   directory (Bun resolves from its top-level directory then);
// - paths: the exact file, then the extensions in Bun's order for imports
//   (.tsx .jsx .mts .ts .mjs .js .cts .cjs .json; inside node_modules
//   .mjs .jsx .mts .js .cjs .tsx .ts .cts .json; `require` orders differ),
//   then TypeScript's rewrite (.js → .ts/.tsx/.mts, .mjs → .mts, .cjs → .cts),
//   then the directory: package.json "main", index.*, "module";
// - a file name matches whatever its case on disk (Bun keys directory entries
//   by lower-cased name); directories do not;
// - "#imports" from the nearest package.json; tsconfig "paths"/"baseUrl";
//   node_modules upwards, with "exports" under the conditions bun, node,
//   node-addons and import (or require), where a target is taken as written
//   or with the TypeScript rewrite only;
// - a "?query" is kept on the result; symlinks are resolved.
// Not done: Bun's auto-install (packages fetched when no node_modules exists).
import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToBunPath } from "../file-url.ts";
import { resolveBuiltin } from "./builtins.ts";
import { ResolverFileSystem } from "./file-system.ts";
import { resolveExports, resolveImports } from "./package-map.ts";
import type { MapResult } from "./package-map.ts";
import { resolveMessage } from "./resolve-message.ts";
import { pathsCandidates, pathsConfigFor } from "./tsconfig-paths.ts";

type Kind = "import" | "require";

const extensionOrders: Readonly<Record<Kind, { app: readonly string[]; nodeModules: readonly string[] }>> = {
  import: {
    app: [".tsx", ".jsx", ".mts", ".ts", ".mjs", ".js", ".cts", ".cjs", ".json"],
    nodeModules: [".mjs", ".jsx", ".mts", ".js", ".cjs", ".tsx", ".ts", ".cts", ".json"],
  },
  require: {
    app: [".tsx", ".ts", ".jsx", ".cts", ".cjs", ".js", ".mjs", ".mts", ".json", ".node"],
    nodeModules: [".jsx", ".cjs", ".js", ".mjs", ".mts", ".tsx", ".ts", ".cts", ".json", ".node"],
  },
};

const typeScriptRewrites: readonly (readonly [string, readonly string[]])[] = [
  [".js", [".ts", ".tsx", ".mts"]],
  [".jsx", [".ts", ".tsx", ".mts"]],
  [".mjs", [".mts"]],
  [".cjs", [".cts"]],
];

const conditionSets: Readonly<Record<Kind, ReadonlySet<string>>> = {
  import: new Set(["bun", "node", "node-addons", "import"]),
  require: new Set(["bun", "node", "node-addons", "require"]),
};

class Resolution {
  readonly fs = new ResolverFileSystem();
  readonly kind: Kind;

  constructor(kind: Kind) {
    this.kind = kind;
  }

  private extensionsFor(path: string): readonly string[] {
    const orders = extensionOrders[this.kind];
    return path.includes(`${sep}node_modules${sep}`) ? orders.nodeModules : orders.app;
  }

  private file(path: string, spelling: "disk" | "asked" = "disk"): string | undefined {
    const found = this.fs.entry(dirname(path), basename(path), spelling);
    return found?.kind === "file" ? found.path : undefined;
  }

  private typeScriptRewrite(path: string): string | undefined {
    for (const [from, replacements] of typeScriptRewrites) {
      if (!path.endsWith(from)) continue;
      for (const to of replacements) {
        const found = this.file(path.slice(0, -from.length) + to, "asked");
        if (found) return found;
      }
    }
    return undefined;
  }

  /** The file itself, with an extension added, or rewritten as TypeScript. */
  loadAsFile(path: string): string | undefined {
    if (basename(path) === "") return undefined;
    const exact = this.file(path);
    if (exact) return exact;
    for (const extension of this.extensionsFor(path)) {
      const found = this.file(path + extension, "asked");
      if (found) return found;
    }
    return this.typeScriptRewrite(path);
  }

  private loadIndex(dir: string): string | undefined {
    for (const extension of this.extensionsFor(join(dir, "index"))) {
      const found = this.fs.entry(dir, `index${extension}`, "asked");
      if (found?.kind === "file") return found.path;
    }
    return undefined;
  }

  /** package.json "main", then index.*, then "module". */
  loadAsDirectory(dir: string): string | undefined {
    if (!this.fs.isDirectory(dir)) return undefined;
    const manifest = this.packageJson(dir);
    const main = manifest?.["main"];
    if (typeof main === "string" && main !== "") {
      const target = resolve(dir, main);
      const found = this.loadAsFile(target) ?? this.loadIndex(target);
      if (found) return found;
    }
    const index = this.loadIndex(dir);
    if (index) return index;
    const module = manifest?.["module"];
    if (typeof module === "string" && module !== "") return this.loadAsFile(resolve(dir, module)) ?? this.loadIndex(resolve(dir, module));
    return undefined;
  }

  packageJson(dir: string): Record<string, unknown> | undefined {
    const found = this.fs.entry(dir, "package.json");
    if (found?.kind !== "file" || basename(found.path) !== "package.json") return undefined;
    try {
      const parsed = JSON.parse(readFileSync(found.path, "utf8")) as unknown;
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A target from an "exports"/"imports" map: the file as written or its
   * TypeScript rewrite, then (for a "*" match ending in ".js") the same
   * without that ".js", so "./*": "./*.js" serves "pkg/x.js" from x.js or x.ts.
   */
  private loadMapTarget(packageDir: string, result: MapResult): string | undefined {
    if (result === undefined || result === "excluded" || result === "invalid") return undefined;
    if ("bare" in result) return this.resolveBare(result.bare, packageDir);
    const path = resolve(packageDir, result.path);
    const found = this.file(path) ?? this.typeScriptRewrite(path);
    if (found || result.withoutJs === undefined) return found;
    const shorter = resolve(packageDir, result.withoutJs);
    return this.file(shorter) ?? this.typeScriptRewrite(shorter);
  }

  resolvePath(path: string, directoryOnly: boolean): string | undefined {
    if (directoryOnly) return this.loadAsDirectory(path);
    return this.loadAsFile(path) ?? this.loadAsDirectory(path);
  }

  /** A package importing itself by name: the nearest package.json, when it has that name and "exports". */
  private selfReference(name: string, subpath: string, fromDir: string): { found: string | undefined } | undefined {
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const manifest = this.packageJson(dir);
      if (manifest) {
        if (manifest["name"] !== name || manifest["exports"] === undefined || manifest["exports"] === null) return undefined;
        return { found: this.loadMapTarget(dir, resolveExports(manifest["exports"], subpath, conditionSets[this.kind])) };
      }
      if (dirname(dir) === dir) return undefined;
    }
  }

  resolveImports(specifier: string, fromDir: string): string | undefined {
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const manifest = this.packageJson(dir);
      if (manifest) return this.loadMapTarget(dir, resolveImports(manifest["imports"], specifier, conditionSets[this.kind]));
      if (dirname(dir) === dir) return undefined;
    }
  }

  resolveBare(specifier: string, fromDir: string): string | undefined {
    const builtin = resolveBuiltin(specifier);
    if (builtin && "resolved" in builtin) return builtin.resolved;
    const config = pathsConfigFor(fromDir, this.fs);
    if (config) {
      for (const candidate of pathsCandidates(config, specifier)) {
        const found = this.resolvePath(candidate, false);
        if (found) return found;
      }
      if (config.baseUrl !== undefined) {
        const found = this.resolvePath(resolve(config.baseUrl, specifier), false);
        if (found) return found;
      }
    }
    const name = packageName(specifier);
    const subpath = `.${specifier.slice(name.length)}`;
    const self = this.selfReference(name, subpath, fromDir);
    if (self !== undefined) return self.found;
    for (let dir = fromDir; ; dir = dirname(dir)) {
      if (basename(dir) !== "node_modules") {
        const packageDir = join(dir, "node_modules", name);
        if (this.fs.isDirectory(packageDir)) {
          const manifest = this.packageJson(packageDir);
          if (manifest && manifest["exports"] !== undefined && manifest["exports"] !== null) {
            return this.loadMapTarget(packageDir, resolveExports(manifest["exports"], subpath, conditionSets[this.kind]));
          }
          const found = this.resolvePath(join(dir, "node_modules", specifier), specifier.endsWith("/"));
          if (found) return found;
        }
      }
      if (dirname(dir) === dir) return undefined;
    }
  }
}

/** "pkg" of "pkg/sub", "@scope/pkg" of "@scope/pkg/sub". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function isPathSpecifier(specifier: string): boolean {
  return specifier === "" || specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../") || isAbsolute(specifier);
}

export interface ResolveRequest {
  specifier: string;
  from: string;
  isESM: boolean;
}

/** Resolve as Bun.resolveSync does, or throw Bun's ResolveMessage. */
export function resolveModule({ specifier: given, from, isESM }: ResolveRequest): string {
  const kind: Kind = isESM ? "import" : "require";
  // A file: URL is its path, in errors too.
  const original = given.startsWith("file://") ? fileURLToBunPath(given) : given;
  let specifier = original;
  const queryAt = specifier.indexOf("?");
  const query = queryAt === -1 ? "" : specifier.slice(queryAt);
  if (queryAt !== -1) specifier = specifier.slice(0, queryAt);
  const builtin = resolveBuiltin(specifier);
  if (builtin && "unknownNodeBuiltin" in builtin) {
    throw resolveMessage({ message: `No such built-in module: ${specifier}`, code: "ERR_UNKNOWN_BUILTIN_MODULE", specifier: original, referrer: from, importKind: importKindOf(kind), requireStack: undefined });
  }
  if (builtin) return builtin.resolved;
  const fromDir = isAbsolute(from) ? resolve(from) : process.cwd();
  const resolution = new Resolution(kind);
  let found: string | undefined;
  if (isPathSpecifier(specifier)) {
    const directoryOnly = specifier === "" || specifier === "." || specifier === ".." || specifier.endsWith("/");
    found = specifier === "" ? undefined : resolution.resolvePath(resolve(fromDir, specifier), directoryOnly);
  } else if (specifier.startsWith("#")) found = resolution.resolveImports(specifier, fromDir);
  else found = resolution.resolveBare(specifier, fromDir);
  if (found === undefined) throw notFound(original, specifier, from, kind);
  return found.startsWith("node:") || !isAbsolute(found) ? found + query : resolution.fs.finalPath(found) + query;
}

function importKindOf(kind: Kind): "import-statement" | "require-call" {
  return kind === "import" ? "import-statement" : "require-call";
}

function notFound(original: string, specifier: string, from: string, kind: Kind): Error {
  if (kind === "require") {
    return resolveMessage({ message: `Cannot find module '${original}'\nRequire stack:\n- ${from}`, code: "MODULE_NOT_FOUND", specifier: original, referrer: from, importKind: "require-call", requireStack: [from] });
  }
  const what = isPathSpecifier(specifier) ? `module '${original}'` : `package '${packageName(original)}'`;
  const message = from === "" ? `Cannot find ${what} from ''` : `Cannot find ${what} imported from ${from}`;
  return resolveMessage({ message, code: "ERR_MODULE_NOT_FOUND", specifier: original, referrer: from, importKind: "import-statement", requireStack: undefined });
}
