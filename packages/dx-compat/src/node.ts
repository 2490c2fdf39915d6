// `dx-compat/node`: re-exports @dx-compat/node (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

const pkg = requireInstalled("@dx-compat/node", "dx-compat/node");

export const readFile: typeof import("@dx-compat/node").readFile = pkg["readFile"] as never;
export const readFileSync: typeof import("@dx-compat/node").readFileSync = pkg["readFileSync"] as never;
