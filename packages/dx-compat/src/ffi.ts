// `dx-compat/ffi`: re-exports @dx-compat/ffi (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/ffi", "dx-compat/ffi");

// @dx-compat/ffi exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
