import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sleep, sleepSync } from "../src/index.ts";

// Values that are not numbers, of every kind a caller might pass by mistake.
const notNumbers = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.bigInt({ min: -5n, max: 5n }),
  fc.constantFrom(null, undefined, true, false, {}, [], [1], Symbol.iterator),
);

describe("sleep", () => {
  it("resolves to undefined after roughly the delay", async () => {
    const started = performance.now();
    await expect(sleep(15)).resolves.toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(14);
  });

  it("waits until a Date, and not at all for a past one", async () => {
    const target = new Date(Date.now() + 15);
    await sleep(target);
    expect(Date.now()).toBeGreaterThanOrEqual(target.getTime() - 1);
    await expect(sleep(new Date(0))).resolves.toBeUndefined();
  });

  it("throws Bun's TypeError synchronously for a non-number", () => {
    expect(() => sleep("5" as never)).toThrow(new TypeError("sleep expects a number (milliseconds)"));
  });

  it("matches Bun on small delays, odd numbers and non-numbers", async () => {
    // Kept small and finite: a pending timer keeps the process alive.
    const delays = fc.oneof(fc.double({ min: -1e9, max: 5, noNaN: false }), fc.constantFrom(0, -0, NaN, -Infinity, 0.5, 1.5));
    const inputs = [...fc.sample(delays, 200), ...fc.sample(notNumbers, 100)];
    const { mismatches } = await compareBatch(`export default (ms) => Bun.sleep(ms)`, inputs);
    expect(mismatches).toEqual([]);
  });
});

describe("sleepSync", () => {
  it("blocks for the delay", () => {
    const started = performance.now();
    sleepSync(12);
    expect(performance.now() - started).toBeGreaterThanOrEqual(11);
  });

  it("reads the delay as a saturating int32, as Bun does", () => {
    expect(() => sleepSync(-1.5)).toThrow("argument to sleepSync must not be negative, got -1");
    expect(() => sleepSync(-1e10)).toThrow("argument to sleepSync must not be negative, got -2147483648");
    expect(() => sleepSync(-0.5)).not.toThrow();
    expect(() => sleepSync(NaN)).not.toThrow();
  });

  it("throws TypeError with code ERR_INVALID_ARG_TYPE for a non-number", () => {
    expect(() => sleepSync("1" as never)).toThrow(expect.objectContaining({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "milliseconds must be a number" }));
  });

  it("matches Bun on every kind of argument: outcomes, error names, codes and messages", async () => {
    // Non-negative delays are capped so the batch stays fast; negative ones never sleep.
    const delays = fc.oneof(fc.double({ min: -1e12, max: 2, noNaN: false }), fc.integer({ min: -3_000_000_000, max: -1 }), fc.constantFrom(-0.5, -0.999, -1, -(2 ** 31), -(2 ** 31) - 1, -Infinity, NaN));
    const inputs = [...fc.sample(delays, 400), ...fc.sample(notNumbers, 100), new Date(0)];
    const { mismatches } = await compareBatch(`export default (ms) => Bun.sleepSync(ms)`, inputs);
    expect(mismatches).toEqual([]);
  });
});
