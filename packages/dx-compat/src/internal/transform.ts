// TypeScript and JSX, transpiled as Bun does on the fly: enums, namespaces,
// parameter properties, TC39 decorators (legacy ones when tsconfig asks for
// `experimentalDecorators`), JSX through the automatic runtime (`react`, the
// dev runtime unless NODE_ENV=production) unless tsconfig chooses otherwise.
// esbuild does the work; inline source maps keep stack traces on the source.
import type { Loader, TransformOptions } from "esbuild";
import { createRequire } from "node:module";
import { dirname, extname } from "node:path";
import { transpileOptionsFor } from "./tsconfig.ts";

// esbuild loads on the first file that needs it: a program with no TypeScript
// or JSX never pays for it at start-up.
let esbuild: typeof import("esbuild") | undefined;
const loadEsbuild = (): typeof import("esbuild") => (esbuild ??= createRequire(import.meta.url)("esbuild") as typeof import("esbuild"));

const loaders: Readonly<Record<string, Loader>> = {
  ".js": "js",
  ".mjs": "js",
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".jsx": "jsx",
};

const typescriptOrJsx = new Set([".ts", ".mts", ".cts", ".tsx", ".jsx"]);

/** Whether dx-compat always transpiles files with this path's extension (TypeScript and JSX). */
export function needsTranspile(path: string): boolean {
  return typescriptOrJsx.has(extname(path));
}

function jsxOptions(path: string, jsx: string | undefined): Partial<TransformOptions> {
  if (jsx !== undefined) return {}; // tsconfig decides (tsconfigRaw)
  const loader = loaders[extname(path)];
  if (loader !== "tsx" && loader !== "jsx") return {};
  return { jsx: "automatic", jsxDev: process.env["NODE_ENV"] !== "production" };
}

// Bun gives ES modules `require`, `__dirname` and `__filename` (a module
// using `module` or `exports` is CommonJS to Bun, so those are not given).
// esbuild's `define` replaces only *unbound* identifiers, so a module that
// declares its own `require` or `__dirname` keeps it.
const mentionsCommonJsGlobals = /\b(?:require|__dirname|__filename)\b/;
const commonJsGlobals: Record<string, string> = {
  require: "__dxCompatRequire",
  __dirname: "import.meta.dirname",
  __filename: "import.meta.filename",
};
// On the first line, so line numbers do not move.
const commonJsBanner = 'import { createRequire as __dxCompatCreateRequire } from "node:module"; const __dxCompatRequire = __dxCompatCreateRequire(import.meta.url);';

// For plain JS, which otherwise skips esbuild: only sources that look like they use them.
const usesCommonJsGlobals = /\brequire\s*[(.]|\b__dirname\b|\b__filename\b/;

/** Whether a plain-JS ES module looks like it uses `require(…)`, `__dirname`, … (and so goes through `transpile`). */
export function mayUseCommonJsGlobals(source: string): boolean {
  return usesCommonJsGlobals.test(source);
}

/** Transpile one file's source to JavaScript with an inline source map (`esm`: give it CommonJS's free variables). */
export function transpile(source: string, path: string, esm = false): string {
  const { jsx, ...compilerOptions } = transpileOptionsFor(dirname(path));
  const cjs = esm && mentionsCommonJsGlobals.test(source);
  const result = loadEsbuild().transformSync(cjs ? commonJsBanner + source : source, {
    ...(cjs ? { define: commonJsGlobals } : {}),
    loader: loaders[extname(path)] ?? "js",
    sourcefile: path,
    sourcemap: "inline",
    target: "node22",
    tsconfigRaw: { compilerOptions: jsx === undefined ? compilerOptions : { ...compilerOptions, jsx: jsx as "react" } },
    ...jsxOptions(path, jsx),
  });
  return result.code;
}
