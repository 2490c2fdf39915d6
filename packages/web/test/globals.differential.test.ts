// Globals Bun has and Node lacks, under real Bun and under Node + dx-compat:
// Temporal (temporal-polyfill here, JavaScriptCore's there) on generated dates,
// times and durations, and the main thread's global event functions.
import { compareBatch, differential } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const temporalCase = `
const describe = (error) => ({ name: error?.name });
export default ({ date, time, duration, unit, calendar, zone }) => {
  const out = [];
  const step = (f) => { try { out.push(f()); } catch (error) { out.push(describe(error)); } };
  const d = Temporal.PlainDate.from(date);
  const dur = Temporal.Duration.from(duration);
  step(() => d.add(dur).toString());
  step(() => d.subtract(dur).toString());
  step(() => d.until(d.add(dur), { largestUnit: unit }).toString());
  step(() => [d.dayOfWeek, d.dayOfYear, d.weekOfYear, d.daysInMonth, d.inLeapYear]);
  step(() => d.withCalendar(calendar).toString());
  step(() => { const c = d.withCalendar(calendar); return [c.year, c.month, c.monthCode, c.day, c.era ?? null, c.eraYear ?? null]; });
  step(() => Temporal.PlainDateTime.from(date + "T" + time).round({ smallestUnit: "minute", roundingMode: "halfExpand" }).toString());
  step(() => Temporal.PlainDateTime.from(date + "T" + time).toZonedDateTime(zone).toString());
  step(() => Temporal.PlainDateTime.from(date + "T" + time).toZonedDateTime(zone).toInstant().epochMilliseconds);
  step(() => dur.round({ largestUnit: "day", relativeTo: d }).toString());
  step(() => dur.total({ unit: "hour", relativeTo: d }));
  step(() => Temporal.PlainDate.compare(d, d.add(dur)));
  step(() => new Date(Date.UTC(d.year, d.month - 1, d.day)).toTemporalInstant().toString());
  return out;
};
`;

const input = fc.record({
  date: fc
    .record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
    .map(({ y, m, d }) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  time: fc
    .record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), ns: fc.integer({ min: 0, max: 999_999_999 }) })
    .map(({ h, mi, s, ns }) => `${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(ns).padStart(9, "0")}`),
  duration: fc.record(
    { years: fc.integer({ min: 0, max: 50 }), months: fc.integer({ min: 0, max: 30 }), days: fc.integer({ min: 0, max: 400 }), hours: fc.integer({ min: 0, max: 100 }) },
    { requiredKeys: [] },
  ),
  unit: fc.constantFrom("year", "month", "week", "day"),
  calendar: fc.constantFrom("iso8601", "gregory", "japanese", "hebrew", "islamic-civil", "chinese", "persian", "buddhist"),
  zone: fc.constantFrom("UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "+05:30"),
});

describe("Temporal against Bun's", () => {
  it("dates, times, durations, calendars and zones agree on 300 generated inputs", async () => {
    const inputs = fc.sample(input, { numRuns: 300, seed: 20261122 });
    const { mismatches, bun } = await compareBatch(temporalCase, inputs);
    expect(mismatches.slice(0, 3)).toEqual([]);
    // The outcomes are values, not one error repeated: most steps succeed in Bun.
    const values = bun.flatMap((outcome) => ("returns" in outcome ? (outcome.returns as unknown[]) : []));
    expect(values.filter((value) => typeof value === "string" && value.length > 0).length).toBeGreaterThan(300 * 5);
    expect(JSON.stringify(bun[0])).toContain("-");
  });
});

const disposalCase = `
export default async ({ steps, asynchronous }) => {
  const order = [];
  const stack = asynchronous ? new AsyncDisposableStack() : new DisposableStack();
  steps.forEach((step, index) => {
    const run = () => { order.push(index); if (step.throws) throw new Error(String(index)); };
    const method = asynchronous && step.async ? async () => run() : run;
    if (step.kind === "use") stack.use(step.empty ? null : { [asynchronous && step.async ? Symbol.asyncDispose : Symbol.dispose]: method });
    else if (step.kind === "adopt") stack.adopt(index, method);
    else stack.defer(method);
  });
  const shape = (error) => error?.name === "SuppressedError" ? { error: shape(error.error), suppressed: shape(error.suppressed), own: Object.keys(error) } : [error?.constructor?.name, error?.message];
  try {
    await (asynchronous ? stack.disposeAsync() : stack.dispose());
    return { order, disposed: stack.disposed };
  } catch (error) {
    return { order, error: shape(error), disposed: stack.disposed };
  }
};
`;

describe("DisposableStack and AsyncDisposableStack against Bun's (ours on Node 22, V8's on 24)", () => {
  it("the same order, the same SuppressedError structure, on 300 random programs", async () => {
    const step = fc.record({ kind: fc.constantFrom("use", "adopt", "defer"), throws: fc.boolean(), async: fc.boolean(), empty: fc.boolean() });
    const inputs = fc.sample(fc.record({ steps: fc.array(step, { maxLength: 10 }), asynchronous: fc.boolean() }), { numRuns: 300, seed: 20261122 });
    const { mismatches } = await compareBatch(disposalCase, inputs);
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});

describe("the main thread's global events, as Bun's", () => {
  it("addEventListener, dispatchEvent, removeEventListener, postMessage and the on… slots", async () => {
    const source = `
      const seen = [];
      const listener = function (event) { seen.push([event.type, event.target === globalThis, this === globalThis, event.currentTarget === globalThis, event instanceof Event]); };
      addEventListener("ping", listener);
      seen.push(dispatchEvent(new Event("ping")));
      removeEventListener("ping", listener);
      seen.push(dispatchEvent(new Event("ping", { cancelable: true })));
      // (No "message" listener: in Bun one keeps the main thread alive for good.)
      seen.push(postMessage({ a: 1 }), onmessage, onerror);
      const shape = (name) => { const d = Object.getOwnPropertyDescriptor(globalThis, name); return [typeof d.value, d.writable, d.enumerable, d.configurable]; };
      seen.push(["addEventListener", "removeEventListener", "dispatchEvent", "postMessage", "onerror"].map(shape));
      seen.push([typeof Temporal, Object.keys(globalThis).includes("Temporal"), Object.prototype.toString.call(Temporal), typeof Date.prototype.toTemporalInstant]);
      setTimeout(() => console.log(JSON.stringify(seen)), 20);
    `;
    const { bun, node } = await differential(source);
    expect(node.stderr).toBe("");
    expect(JSON.parse(node.stdout)).toEqual(JSON.parse(bun.stdout));
  });
});
