// `node --import dx-compat/register app.js`: the one entry with side effects.
// It makes a Bun program run unmodified on Node:
//  - `globalThis.Bun`, assembled lazily from the installed @dx-compat/* packages;
//  - Bun's web globals and fetch extensions (from @dx-compat/web, when installed),
//    and Bun's Response and Request classes (from @dx-compat/bun: Bun.serve's fast path);
//  - `HTMLRewriter` (from @dx-compat/html, when installed);
//  - `bun`, `bun:sqlite`, `bun:ffi` importable (import, import(), require());
//  - TypeScript/JSX and Bun's `import.meta` members.
// It does not set `process.versions.bun`: we do not pretend to be Bun.
import { installBunGlobal } from "./internal/global.ts";
import { registerModuleHooks } from "./internal/hooks.ts";
import { installHtmlRewriterGlobal } from "./internal/html-global.ts";
import { loadInstalled } from "./internal/installed.ts";
import { installBunWebClasses } from "./internal/web-classes.ts";

installBunGlobal();
// The web globals Bun has and this Node lacks, and Bun's fetch/Headers extensions
// (when @dx-compat/web is installed; it fills gaps and never replaces what Node has, fetch aside).
(loadInstalled("@dx-compat/web") as { installWebGlobals?: () => string[] } | null)?.installWebGlobals?.();
installBunWebClasses();
// HTMLRewriter (from @dx-compat/html, when installed), loaded on first touch.
installHtmlRewriterGlobal();
registerModuleHooks();
// Bun maps stack traces to the source; transpiled files carry inline source maps.
process.setSourceMapsEnabled(true);
