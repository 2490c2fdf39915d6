import { invalidArgType } from "./internal/errors.ts";

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
// One shared cell: Atomics.wait blocks the thread without spinning.
const waitCell = new Int32Array(new SharedArrayBuffer(4));

/** Bun reads the delay as a saturating 32-bit integer, truncated toward zero. */
function toSaturatedInt32(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.trunc(Math.min(Math.max(value, INT32_MIN), INT32_MAX));
}

/**
 * `Bun.sleepSync(ms)`: blocks the thread for `ms` milliseconds. Bun's errors:
 * a non-number is a `TypeError` (`ERR_INVALID_ARG_TYPE`), and so is a delay
 * that is negative after truncation.
 *
 * @example
 * ```ts
 * import { sleepSync } from "@dx-compat/bun";
 * sleepSync(5);
 * ```
 */
export const sleepSync: typeof import("bun").sleepSync = function sleepSync(ms: number): void {
  if (typeof ms !== "number") throw invalidArgType("milliseconds must be a number");
  const milliseconds = toSaturatedInt32(ms);
  if (milliseconds < 0) throw invalidArgType(`argument to sleepSync must not be negative, got ${milliseconds}`);
  if (milliseconds > 0) Atomics.wait(waitCell, 0, 0, milliseconds);
};
