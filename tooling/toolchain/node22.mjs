#!/usr/bin/env node
// The suites that must also pass on Node 22 (engines: >=22.15): every package's
// tests and the examples' tests, run by vitest on the toolchain's Node 22. Differential tests spawn
// process.execPath, so the programs under test run on Node 22 as well.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const toolchainDir = dirname(fileURLToPath(import.meta.url));
const rootDir = join(toolchainDir, "..", "..");
const node22 = join(toolchainDir, "node_modules", "node22", "bin", process.platform === "win32" ? "node.exe" : "node");
const vitest = join(rootDir, "node_modules", "vitest", "vitest.mjs");

const suites = [
  ...readdirSync(join(rootDir, "packages")).map((name) => join("packages", name)),
  "native",
  join("tooling", "oracle"),
  // The demo app must run on Node 22 too.
  ...readdirSync(join(rootDir, "examples")).map((name) => join("examples", name)),
].filter((dir) => existsSync(join(rootDir, dir, "test")));

const version = spawnSync(node22, ["--version"], { encoding: "utf8" }).stdout.trim();
process.stderr.write(`[dx-compat] running ${suites.length} suites on Node ${version}\n`);
const failed = [];
for (const [index, suite] of suites.entries()) {
  process.stderr.write(`[dx-compat] (${index + 1}/${suites.length}) ${suite} on Node ${version}\n`);
  const { status } = spawnSync(node22, [vitest, "run", "--reporter=dot"], { cwd: join(rootDir, suite), stdio: "inherit" });
  if (status !== 0) failed.push(suite);
}
if (failed.length > 0) {
  process.stderr.write(`[dx-compat] failed on Node ${version}: ${failed.join(", ")}\n`);
  process.exit(1);
}
process.stderr.write(`[dx-compat] all ${suites.length} suites pass on Node ${version}\n`);
