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
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".jsx": "jsx",
};

/** Whether dx-compat transpiles files with this path's extension. */
export function needsTranspile(path: string): boolean {
  return Object.hasOwn(loaders, extname(path));
}

function jsxOptions(path: string, jsx: string | undefined): Partial<TransformOptions> {
  if (jsx !== undefined) return {}; // tsconfig decides (tsconfigRaw)
  const loader = loaders[extname(path)];
  if (loader !== "tsx" && loader !== "jsx") return {};
  return { jsx: "automatic", jsxDev: process.env["NODE_ENV"] !== "production" };
}

/** Transpile one file's source to JavaScript with an inline source map. */
export function transpile(source: string, path: string): string {
  const { jsx, ...compilerOptions } = transpileOptionsFor(dirname(path));
  const result = loadEsbuild().transformSync(source, {
    loader: loaders[extname(path)] ?? "ts",
    sourcefile: path,
    sourcemap: "inline",
    target: "node22",
    tsconfigRaw: { compilerOptions: jsx === undefined ? compilerOptions : { ...compilerOptions, jsx: jsx as "react" } },
    ...jsxOptions(path, jsx),
  });
  return result.code;
}
