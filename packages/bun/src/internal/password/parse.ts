// The two integer grammars Bun's hash parsers use.

/** Rust's `u32::from_str`: an optional "+", then decimal digits, at most 2^32 - 1. */
export function rustU32(text: string): number | undefined {
  const digits = text.startsWith("+") ? text.slice(1) : text;
  if (!/^[0-9]+$/.test(digits)) return undefined;
  const value = Number(digits);
  return value <= 0xffff_ffff ? value : undefined;
}

/** Zig's `parseUnsigned(u6, text, 10)`: digits, "_" allowed between them, at most 63. */
export function zigU6(text: string): number | undefined {
  if (!/^[0-9](?:[0-9_]*[0-9])?$/.test(text)) return undefined;
  const value = Number(text.replaceAll("_", ""));
  return value <= 63 ? value : undefined;
}
