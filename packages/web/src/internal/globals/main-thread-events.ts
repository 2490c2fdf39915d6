// The main thread's global event functions, as Bun has them: its global
// object answers addEventListener/removeEventListener/dispatchEvent through an
// EventTarget of its own (an event's target is that object, not globalThis),
// has `onmessage`/`onerror` slots, and a `postMessage` that goes nowhere (there
// is no parent). A worker's scope (../worker/worker-scope.ts) defines its own
// before this runs, so only the main thread gets these.
import { isMainThread } from "node:worker_threads";

const events = new EventTarget();

type Listener = Parameters<EventTarget["addEventListener"]>[1];

function addEventListener(type: string, listener: Listener, options?: AddEventListenerOptions | boolean): void {
  events.addEventListener(type, listener, options);
}

function removeEventListener(type: string, listener: Listener, options?: EventListenerOptions | boolean): void {
  events.removeEventListener(type, listener, options);
}

function dispatchEvent(event: Event): boolean {
  return events.dispatchEvent(event);
}

/** Bun's main-thread `postMessage`: accepted and delivered nowhere. */
function postMessage(_message: unknown, _transfer?: unknown): void {}

/** The names and values to fill on the main thread's global object (none elsewhere). */
export function mainThreadEventGlobals(): [string, unknown][] {
  if (!isMainThread) return [];
  return [
    ["addEventListener", addEventListener],
    ["removeEventListener", removeEventListener],
    ["dispatchEvent", dispatchEvent],
    ["postMessage", postMessage],
    ["onmessage", null],
    ["onerror", null],
  ];
}
