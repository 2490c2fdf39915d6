// What Bun takes from tsconfig.json: the options that change transpiling
// (decorators, JSX, class fields) and `paths`/`baseUrl` for resolution. Read
// from the nearest tsconfig.json the way Bun does: walking up from the file,
// following `extends`. Cached per directory.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

export interface TranspileOptions {
  experimentalDecorators?: boolean;
  emitDecoratorMetadata?: boolean;
  useDefineForClassFields?: boolean;
  verbatimModuleSyntax?: boolean;
  jsx?: string;
  jsxFactory?: string;
  jsxFragmentFactory?: string;
  jsxImportSource?: string;
}

const relevant = ["experimentalDecorators", "emitDecoratorMetadata", "useDefineForClassFields", "verbatimModuleSyntax", "jsx", "jsxFactory", "jsxFragmentFactory", "jsxImportSource"] as const;

/** JSON with comments and trailing commas, as tsconfig files are written. */
export function parseJsonc(text: string): unknown {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      out += text.slice(start, i + 1);
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2);
      if (i === -1) break;
      i++;
    } else if (ch === "}" || ch === "]") {
      // A trailing comma before a closing bracket (outside strings) is dropped.
      out = out.replace(/,(\s*)$/, "$1") + ch;
    } else out += ch;
  }
  return JSON.parse(out);
}

/** tsconfig `paths`: patterns (at most one `*`) to targets, relative to `base` (`baseUrl`, or the file that sets `paths`). */
export interface PathMapping {
  base: string;
  patterns: [string, string[]][];
}

interface Tsconfig {
  transpile: TranspileOptions;
  baseUrl: string | undefined;
  paths: PathMapping | undefined;
}

const none: Tsconfig = { transpile: {}, baseUrl: undefined, paths: undefined };
const byDirectory = new Map<string, Tsconfig>();

function readConfig(file: string, depth = 0): Tsconfig {
  const config = parseJsonc(readFileSync(file, "utf8")) as { extends?: string | string[]; compilerOptions?: Record<string, unknown> };
  let inherited: Tsconfig = none;
  const parents = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
  for (const parent of parents) {
    if (depth > 16) break;
    const parentFile = parent.startsWith(".") || parent.startsWith("/") ? resolve(dirname(file), parent.endsWith(".json") ? parent : `${parent}.json`) : createRequire(file).resolve(parent);
    if (!existsSync(parentFile)) continue;
    const read = readConfig(parentFile, depth + 1);
    inherited = { transpile: { ...inherited.transpile, ...read.transpile }, baseUrl: read.baseUrl ?? inherited.baseUrl, paths: read.paths ?? inherited.paths };
  }
  const options = config.compilerOptions ?? {};
  const transpile: TranspileOptions = { ...inherited.transpile };
  for (const key of relevant) if (options[key] !== undefined) (transpile as Record<string, unknown>)[key] = options[key];
  const baseUrl = typeof options["baseUrl"] === "string" ? resolve(dirname(file), options["baseUrl"]) : inherited.baseUrl;
  const ownPaths = options["paths"] as Record<string, string[]> | undefined;
  const paths: PathMapping | undefined =
    ownPaths && typeof ownPaths === "object" ? { base: baseUrl ?? dirname(file), patterns: Object.entries(ownPaths) } : inherited.paths && baseUrl ? { ...inherited.paths, base: baseUrl } : inherited.paths;
  return { transpile, baseUrl, paths };
}

function configFor(directory: string): Tsconfig {
  const cached = byDirectory.get(directory);
  if (cached) return cached;
  const file = join(directory, "tsconfig.json");
  let config: Tsconfig;
  if (existsSync(file)) {
    try {
      config = readConfig(file);
    } catch {
      config = none; // Bun ignores a tsconfig it cannot parse
    }
  } else {
    const parent = dirname(directory);
    config = parent === directory || directory.endsWith(`${"/"}node_modules`) ? none : configFor(parent);
  }
  byDirectory.set(directory, config);
  return config;
}

/** The transpile-relevant compiler options in effect for files in `directory`. */
export function transpileOptionsFor(directory: string): TranspileOptions {
  return configFor(directory).transpile;
}

/** The `paths` mapping in effect for files in `directory`, if any. */
export function pathsFor(directory: string): PathMapping | undefined {
  return configFor(directory).paths;
}

/** Candidate absolute paths for `specifier` under `mapping`, most specific pattern first (as TypeScript orders them). */
export function mappedPaths(specifier: string, mapping: PathMapping): string[] {
  const matches: { prefixLength: number; targets: string[]; star: string | undefined }[] = [];
  for (const [pattern, targets] of mapping.patterns) {
    const star = pattern.indexOf("*");
    if (star === -1) {
      if (pattern === specifier) matches.push({ prefixLength: Infinity, targets, star: undefined });
      continue;
    }
    const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      matches.push({ prefixLength: prefix.length, targets, star: specifier.slice(prefix.length, specifier.length - suffix.length) });
    }
  }
  matches.sort((a, b) => b.prefixLength - a.prefixLength);
  return matches.flatMap(({ targets, star }) => targets.map((target) => resolve(mapping.base, star === undefined ? target : target.replace("*", star))));
}
