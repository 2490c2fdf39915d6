// A helper thread for work this thread must wait for synchronously (what Node
// offers only asynchronously): the caller posts a request carrying a shared
// Int32Array cell, then blocks on the cell until the helper stores a state in
// it and notifies. Used by dns-sync.ts and blob-sync.ts.
import { Worker } from "node:worker_threads";

/**
 * The thread running `source` (CommonJS, node: builtins only), started on
 * first use and never keeping the process alive. No --import preloads (the
 * process's, such as dx-compat/register): the helper needs none.
 */
export function helperThread(source: string): () => Worker {
  let thread: Worker | undefined;
  return () => {
    if (thread === undefined) {
      thread = new Worker(source, { eval: true, execArgv: [] });
      thread.unref();
    }
    return thread;
  };
}

/** Posts `message` and blocks until the helper stores a state (non-zero) in `cell[0]`; returns it, with the cell reset to 0. */
export function postAndWait(thread: Worker, message: unknown, cell: Int32Array): number {
  thread.postMessage(message);
  Atomics.wait(cell, 0, 0);
  const state = Atomics.load(cell, 0);
  Atomics.store(cell, 0, 0);
  return state;
}
