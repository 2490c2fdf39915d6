// A program's handler, as Bun.serve and Bun's sockets call it: whether it
// returned a promise, what is printed when it fails, and what that does to the
// exit code.
import { inspect } from "node:util";

let printedAnError = false;

/**
 * Prints what Bun prints for a handler's failure that nothing handled. Bun
 * goes on (serving, reading the socket), but a process that printed such an
 * error ends with code 1 when its loop runs dry (whatever `process.exitCode`
 * says; `process.exit()` still decides), so the first one also arranges that.
 * Bun's warnings (strings here) do not.
 */
export function reportHandlerFailure(problem: unknown): void {
  process.stderr.write(`${typeof problem === "string" ? problem : inspect(problem)}\n`);
  if (typeof problem === "string" || printedAnError) return;
  printedAnError = true;
  process.once("beforeExit", () => {
    process.exitCode = 1;
  });
}

/** Whether a handler's result is a promise (any thenable) to wait on. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
