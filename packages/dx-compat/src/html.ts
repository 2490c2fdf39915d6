// `dx-compat/html`: re-exports @dx-compat/html (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/html", "dx-compat/html");

// @dx-compat/html exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
