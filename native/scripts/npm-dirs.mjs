#!/usr/bin/env node
// Publish-time packaging, napi-rs style: one npm package per target in
// `napi.targets` (npm/<suffix>/, git-ignored), each holding that platform's
// `dx-compat-native.<suffix>.node`, and the main package's
// `optionalDependencies` pointing at them so npm installs only the matching
// one. Binaries come from CI's per-platform builds, copied next to
// package.json (or into artifacts/ with the same names) before this runs.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const manifestPath = join(root, "package.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const { binaryName, packageName, targets } = manifest.napi;

/** napi-rs target triple → `<platform>-<arch>[-<abi>]`, plus the npm `os`/`cpu`/`libc` fields. */
function describe(triple) {
  const [arch, , os, abi] = triple.split("-");
  const cpu = { x86_64: "x64", aarch64: "arm64" }[arch];
  if (os === "darwin") return { suffix: `darwin-${cpu}`, os: "darwin", cpu };
  if (os === "windows") return { suffix: `win32-${cpu}-msvc`, os: "win32", cpu };
  return { suffix: `linux-${cpu}-${abi}`, os: "linux", cpu, libc: abi === "musl" ? "musl" : "glibc" };
}

const optionalDependencies = {};
const missing = [];
for (const triple of targets) {
  const { suffix, os, cpu, libc } = describe(triple);
  const file = `${binaryName}.${suffix}.node`;
  const dir = join(root, "npm", suffix);
  mkdirSync(dir, { recursive: true });
  const name = `${packageName}-${suffix}`;
  const platformManifest = {
    name,
    version: manifest.version,
    description: `${packageName}'s addon for ${triple}`,
    license: manifest.license,
    repository: manifest.repository,
    main: file,
    files: [file],
    os: [os],
    cpu: [cpu],
    ...(libc ? { libc: [libc] } : {}),
    engines: manifest.engines,
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(platformManifest, null, 2)}\n`);
  const source = [join(root, file), join(root, "artifacts", file)].find((candidate) => existsSync(candidate));
  if (source) copyFileSync(source, join(dir, file));
  else missing.push(file);
  optionalDependencies[name] = manifest.version;
}
manifest.optionalDependencies = optionalDependencies;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`[native] npm/ written for ${targets.length} targets\n`);
if (missing.length > 0) {
  process.stderr.write(`[native] binaries missing (build them on their platforms first): ${missing.join(", ")}\n`);
  process.exitCode = 1;
}
