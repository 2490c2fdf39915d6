// The shared build preset: ESM only (every supported Node — >=22.15 — can
// require() ESM, so one module instance serves `import` and `require` alike and
// there is no dual-package hazard), declarations emitted next to the code,
// Node 22 syntax, nothing minified so stack traces stay readable.
/** @param {import("tsup").Options} [overrides] */
export function definePackageBuild(overrides = {}) {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    target: "node22",
    platform: "node",
    dts: true,
    // Published sources must declare their types (isolatedDeclarations); tests and configs need not.
    tsconfig: "tsconfig.build.json",
    clean: true,
    sourcemap: true,
    splitting: true,
    treeshake: false,
    minify: false,
    // Bun's functions have names users see (`Bun.sleepSync.name`); esbuild would
    // otherwise rename a function that shares its name with its export binding.
    keepNames: true,
    // Shared internals are private: inline them so each package installs alone.
    noExternal: [/^@dx-compat\/shared/],
    ...overrides,
  };
}
