// The explicit opt-in that makes Node's globals what a Bun program expects.
// It fills only what the running Node lacks, and replaces something Node has
// only where Bun's version is a strict superset of Node's (fetch, WebSocket).
import { alert } from "./alert.ts";
import { CloseEvent } from "./close-event.ts";
import { confirm } from "./confirm.ts";
import { ErrorEvent } from "./error-event.ts";
import { fetch } from "./fetch.ts";
import { AsyncDisposableStack, DisposableStack, SuppressedError } from "./internal/globals/disposable-stack.ts";
import { mainThreadEventGlobals } from "./internal/globals/main-thread-events.ts";
import { fillTemporal } from "./internal/globals/temporal.ts";
import { extendHeadersPrototype } from "./internal/headers/methods.ts";
import { prompt } from "./prompt.ts";
import { reportError } from "./report-error.ts";
import { ShadowRealm } from "./shadow-realm.ts";
import { URLPattern } from "./url-pattern.ts";
import { WebSocket } from "./web-socket.ts";
import { Worker } from "./worker.ts";

function defineGlobal(name: string, value: unknown): void {
  // As a global from a script: writable, configurable, enumerable (as Bun's are).
  Object.defineProperty(globalThis, name, { value, writable: true, enumerable: true, configurable: true });
}

function fillGlobal(name: string, value: unknown, installed: string[]): void {
  if (name in globalThis) return;
  defineGlobal(name, value);
  installed.push(name);
}

/** An ECMAScript built-in the engine lacks (Node 22): non-enumerable, as the engine's own. */
function fillBuiltin(name: string, value: unknown, installed: string[]): void {
  if (name in globalThis) return;
  Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  installed.push(name);
}

/** `self`, as in Bun (and browsers): the global object, replaceable by assignment. */
function fillSelf(installed: string[]): void {
  if ("self" in globalThis) return;
  let self: unknown = globalThis;
  Object.defineProperty(globalThis, "self", {
    get: () => self,
    set: (value: unknown) => {
      self = value;
    },
    enumerable: true,
    configurable: true,
  });
  installed.push("self");
}

/**
 * Installs on the global object what a Bun program expects and this Node lacks:
 * `URLPattern`, `CloseEvent`, `ErrorEvent`, `self`, `reportError`, `alert`,
 * `confirm`, `prompt`, `Worker`, `ShadowRealm`, `SuppressedError`,
 * `DisposableStack` and `AsyncDisposableStack` (Node 22), `Temporal` (temporal-polyfill,
 * loaded on first use), the main thread's `addEventListener`,
 * `removeEventListener`, `dispatchEvent`, `postMessage`, `onmessage` and
 * `onerror`, Bun's `Headers.prototype`
 * members (`toJSON`, `getAll`, `count`), and Bun's `fetch` in place of Node's
 * (a superset: same standard behaviour, plus Bun's options), and Bun's
 * `WebSocket` client in place of Node's (a superset too). Idempotent.
 *
 * @returns the names it installed this time (`"Headers.prototype.toJSON"` for a prototype member).
 *
 * @example
 * ```ts
 * import { installWebGlobals } from "@dx-compat/web";
 * installWebGlobals(); // e.g. ["URLPattern", "CloseEvent", "ErrorEvent", "self", "Headers.prototype.toJSON", …, "fetch"]
 * ```
 */
export function installWebGlobals(): string[] {
  const installed: string[] = [];
  fillGlobal("URLPattern", URLPattern, installed);
  fillGlobal("CloseEvent", CloseEvent, installed);
  fillGlobal("ErrorEvent", ErrorEvent, installed);
  fillSelf(installed);
  fillGlobal("reportError", reportError, installed);
  fillGlobal("alert", alert, installed);
  fillGlobal("confirm", confirm, installed);
  fillGlobal("prompt", prompt, installed);
  fillGlobal("Worker", Worker, installed);
  fillGlobal("ShadowRealm", ShadowRealm, installed);
  if (fillTemporal()) installed.push("Temporal");
  fillBuiltin("SuppressedError", SuppressedError, installed);
  fillBuiltin("DisposableStack", DisposableStack, installed);
  fillBuiltin("AsyncDisposableStack", AsyncDisposableStack, installed);
  for (const [name, value] of mainThreadEventGlobals()) fillGlobal(name, value, installed);
  // Touching Headers loads Node's bundled undici (~20-45 ms): Node defines it as a
  // lazy data property that no accessor can intercept, so Bun's members cost that at startup.
  for (const member of extendHeadersPrototype(Headers.prototype)) installed.push(`Headers.prototype.${member}`);
  if (Object.getOwnPropertyDescriptor(globalThis, "fetch")?.value !== fetch) {
    defineGlobal("fetch", fetch);
    installed.push("fetch");
  }
  // Bun's WebSocket is a superset of Node's (headers/tls options, ping/pong, terminate…).
  if ((globalThis as { WebSocket?: unknown }).WebSocket !== WebSocket) {
    defineGlobal("WebSocket", WebSocket);
    installed.push("WebSocket");
  }
  return installed;
}
