// `dx-compat/macro`: re-exports @dx-compat/macro (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/macro", "dx-compat/macro");

// @dx-compat/macro exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
