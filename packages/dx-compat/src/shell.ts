// `dx-compat/shell`: re-exports @dx-compat/shell (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/shell", "dx-compat/shell");

// @dx-compat/shell exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
