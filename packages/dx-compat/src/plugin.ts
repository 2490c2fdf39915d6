// `dx-compat/plugin`: re-exports @dx-compat/plugin (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/plugin", "dx-compat/plugin");

// @dx-compat/plugin exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
