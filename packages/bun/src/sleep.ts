import { setImmediate as nextTurn, setTimeout as delay } from "node:timers/promises";

// Node clamps timers beyond 2^31-1 ms to 1 ms (with a warning); Bun just waits, so we wait the longest Node can.
const LONGEST_TIMER_MS = 2_147_483_647;

function timerDelay(milliseconds: number): number {
  if (Number.isNaN(milliseconds) || milliseconds <= 0) return 0;
  return Math.min(milliseconds, LONGEST_TIMER_MS);
}

/**
 * `Bun.sleep(ms | Date)`: resolves after `ms` milliseconds, or once `date` is
 * reached. Negative, zero and `NaN` delays resolve on the next turn of the event loop; a
 * non-number throws Bun's `TypeError` synchronously.
 *
 * @example
 * ```ts
 * import { sleep } from "@dx-compat/bun";
 * await sleep(10);
 * ```
 */
export const sleep: typeof import("bun").sleep = function sleep(ms: number | Date): Promise<void> {
  let milliseconds: number;
  if (typeof ms === "number") milliseconds = ms;
  else if (ms instanceof Date) milliseconds = ms.getTime() - Date.now();
  else throw new TypeError("sleep expects a number (milliseconds)");
  const wait = timerDelay(milliseconds);
  // Node's timers wait at least 1 ms; Bun's sleep(0) resumes on the next turn of the loop.
  return wait === 0 ? nextTurn() : delay(wait);
};
