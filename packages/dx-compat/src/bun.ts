// `dx-compat/bun`: re-exports @dx-compat/bun (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

const pkg = requireInstalled("@dx-compat/bun", "dx-compat/bun");

export const argv: typeof import("@dx-compat/bun").argv = pkg["argv"] as never;
export const env: typeof import("@dx-compat/bun").env = pkg["env"] as never;
export const hash: typeof import("@dx-compat/bun").hash = pkg["hash"] as never;
export const main: typeof import("@dx-compat/bun").main = pkg["main"] as never;
export const sleep: typeof import("@dx-compat/bun").sleep = pkg["sleep"] as never;
export const sleepSync: typeof import("@dx-compat/bun").sleepSync = pkg["sleepSync"] as never;
