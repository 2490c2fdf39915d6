// `Temporal` where the engine has none (Node 22 and 24 without
// --harmony-temporal), from temporal-polyfill, loaded on first use: the
// polyfill is ~150 KB of JavaScript that most programs never touch. On that
// first use the rest of Bun's Temporal surface comes with it: an
// `Intl.DateTimeFormat` that formats Temporal values and
// `Date.prototype.toTemporalInstant`.
import { createRequire } from "node:module";

type Implementation = {
  Temporal: object;
  Intl: { DateTimeFormat: unknown };
  toTemporalInstant: (this: Date) => unknown;
};

const require = createRequire(import.meta.url);

function defineHidden(target: object, name: string, value: unknown): void {
  // As the engine's own: writable, configurable, not enumerable.
  Object.defineProperty(target, name, { value, writable: true, enumerable: false, configurable: true });
}

let loaded = false;

function load(): void {
  if (loaded) return;
  loaded = true;
  // The full implementation (non-ISO calendars too, as Bun), not the main entry: that one reads
  // globalThis.Temporal while it loads, which would come back here.
  const implementation = require("temporal-polyfill/full/implementation") as Implementation;
  defineHidden(globalThis, "Temporal", implementation.Temporal);
  defineHidden(Intl, "DateTimeFormat", implementation.Intl.DateTimeFormat);
  defineHidden(Date.prototype, "toTemporalInstant", implementation.toTemporalInstant);
}

/** Installs the lazy `Temporal` (and `Date.prototype.toTemporalInstant`) where missing; true if it did. */
export function fillTemporal(): boolean {
  if ("Temporal" in globalThis) return false;
  Object.defineProperty(globalThis, "Temporal", {
    get(): unknown {
      load();
      return (globalThis as { Temporal?: unknown }).Temporal;
    },
    set(value: unknown) {
      loaded = true;
      defineHidden(globalThis, "Temporal", value);
    },
    enumerable: false,
    configurable: true,
  });
  if (!("toTemporalInstant" in Date.prototype)) {
    defineHidden(Date.prototype, "toTemporalInstant", function toTemporalInstant(this: Date): unknown {
      load();
      return (Date.prototype as { toTemporalInstant?: (this: Date) => unknown }).toTemporalInstant?.call(this);
    });
  }
  return true;
}
