// `dx-compat/sqlite`: re-exports @dx-compat/sqlite (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/sqlite", "dx-compat/sqlite");

// @dx-compat/sqlite exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
