// Generated inputs under CI come from one fixed seed, so a run that landed can
// be replayed exactly and a new divergence fails the run that introduced it,
// not a later, unrelated one. Locally every run draws a fresh seed (more
// ground covered); DX_COMPAT_TEST_SEED=<n> replays a given one.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const CI_SEED = 20261121;
const seed = process.env.DX_COMPAT_TEST_SEED ?? (process.env.CI ? String(CI_SEED) : undefined);

if (seed !== undefined) {
  process.env.DX_COMPAT_TEST_SEED = seed;
  let manifest;
  try {
    // The package under test's own fast-check, through its ES module entry:
    // the instance its tests import (the CommonJS entry would be another one).
    manifest = createRequire(join(process.cwd(), "package.json")).resolve("fast-check/package.json");
  } catch {
    // This package does not use fast-check.
  }
  if (manifest !== undefined) {
    const { exports } = JSON.parse(readFileSync(manifest, "utf8"));
    const fc = await import(pathToFileURL(join(dirname(manifest), exports["."].import.default)).href);
    fc.configureGlobal({ seed: Number(seed) });
  }
}
