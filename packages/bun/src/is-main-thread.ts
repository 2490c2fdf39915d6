import { isMainThread as nodeIsMainThread } from "node:worker_threads";

/**
 * `Bun.isMainThread`: `false` inside a `Worker`, `true` otherwise.
 *
 * @example
 * ```ts
 * import { isMainThread } from "@dx-compat/bun";
 * if (isMainThread) startWorkers();
 * ```
 */
export const isMainThread: typeof import("bun").isMainThread = nodeIsMainThread;
