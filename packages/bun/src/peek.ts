import { types } from "node:util";
import { promiseResultOrSelf, promiseState } from "@dx-compat/shared/promise-state";

type Peek = typeof import("bun").peek;

/**
 * `Bun.peek(value)`: a settled promise's value (or rejection reason) right
 * now, without awaiting; a pending promise comes back as itself and any other
 * value as it is. Peeking a rejected promise does not mark it handled. Read
 * through an in-thread `node:inspector` session (see
 * @dx-compat/shared/promise-state); answers for settled promises are cached.
 *
 * `Bun.peek.status(value)`: `"pending"`, `"fulfilled"` or `"rejected"`
 * (`"fulfilled"` for a non-promise).
 *
 * @example
 * ```ts
 * import { peek } from "@dx-compat/bun";
 * const ready = Promise.resolve(42);
 * peek(ready);        // 42
 * peek.status(ready); // "fulfilled"
 * ```
 */
export const peek: Peek = Object.defineProperty(
  // Bun's peek is an anonymous function of length 1; a method (here with an
  // empty name) has, like Bun's functions, no prototype and no constructor.
  {
    ""(promise: unknown): unknown {
      return types.isPromise(promise) ? promiseResultOrSelf("Bun.peek", promise) : promise;
    },
  }[""]!,
  "status",
  {
    // Also anonymous in Bun.
    value: {
      ""(promise: unknown): "pending" | "fulfilled" | "rejected" {
        return types.isPromise(promise) ? promiseState("Bun.peek.status", promise) : "fulfilled";
      },
    }[""]!,
    writable: false,
    enumerable: true,
    configurable: false,
  },
) as Peek;
