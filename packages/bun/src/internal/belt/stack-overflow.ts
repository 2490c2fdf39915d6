// JavaScriptCore ends its stack-overflow message with a period; V8 does not.
// Deep recursions that overflow in both engines (a comparison of a cyclic
// value Bun does not track) should fail with Bun's words.

const v8Message = "Maximum call stack size exceeded";

/** Runs `work`, turning V8's stack-overflow RangeError into JavaScriptCore's. */
export function withBunStackOverflow<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError && error.message === v8Message) throw new RangeError(`${v8Message}.`);
    throw error;
  }
}
