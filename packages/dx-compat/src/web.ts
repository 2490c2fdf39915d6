// `dx-compat/web`: re-exports @dx-compat/web (an optional peer: importing this
// subpath without it installed throws an error that names the package).
import { requireInstalled } from "./internal/installed.ts";

const pkg = requireInstalled("@dx-compat/web", "dx-compat/web");

// test/subpaths.test.ts keeps this list equal to @dx-compat/web's exports.
export const alert: typeof import("@dx-compat/web").alert = pkg["alert"] as never;
export const CloseEvent: typeof import("@dx-compat/web").CloseEvent = pkg["CloseEvent"] as never;
export const confirm: typeof import("@dx-compat/web").confirm = pkg["confirm"] as never;
export const ErrorEvent: typeof import("@dx-compat/web").ErrorEvent = pkg["ErrorEvent"] as never;
export const fetch: typeof import("@dx-compat/web").fetch = pkg["fetch"] as never;
export const FetchSession: typeof import("@dx-compat/web").FetchSession = pkg["FetchSession"] as never;
export const installWebGlobals: typeof import("@dx-compat/web").installWebGlobals = pkg["installWebGlobals"] as never;
export const prompt: typeof import("@dx-compat/web").prompt = pkg["prompt"] as never;
export const reportError: typeof import("@dx-compat/web").reportError = pkg["reportError"] as never;
export const ShadowRealm: typeof import("@dx-compat/web").ShadowRealm = pkg["ShadowRealm"] as never;
export const URLPattern: typeof import("@dx-compat/web").URLPattern = pkg["URLPattern"] as never;
export const WebSocket: typeof import("@dx-compat/web").WebSocket = pkg["WebSocket"] as never;
export const Worker: typeof import("@dx-compat/web").Worker = pkg["Worker"] as never;
