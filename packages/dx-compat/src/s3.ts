// `dx-compat/s3`: re-exports @dx-compat/s3 (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

requireInstalled("@dx-compat/s3", "dx-compat/s3");

// @dx-compat/s3 exports nothing yet (test/subpaths.test.ts keeps this list equal to its exports).
export {};
