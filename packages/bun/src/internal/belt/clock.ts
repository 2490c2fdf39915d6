// The clock behind Bun.nanoseconds(): nanoseconds since the process started.
//
// Bun reads a timer started as its VM boots. Node's nearest "process start" is
// `performance.timeOrigin`, which Node records while the process starts up;
// `performance.now()` counts from it on the same monotonic clock (uv_hrtime)
// as `process.hrtime`. We pin the hrtime value of that origin once, then
// subtract: a bigint read is cheaper than `performance.now()` and exact to
// the nanosecond.

let origin: bigint | undefined;

function hrtimeOfOrigin(): bigint {
  origin ??= process.hrtime.bigint() - BigInt(Math.round(performance.now() * 1e6));
  return origin;
}

/** Nanoseconds since `performance.timeOrigin`, as a number (exact up to 2^53 ns, about 104 days). */
export function nanosecondsSinceOrigin(): number {
  return Number(process.hrtime.bigint() - hrtimeOfOrigin());
}
