#!/usr/bin/env node
// Builds the Rust addon from source, offline, into
// `dx-compat-native.<platform>.node` next to package.json (napi-rs naming).
// `cargo` must be on PATH; nothing is downloaded (the crate has no
// dependencies). Set DX_COMPAT_SKIP_ADDON=1 to build only the TypeScript.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { platformSuffix } from "../src/internal/platform.ts";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const binaryName = "dx-compat-native";

function libraryFile() {
  if (process.platform === "win32") return "dx_compat_native.dll";
  if (process.platform === "darwin") return "libdx_compat_native.dylib";
  return "libdx_compat_native.so";
}

function main() {
  if (process.env.DX_COMPAT_SKIP_ADDON === "1") {
    process.stdout.write("[native] DX_COMPAT_SKIP_ADDON=1: addon not built, the TypeScript twin will serve\n");
    return;
  }
  const started = Date.now();
  process.stdout.write("[native] cargo build --release (offline, no dependencies)\n");
  const cargo = spawnSync("cargo", ["build", "--release", "--offline", "--manifest-path", join(root, "Cargo.toml")], {
    stdio: "inherit",
    env: { ...process.env, CARGO_TERM_PROGRESS_WHEN: "never" },
  });
  if (cargo.error) throw new Error(`[native] could not run cargo: ${cargo.error.message}`, { cause: cargo.error });
  if (cargo.status !== 0) process.exit(cargo.status ?? 1);
  const built = join(root, "target", "release", libraryFile());
  if (!existsSync(built)) throw new Error(`[native] cargo succeeded but ${built} is missing`);
  const target = join(root, `${binaryName}.${platformSuffix()}.node`);
  // Copy, then rename over the old binary: rewriting it in place would crash
  // (SIGBUS) every running process that has it loaded.
  copyFileSync(built, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  process.stdout.write(`[native] ${target} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

main();
