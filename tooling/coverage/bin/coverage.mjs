#!/usr/bin/env node
// pnpm coverage          regenerate COVERAGE.md and packages/dx-compat/src/internal/generated/*
// pnpm coverage --check  fail (exit 1) when any of them differs from what is committed
//
// Bun's side comes from @types/bun (tooling/coverage/src/bun-surface.mjs); ours
// from the built packages' actual exports, matched through the ownership table
// in packages/dx-compat/src/internal/owners.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readBunRuntimeExtras, readBunSurface } from "../src/bun-surface.mjs";
import { generatedFiles } from "../src/generate.mjs";
import { renderReport } from "../src/report.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const check = process.argv.includes("--check");
const owners = await import(pathToFileURL(join(root, "packages/dx-compat/src/internal/owners.ts")).href);

async function exportsOf(packageName) {
  const dir = packageName.replace("@dx-compat/", "");
  const entry = join(root, "packages", dir, "dist", "index.js");
  if (!existsSync(entry)) throw new Error(`coverage: ${packageName} is not built (${relative(root, entry)} is missing); run \`pnpm build\` first`);
  return Object.keys(await import(pathToFileURL(entry).href));
}

const surface = readBunSurface();
surface.globals = [...new Set(["Bun", ...surface.globals])].sort();
const runtime = readBunRuntimeExtras(surface.modules);
surface.runtimeExtras = runtime.extras;
surface.runtimeKinds = runtime.kinds;
const ours = {};
for (const packageName of Object.values(owners.subpathPackages)) ours[packageName] = await exportsOf(packageName);

const outputs = new Map();
outputs.set("COVERAGE.md", renderReport({ surface, ours, owners }));
for (const [name, text] of Object.entries(generatedFiles(surface))) {
  outputs.set(`packages/dx-compat/src/internal/generated/${name}`, text);
}

let stale = [];
for (const [path, text] of outputs) {
  const file = join(root, path);
  const current = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (current === text) continue;
  if (check) stale.push(path);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    process.stderr.write(`coverage: wrote ${path}\n`);
  }
}
if (stale.length > 0) {
  process.stderr.write(`coverage: stale, run \`pnpm coverage\` and commit:\n${stale.map((p) => `  ${p}\n`).join("")}`);
  process.exit(1);
}
process.stderr.write(check ? "coverage: COVERAGE.md and generated modules are up to date\n" : "coverage: done\n");
