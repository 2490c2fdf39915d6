#!/usr/bin/env node
// Bootstrap: the only file that runs on whatever Node the machine has (>= 18).
//
//   node tooling/toolchain/run.mjs <root script> [args…]
//
// 1. installs the project's own toolchain (Node 24, Node 22, pnpm, pinned in
//    ./package.json and ./package-lock.json) from the npm registry, once;
// 2. installs the workspace with that pnpm, running on Node 24, with native
//    dependencies compiled against Node 24's headers (offline: they ship in
//    the `node` package);
// 3. runs the root package.json script with Node 24 first on PATH.
// Nothing here depends on a global pnpm, a global Node 24 or the network
// beyond the npm registry.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const toolchainDir = dirname(fileURLToPath(import.meta.url));
const rootDir = join(toolchainDir, "..", "..");
const binDir = join(toolchainDir, "node_modules", ".bin");
const isWindows = process.platform === "win32";
const node24 = join(toolchainDir, "node_modules", "node", "bin", isWindows ? "node.exe" : "node");
const pnpmEntry = join(toolchainDir, "node_modules", "pnpm", "bin", "pnpm.cjs");
const stampFile = join(toolchainDir, "node_modules", ".dx-compat-toolchain");

function say(message) {
  process.stderr.write(`[dx-compat] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? (result.signal ? 128 : 1);
}

function lockHash() {
  return createHash("sha256")
    .update(readFileSync(join(toolchainDir, "package-lock.json")))
    .digest("hex");
}

function ensureToolchain() {
  const wanted = lockHash();
  if (existsSync(node24) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted) return;
  say("installing the toolchain (Node 24, Node 22, pnpm) from the npm registry…");
  const npm = isWindows ? "npm.cmd" : "npm";
  const status = run(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: toolchainDir,
    shell: isWindows,
  });
  if (status !== 0 || !existsSync(node24)) {
    say("could not install the toolchain; see npm's output above");
    process.exit(status || 1);
  }
  writeFileSync(stampFile, wanted);
}

/** The environment every later step runs in: Node 24 first on PATH, its headers for node-gyp. */
function toolchainEnv() {
  const headers = join(toolchainDir, "node_modules", "node", "node_modules", `node-${process.platform}-${process.arch}`);
  const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` };
  if (existsSync(join(headers, "include", "node"))) env.npm_config_nodedir = headers;
  env.TURBO_TELEMETRY_DISABLED = "1";
  env.DO_NOT_TRACK = "1";
  return env;
}

/**
 * Debian packages a script needs on the machine: Chromium for the browser
 * tests, wrk for the HTTP benchmarks. Installed with apt-get when missing and
 * this machine can (root, or password-less sudo); otherwise a line says what
 * is missing (`CHROMIUM_PATH` overrides the browser).
 */
const SYSTEM_PACKAGES = {
  "task:test": [{ name: "chromium", binary: "/usr/bin/chromium", override: "CHROMIUM_PATH", why: "the browser tests" }],
  "task:bench": [{ name: "wrk", binary: "/usr/bin/wrk", why: "the serve/* benchmarks (HTTP load)" }],
};

function ensureSystemPackages(script) {
  const missing = (SYSTEM_PACKAGES[script] ?? []).filter((pkg) => !(pkg.override && process.env[pkg.override]) && !existsSync(pkg.binary));
  if (missing.length === 0) return;
  const names = missing.map((pkg) => pkg.name);
  const why = missing.map((pkg) => `${pkg.name} for ${pkg.why}`).join(", ");
  if (process.platform !== "linux" || !existsSync("/usr/bin/apt-get")) {
    const overrides = missing.filter((pkg) => pkg.override).map((pkg) => ` (or set ${pkg.override})`);
    say(`not found: ${why}; install ${names.join(" ")}${overrides.join("")}`);
    return;
  }
  const asRoot = process.getuid?.() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const aptGet = (args) => (asRoot ? run("apt-get", args, { env }) : run("sudo", ["-n", "apt-get", ...args], { env }));
  say(`installing ${why} (apt-get install ${names.join(" ")})…`);
  if (aptGet(["update", "-qq"]) !== 0 || aptGet(["install", "-y", "-qq", "--no-install-recommends", ...names]) !== 0) {
    say(`could not install ${names.join(" ")}: ${why} will fail`);
  }
}

function pnpm(args, env) {
  return run(node24, [pnpmEntry, ...args], { cwd: rootDir, env });
}

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  say("usage: node tooling/toolchain/run.mjs <script> [args…]");
  process.exit(2);
}
ensureToolchain();
const env = toolchainEnv();
const ci = process.env.CI === "true" || process.env.CI === "1";
say("installing the workspace (pnpm install)…");
const installStatus = pnpm(["install", ci ? "--frozen-lockfile" : "--prefer-offline", "--reporter=append-only"], env);
if (installStatus !== 0) process.exit(installStatus);
ensureSystemPackages(script);
process.exit(pnpm(["run", script, ...rest], env));
