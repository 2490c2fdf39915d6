/**
 * Bun's `reportError(error)`: reports `error` as an uncaught exception without
 * interrupting the caller. With `process.on("uncaughtException")` handlers,
 * they get it at once, during the call, as in Bun. Without, the code after
 * the call still runs; then the process prints the error and exits with code
 * 1, as for any uncaught exception (in Node's format, not Bun's).
 *
 * @example
 * ```ts
 * import { reportError } from "@dx-compat/web";
 * reportError(new Error("lost connection")); // the process exits with 1 after this task
 * ```
 */
export const reportError: (error: unknown) => void = function reportError(error: unknown): void {
  if (process.listenerCount("uncaughtException") > 0) {
    // Any value can be reported, not only an Error: emit takes it as it is.
    const emit = process.emit as (this: NodeJS.Process, event: string, ...args: unknown[]) => boolean;
    emit.call(process, "uncaughtExceptionMonitor", error, "uncaughtException");
    emit.call(process, "uncaughtException", error, "uncaughtException");
    return;
  }
  // Node's own path for an uncaught exception: its printing, its exit code.
  process.nextTick(() => {
    throw error;
  });
};
