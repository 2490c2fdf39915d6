/**
 * JSC's toIntegerOrInfinity as Bun's native functions use it: NaN is 0,
 * fractions truncate toward zero; symbols and bigints throw JSC's TypeErrors.
 */
export function toIntegerOrInfinity(value: unknown): number {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a number");
  if (typeof value === "bigint") throw new TypeError("Conversion from 'BigInt' to 'number' is not allowed.");
  const number = Number(value);
  if (number !== number) return 0;
  return Math.trunc(number) + 0;
}
