// The compiler options Bun honours when it transpiles a file (decorators, JSX,
// class fields), read from the nearest tsconfig.json the way Bun does:
// walking up from the file, following `extends`. Cached per directory.
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
const byDirectory = new Map<string, TranspileOptions>();

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

function readConfig(file: string, depth = 0): TranspileOptions {
  const config = parseJsonc(readFileSync(file, "utf8")) as { extends?: string | string[]; compilerOptions?: Record<string, unknown> };
  let options: TranspileOptions = {};
  const parents = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
  for (const parent of parents) {
    if (depth > 16) break;
    const parentFile = parent.startsWith(".") || parent.startsWith("/") ? resolve(dirname(file), parent.endsWith(".json") ? parent : `${parent}.json`) : createRequire(file).resolve(parent);
    if (existsSync(parentFile)) options = { ...options, ...readConfig(parentFile, depth + 1) };
  }
  for (const key of relevant) {
    const value = config.compilerOptions?.[key];
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  return options;
}

/** The transpile-relevant compiler options in effect for files in `directory`. */
export function transpileOptionsFor(directory: string): TranspileOptions {
  const cached = byDirectory.get(directory);
  if (cached) return cached;
  const file = join(directory, "tsconfig.json");
  let options: TranspileOptions;
  if (existsSync(file)) {
    try {
      options = readConfig(file);
    } catch {
      options = {}; // Bun ignores a tsconfig it cannot parse
    }
  } else {
    const parent = dirname(directory);
    options = parent === directory || directory.endsWith(`${"/"}node_modules`) ? {} : transpileOptionsFor(parent);
  }
  byDirectory.set(directory, options);
  return options;
}
