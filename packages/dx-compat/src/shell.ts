// `dx-compat/shell`: re-exports @dx-compat/shell (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

const pkg = requireInstalled("@dx-compat/shell", "dx-compat/shell");

export const $: typeof import("@dx-compat/shell").$ = pkg["$"] as never;
