// `ws` is loaded on the first `new WebSocket()`, so installing the global
// costs nothing at startup. It is CommonJS, so a synchronous require works
// inside the (synchronous) constructor.
import { createRequire } from "node:module";
import type WsWebSocket from "ws";

export type WsModule = typeof WsWebSocket;

let loaded: WsModule | undefined;

export function loadWs(): WsModule {
  loaded ??= createRequire(import.meta.url)("ws") as WsModule;
  return loaded;
}
