import { isAbsolute, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker as ThreadWorker } from "node:worker_threads";
import { CloseEvent as OwnCloseEvent } from "./close-event.ts";
import { ErrorEvent as OwnErrorEvent } from "./error-event.ts";
import { notImplemented } from "@dx-compat/shared/errors";
import { blobEntry } from "./internal/worker/blob-entry.ts";
import type { BlobEntry } from "./internal/worker/blob-entry.ts";
import { WORKER_SCOPE_SOURCE } from "./internal/worker/worker-scope.ts";

/** What the thread's scope is told to run: a module URL, or a blob URL's Blob (passed as `workerData`). */
function entryOf(specifier: string | URL): { entry: string | Omit<BlobEntry, "blob">; blob?: BlobEntry["blob"] } {
  const text = String(specifier);
  if (!/^blob:/i.test(text)) return { entry: moduleURL(text) };
  const { blob, ...entry } = blobEntry(text);
  return { entry, blob };
}

/** Bun's `WorkerOptions`, as far as worker_threads can honour them. */
export interface WorkerOptions {
  name?: string;
  type?: "module" | "classic";
  credentials?: string;
  /** The worker's `process.env` (worker_threads' `SHARE_ENV` shares the parent's). */
  env?: Record<string, string> | typeof import("node:worker_threads").SHARE_ENV;
  /** Appended to the worker's `process.argv`. */
  argv?: unknown[];
  /** The worker's `process.execArgv` (by default the parent's, so dx-compat/register runs there too). */
  execArgv?: string[];
  /** Modules imported, in order, before the worker's own. */
  preload?: string | string[];
  /** false: the worker does not hold the process open (as `unref()` right away). */
  ref?: boolean;
  /** Bun's smaller heap: accepted, no effect (V8's limits stay as they are). */
  smol?: boolean;
}

const CloseEventClass: typeof OwnCloseEvent = (globalThis as unknown as { CloseEvent?: typeof OwnCloseEvent }).CloseEvent ?? OwnCloseEvent;

/** A file URL for the worker's module: URLs as they are, paths from the current directory (as Bun resolves an entry point). */
function moduleURL(specifier: string | URL): string {
  const text = String(specifier);
  if (text.startsWith("file:")) return pathToFileURL(fileURLToPath(text)).href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) throw notImplemented("Worker", `only file paths, file: and blob: URLs can be run on Node (got ${JSON.stringify(text)})`);
  return pathToFileURL(isAbsolute(text) ? text : resolve(process.cwd(), text)).href;
}

function preloadURLs(preload: string | string[] | undefined): string[] {
  if (preload === undefined) return [];
  return (Array.isArray(preload) ? preload : [preload]).map((specifier) => (specifier.startsWith(".") || isAbsolute(specifier) ? moduleURL(specifier) : specifier));
}

type Handler = ((this: Worker, event: Event) => unknown) | null;

/**
 * Bun's `Worker` on worker_threads: the module (a path from the current
 * directory, a `file:` URL, or a `blob:` URL from `URL.createObjectURL`)
 * runs in a thread with the global scope Bun gives a worker (`self`,
 * `postMessage`, `onmessage`); events `open`, `message`, `messageerror`,
 * `error` and `close` (a `CloseEvent` whose `code` is the thread's exit
 * code: 0 and "Worker terminated normally", or "Worker exited abnormally"),
 * `postMessage`, `terminate`, `ref`/`unref`, `threadId`.
 *
 * @example
 * ```ts
 * import { Worker } from "@dx-compat/web";
 * const worker = new Worker(new URL("./worker.ts", import.meta.url));
 * worker.onmessage = (event) => console.log((event as MessageEvent).data);
 * worker.postMessage("hello");
 * ```
 */
export class Worker extends EventTarget {
  readonly #thread: ThreadWorker;
  #terminated = false;
  readonly #handlers: Record<"message" | "messageerror" | "error", Handler> = { message: null, messageerror: null, error: null };

  constructor(specifier: string | URL, options: WorkerOptions = {}) {
    super();
    if (arguments.length === 0) throw new TypeError("Worker constructor requires at least 1 argument");
    const { entry, blob } = entryOf(specifier);
    const workerScope = { entry, preload: preloadURLs(options.preload) };
    this.#thread = new ThreadWorker(`const workerScope = ${JSON.stringify(workerScope)};\n${WORKER_SCOPE_SOURCE}`, {
      eval: true,
      workerData: blob,
      name: options.name,
      env: options.env,
      argv: options.argv,
      execArgv: options.execArgv ?? process.execArgv,
    });
    for (const type of ["message", "messageerror", "error"] as const) {
      this.addEventListener(type, (event) => this.#handlers[type]?.call(this, event));
    }
    this.#listen();
    if (options.ref === false) this.#thread.unref();
  }

  #listen(): void {
    const thread = this.#thread;
    thread.once("online", () => this.dispatchEvent(new Event("open")));
    thread.on("message", (data: unknown) => this.dispatchEvent(new MessageEvent("message", { data })));
    thread.on("messageerror", (data: unknown) => this.dispatchEvent(new MessageEvent("messageerror", { data })));
    thread.on("error", (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
      this.dispatchEvent(new OwnErrorEvent("error", { message, error, cancelable: true }));
    });
    thread.on("exit", (exitCode: number) => {
      // terminate() ends the thread with code 1 in Node; Bun reports a terminated worker as a normal end.
      const code = this.#terminated ? 0 : exitCode;
      const reason = code === 0 ? "Worker terminated normally" : "Worker exited abnormally";
      this.dispatchEvent(new CloseEventClass("close", { code, reason, wasClean: code === 0 }));
    });
  }

  get onmessage(): Handler {
    return this.#handlers.message;
  }
  set onmessage(handler: Handler) {
    this.#handlers.message = typeof handler === "function" ? handler : null;
  }
  get onmessageerror(): Handler {
    return this.#handlers.messageerror;
  }
  set onmessageerror(handler: Handler) {
    this.#handlers.messageerror = typeof handler === "function" ? handler : null;
  }
  get onerror(): Handler {
    return this.#handlers.error;
  }
  set onerror(handler: Handler) {
    this.#handlers.error = typeof handler === "function" ? handler : null;
  }

  /** The thread's id (`worker_threads`' `threadId`). */
  get threadId(): number {
    return this.#thread.threadId;
  }

  /** Sends `message` (structured clone) to the worker; `transfer` is a list, or `{ transfer }`. */
  postMessage(message: unknown, transfer?: readonly unknown[] | { transfer?: readonly unknown[] }): void {
    const list = Array.isArray(transfer) ? transfer : (transfer as { transfer?: readonly unknown[] } | undefined)?.transfer;
    this.#thread.postMessage(message, list as never);
  }

  /** Stops the thread; its `close` event follows (code 0, as in Bun). */
  terminate(): void {
    this.#terminated = true;
    void this.#thread.terminate();
  }

  ref(): void {
    this.#thread.ref();
  }

  unref(): void {
    this.#thread.unref();
  }
}
