// `dx-compat/html`: re-exports @dx-compat/html (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

const pkg = requireInstalled("@dx-compat/html", "dx-compat/html");

// test/subpaths.test.ts keeps this list equal to @dx-compat/html's exports.
export const HTMLRewriter: typeof import("@dx-compat/html").HTMLRewriter = pkg["HTMLRewriter"] as never;
