// tsconfig.json "paths" and "baseUrl", which Bun's resolver applies to bare
// specifiers: the nearest tsconfig.json above the importing directory,
// JSON with comments and trailing commas, "extends" followed.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { ResolverFileSystem } from "./file-system.ts";

export interface PathsConfig {
  /** The directory `baseUrl` names, if set. */
  readonly baseUrl: string | undefined;
  /** Where "paths" targets are relative to. */
  readonly pathsBase: string;
  readonly paths: Readonly<Record<string, readonly string[]>> | undefined;
}

/** JSONC to JSON: strip comments and trailing commas outside strings. */
function parseJsonc(text: string): unknown {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\") out += text[++i] ?? "";
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2);
      if (i === -1) break;
      i++;
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

interface RawOptions {
  baseUrl?: unknown;
  paths?: unknown;
}

function readConfig(path: string, seen: Set<string>): { baseUrl?: string; paths?: Record<string, string[]>; pathsDir?: string } {
  if (seen.has(path)) return {};
  seen.add(path);
  let raw: { extends?: unknown; compilerOptions?: RawOptions };
  try {
    raw = parseJsonc(readFileSync(path, "utf8")) as typeof raw;
  } catch {
    return {};
  }
  const dir = dirname(path);
  let merged: { baseUrl?: string; paths?: Record<string, string[]>; pathsDir?: string } = {};
  const parents = typeof raw.extends === "string" ? [raw.extends] : Array.isArray(raw.extends) ? raw.extends.filter((e): e is string => typeof e === "string") : [];
  for (const parent of parents) {
    const parentPath = parent.startsWith(".") || isAbsolute(parent) ? resolve(dir, parent.endsWith(".json") ? parent : `${parent}.json`) : join(dir, "node_modules", parent.endsWith(".json") ? parent : join(parent, "tsconfig.json"));
    merged = { ...merged, ...readConfig(parentPath, seen) };
  }
  const options = raw.compilerOptions ?? {};
  if (typeof options.baseUrl === "string") merged.baseUrl = resolve(dir, options.baseUrl);
  if (typeof options.paths === "object" && options.paths !== null) {
    merged.paths = options.paths as Record<string, string[]>;
    merged.pathsDir = dir;
  }
  return merged;
}

/** The paths configuration that applies to imports from `dir`, if any. */
export function pathsConfigFor(dir: string, fs: ResolverFileSystem): PathsConfig | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const found = fs.entry(current, "tsconfig.json");
    if (found?.kind === "file" && found.path.endsWith("/tsconfig.json")) {
      const config = readConfig(found.path, new Set());
      if (config.baseUrl === undefined && config.paths === undefined) return undefined;
      return { baseUrl: config.baseUrl, pathsBase: config.baseUrl ?? config.pathsDir ?? dirname(found.path), paths: config.paths };
    }
    if (dirname(current) === current) return undefined;
  }
}

/** The candidate paths "paths" maps `specifier` to, most specific pattern first. */
export function pathsCandidates(config: PathsConfig, specifier: string): string[] {
  const paths = config.paths;
  if (paths === undefined) return [];
  let best: { key: string; match: string } | undefined;
  for (const key of Object.keys(paths)) {
    const star = key.indexOf("*");
    if (star === -1) {
      if (key === specifier) {
        best = { key, match: "" };
        break;
      }
      continue;
    }
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      if (best === undefined || prefix.length > best.key.indexOf("*")) best = { key, match: specifier.slice(prefix.length, specifier.length - suffix.length) };
    }
  }
  if (best === undefined) return [];
  const targets = paths[best.key];
  return Array.isArray(targets) ? targets.filter((t): t is string => typeof t === "string").map((target) => resolve(config.pathsBase, target.replace("*", best.match))) : [];
}
