// Temporal, for the date-time values Bun's TOML parser returns: the
// temporal-polyfill package (which hands out the runtime's own Temporal when
// there is one), loaded on first use.
import { createRequire } from "node:module";

type TemporalNamespace = typeof import("temporal-polyfill").Temporal;

let temporal: TemporalNamespace | undefined;

export function getTemporal(): TemporalNamespace {
  if (temporal !== undefined) return temporal;
  const require = createRequire(import.meta.url);
  temporal = (require("temporal-polyfill") as typeof import("temporal-polyfill")).Temporal;
  return temporal;
}

/** Run `fn` with `globalThis.Temporal` set (smol-toml reads the global), then put things back. */
export function withGlobalTemporal<T>(fn: () => T): T {
  const holder = globalThis as { Temporal?: TemporalNamespace };
  const had = Object.prototype.hasOwnProperty.call(holder, "Temporal");
  if (had) return fn();
  holder.Temporal = getTemporal();
  try {
    return fn();
  } finally {
    delete holder.Temporal;
  }
}
