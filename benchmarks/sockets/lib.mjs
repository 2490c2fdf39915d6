// The socket workloads' shared pieces: one 64-byte message, and the final line.

/** The message bounced back and forth in the round-trip workload. */
export const message = Buffer.alloc(64, "x");

/** Print the one line the runner reads. */
export function report(ops, ms) {
  console.log(JSON.stringify({ ops, ms }));
}
