// Pure-TypeScript Adler-32 (RFC 1950), bit-exact with Bun.hash.adler32.

const BASE = 65521;
/**
 * Bytes summed between modulo reductions. Smaller than zlib's NMAX (5552) so that both
 * sums stay below 2^31 and V8 keeps them in int32 registers; a multiple of 16.
 */
const CHUNK = 3792;

/** Feeds bytes[i, end) one at a time into (a, b); returns the new packed state b << 16 | a (unreduced parts kept separate by caller). */
function tail(bytes: Uint8Array, i: number, end: number, a: number, b: number): number {
  for (; i < end; i++) {
    a = (a + bytes[i]!) | 0;
    b = (b + a) | 0;
  }
  return ((b % BASE) << 16) | (a % BASE);
}

/** Matches Zig std.hash.Adler32.hash (Bun.hash.adler32); Bun ignores any seed argument. */
export function adler32(bytes: Uint8Array): number {
  const len = bytes.length;
  let a = 1;
  let b = 0;
  let i = 0;
  while (i < len) {
    const end = Math.min(i + CHUNK, len);
    const end16 = end - ((end - i) & 15);
    for (; i < end16; i += 16) {
      // 16 bytes at once: b gains 16*a plus each byte weighted by its distance to the group end.
      const x0 = bytes[i]!, x1 = bytes[i + 1]!, x2 = bytes[i + 2]!, x3 = bytes[i + 3]!;
      const x4 = bytes[i + 4]!, x5 = bytes[i + 5]!, x6 = bytes[i + 6]!, x7 = bytes[i + 7]!;
      const y0 = bytes[i + 8]!, y1 = bytes[i + 9]!, y2 = bytes[i + 10]!, y3 = bytes[i + 11]!;
      const y4 = bytes[i + 12]!, y5 = bytes[i + 13]!, y6 = bytes[i + 14]!, y7 = bytes[i + 15]!;
      const sumX = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
      const sumY = y0 + y1 + y2 + y3 + y4 + y5 + y6 + y7;
      const weightedX = (x0 << 3) + x1 * 7 + x2 * 6 + x3 * 5 + (x4 << 2) + x5 * 3 + (x6 << 1) + x7;
      const weightedY = (y0 << 3) + y1 * 7 + y2 * 6 + y3 * 5 + (y4 << 2) + y5 * 3 + (y6 << 1) + y7;
      b = (b + (a << 4) + (sumX << 3) + weightedX + weightedY) | 0;
      a = (a + sumX + sumY) | 0;
    }
    const packed = tail(bytes, i, end, a, b);
    i = end;
    a = packed & 0xffff;
    b = packed >>> 16;
  }
  return ((b << 16) | a) >>> 0;
}
