// @dx-compat/web: Web APIs plus Bun's fetch and WebSocket extensions.
// Re-exports only; importing this module installs nothing (see installWebGlobals).
export { alert } from "./alert.ts";
export { CloseEvent, type CloseEventInit } from "./close-event.ts";
export { confirm } from "./confirm.ts";
export { ErrorEvent, type ErrorEventInit } from "./error-event.ts";
export { fetch } from "./fetch.ts";
export { FetchSession } from "./fetch-session.ts";
export { installWebGlobals } from "./install-web-globals.ts";
export { prompt } from "./prompt.ts";
export { reportError } from "./report-error.ts";
export { ShadowRealm, type ShadowRealmConstructor, type ShadowRealmInstance } from "./shadow-realm.ts";
export { URLPattern } from "./url-pattern.ts";
export { WebSocket } from "./web-socket.ts";
export { Worker, type WorkerOptions } from "./worker.ts";
