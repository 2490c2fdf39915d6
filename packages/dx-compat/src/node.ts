// `dx-compat/node`: re-exports @dx-compat/node (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/node", "dx-compat/node");

// @dx-compat/node exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
