// `dx-compat/compile`: re-exports @dx-compat/compile (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/compile", "dx-compat/compile");

// @dx-compat/compile exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
