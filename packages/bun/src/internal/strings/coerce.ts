/**
 * JSC's ToString as Bun's native string functions apply it: like String(),
 * except that a symbol throws (String(symbol) would describe it).
 */
export function toBunString(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return `${value as string}`;
}
