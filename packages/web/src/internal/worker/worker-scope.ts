// What runs first in a worker thread started by Bun's `Worker`: the worker's
// global scope as Bun gives it (`self`, `postMessage`, `onmessage`,
// `onmessageerror`, `addEventListener` for messages; no `close`), then the
// preloads and the worker's module. Passed to worker_threads as source
// (`eval`), so no file of this package needs to be found from the thread.
//
// A message listener is attached to the parent port only while the program
// has one: a worker that never listens ends when its module is done, as in Bun.
//
// A blob: URL's module (`entry` is then `{ url, missing? }`, the Blob itself
// comes as workerData) runs as Bun runs it: at the URL `file:///<blob URL>`
// (its import.meta.url), TypeScript syntax allowed, its relative and bare
// imports resolved from the current directory. Module hooks in this thread
// serve it; they run before dx-compat's, which then resolve its imports.

/** The setup, as source: a CommonJS script run with `{ entry, preload }` as `workerScope`. */
export const WORKER_SCOPE_SOURCE = `
"use strict";
const { parentPort } = require("node:worker_threads");
const { entry, preload } = workerScope;
const port = parentPort;
if (!("self" in globalThis)) {
  Object.defineProperty(globalThis, "self", { value: globalThis, writable: true, enumerable: true, configurable: true });
}
const handlers = { message: null, messageerror: null };
const forwarders = {};
for (const type of ["message", "messageerror"]) {
  forwarders[type] = (event) => { const handler = handlers[type]; if (handler !== null) handler.call(globalThis, event); };
  Object.defineProperty(globalThis, "on" + type, {
    get: () => handlers[type],
    set: (value) => {
      const handler = typeof value === "function" ? value : null;
      if (handler !== null && handlers[type] === null) port.addEventListener(type, forwarders[type]);
      if (handler === null && handlers[type] !== null) port.removeEventListener(type, forwarders[type]);
      handlers[type] = handler;
    },
    enumerable: true,
    configurable: true,
  });
}
const local = new EventTarget();
const targetFor = (type) => (type === "message" || type === "messageerror" ? port : local);
const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: true, enumerable: true, configurable: true });
define("addEventListener", function addEventListener(type, listener, options) { return targetFor(String(type)).addEventListener(type, listener, options); });
define("removeEventListener", function removeEventListener(type, listener, options) { return targetFor(String(type)).removeEventListener(type, listener, options); });
define("dispatchEvent", function dispatchEvent(event) { return targetFor(event.type).dispatchEvent(event); });
define("postMessage", function postMessage(message, transfer) {
  const list = Array.isArray(transfer) ? transfer : transfer && typeof transfer === "object" ? transfer.transfer : undefined;
  port.postMessage(message, list);
});
// Node runs --import/--require (dx-compat/register among them) in file workers, not in eval'd ones: run them here.
const { pathToFileURL } = require("node:url");
const { isAbsolute, resolve } = require("node:path");
const startup = [];
const argv = process.execArgv;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  for (const [flag, kind] of [["--import", "import"], ["--require", "require"], ["-r", "require"]]) {
    if (arg === flag && i + 1 < argv.length) startup.push([kind, argv[++i]]);
    else if (arg.startsWith(flag + "=")) startup.push([kind, arg.slice(flag.length + 1)]);
  }
}
async function blobModule({ url, missing }) {
  const threads = require("node:worker_threads");
  const blob = threads.workerData;
  // The Blob was only the carrier: the worker's own workerData is undefined, as in Bun.
  threads.workerData = undefined;
  require("node:module").syncBuiltinESMExports();
  if (missing !== undefined) {
    const error = new Error(missing);
    error.name = "BuildMessage";
    error.stack = "BuildMessage: " + missing;
    throw error;
  }
  const moduleURL = "file:///" + url;
  // Bun's import.meta for a blob module, set on its first line (after any #! line) so other lines keep their numbers.
  const meta = "import.meta.path = import.meta.filename = " + JSON.stringify("/" + url) + "; import.meta.dir = import.meta.dirname = ''; import.meta.file = " + JSON.stringify(url) + "; import.meta.main = false; ";
  const text = await blob.text();
  const shebang = text.startsWith("#!") ? text.slice(0, text.indexOf("\\n") + 1 || text.length) : "";
  const source = shebang + (shebang !== "" && !shebang.endsWith("\\n") ? "\\n" : "") + meta + text.slice(shebang.length);
  const base = pathToFileURL(resolve("[blob]")).href;
  require("node:module").registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === moduleURL) return { url: moduleURL, format: "module-typescript", shortCircuit: true };
      return nextResolve(specifier, context.parentURL === moduleURL ? { ...context, parentURL: base } : context);
    },
    load(loadURL, context, nextLoad) {
      if (loadURL === moduleURL) return { format: "module-typescript", source, shortCircuit: true };
      return nextLoad(loadURL, context);
    },
  });
  return moduleURL;
}
const located = (specifier) => (specifier.startsWith(".") ? resolve(specifier) : specifier);
(async () => {
  for (const [kind, specifier] of startup) {
    const target = located(specifier);
    if (kind === "require") require(target);
    else await import(isAbsolute(target) ? pathToFileURL(target).href : target);
  }
  for (const specifier of preload) await import(specifier);
  await import(typeof entry === "string" ? entry : await blobModule(entry));
})().catch((error) => {
  // Reported as the worker's uncaught error: the parent's "error" event, then "close" with code 1.
  process.nextTick(() => { throw error; });
});
`;
