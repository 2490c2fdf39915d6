// Expands the generated run-length table (width-table.ts) into one 16-bit
// info word per code point, on first use.
import { palette, runs } from "./width-table.ts";

let table: Uint16Array | undefined;

/** Reads one varint: digits 0–f end it, g–v carry four more bits. */
function readVarint(at: { i: number }): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    const code = runs.charCodeAt(at.i++);
    const digit = code <= 0x39 ? code - 0x30 : code - 0x57;
    if (digit < 16) return value + digit * 2 ** shift;
    value += (digit - 16) * 2 ** shift;
    shift += 4;
  }
}

function expand(): Uint16Array {
  const info = new Uint16Array(0x110000);
  const at = { i: 0 };
  let cp = 0;
  while (at.i < runs.length) {
    const value = palette[readVarint(at)]!;
    const length = readVarint(at);
    if (value !== 0) info.fill(value, cp, cp + length);
    cp += length;
  }
  return info;
}

/** Info word per code point (layout in width.ts). */
export function codePointInfo(): Uint16Array {
  return (table ??= expand());
}
