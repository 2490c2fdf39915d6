// `dx-compat/web`: re-exports @dx-compat/web (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/web", "dx-compat/web");

// @dx-compat/web exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
