// Running V8's garbage collector on request. Node exposes `gc()` only with
// --expose-gc; without it the function is fetched once from a fresh context
// created while that flag is set, and the flag is turned off again at once
// (so only that one context ever had it).
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

interface GcOptions {
  type?: "major" | "minor";
  execution?: "sync" | "async";
}

type GcFunction = (options?: GcOptions) => unknown;

let collector: GcFunction | undefined;

function garbageCollector(): GcFunction {
  if (collector) return collector;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") {
    collector = exposed as GcFunction;
    return collector;
  }
  setFlagsFromString("--expose-gc");
  try {
    collector = runInNewContext("gc") as GcFunction;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
  return collector;
}

/** A full collection, now (`sync`) or soon. */
export function collectGarbage(sync: boolean): void {
  const gc = garbageCollector();
  if (sync) gc({ type: "major", execution: "sync" });
  else {
    const pending = gc({ type: "major", execution: "async" });
    if (pending instanceof Promise) pending.catch(() => undefined);
  }
}

/** Bytes of the JavaScript heap in use. */
export function heapSizeInUse(): number {
  return getHeapStatistics().used_heap_size;
}
