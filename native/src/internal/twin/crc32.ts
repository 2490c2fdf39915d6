// Pure-TypeScript CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), slicing-by-16.

const POLY = 0xedb88320;
const SLICES = 16;

/** Builds the 16 slicing tables back to back: table k maps a byte to its CRC after k further zero bytes. */
function buildTables(): Int32Array {
  const t = new Int32Array(256 * SLICES);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < SLICES; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

const TABLE = buildTables();

/** Advances the (non-inverted) CRC state c over bytes[i, end) one byte at a time. */
function crcBytes(c: number, bytes: Uint8Array, i: number, end: number): number {
  for (; i < end; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/**
 * Matches Zig std.hash.Crc32.hash (Bun.hash.crc32). Bun also honours a seed, with zlib
 * `crc32(data, value)` semantics (continue from a previous CRC); `seedLo` defaults to 0.
 */
export function crc32(bytes: Uint8Array, seedLo = 0): number {
  const len = bytes.length;
  const t = TABLE;
  let c = ~seedLo;
  let i = 0;
  const end = len - 16;
  for (; i <= end; i += 16) {
    const w = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[3840 + (w & 0xff)]! ^ t[3584 + ((w >>> 8) & 0xff)]! ^ t[3328 + ((w >>> 16) & 0xff)]! ^ t[3072 + (w >>> 24)]! ^
      t[2816 + bytes[i + 4]!]! ^ t[2560 + bytes[i + 5]!]! ^ t[2304 + bytes[i + 6]!]! ^ t[2048 + bytes[i + 7]!]! ^
      t[1792 + bytes[i + 8]!]! ^ t[1536 + bytes[i + 9]!]! ^ t[1280 + bytes[i + 10]!]! ^ t[1024 + bytes[i + 11]!]! ^
      t[768 + bytes[i + 12]!]! ^ t[512 + bytes[i + 13]!]! ^ t[256 + bytes[i + 14]!]! ^ t[bytes[i + 15]!]!;
  }
  return ~crcBytes(c, bytes, i, len) >>> 0;
}
