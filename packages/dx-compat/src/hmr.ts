// `dx-compat/hmr`: re-exports @dx-compat/hmr (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/hmr", "dx-compat/hmr");

// @dx-compat/hmr exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
