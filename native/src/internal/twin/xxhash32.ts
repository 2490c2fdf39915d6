// Pure-TypeScript XXH32, bit-exact with Bun.hash.xxHash32.

/** Inputs at least this long are read through a DataView (its creation cost is amortised). */
const DATAVIEW_MIN = 256;

const PRIME1 = 0x9e3779b1 | 0;
const PRIME2 = 0x85ebca77 | 0;
const PRIME3 = 0xc2b2ae3d | 0;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

/** Little-endian 32-bit read (as int32) from four bytes. */
function read32(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

/** 32-bit rotate left. */
function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** One accumulator lane round. */
function round(acc: number, lane: number): number {
  const x = (acc + Math.imul(lane, PRIME2)) | 0;
  return Math.imul((x << 13) | (x >>> 19), PRIME1);
}

/** Final avalanche. */
function avalanche(h: number): number {
  let x = Math.imul(h ^ (h >>> 15), PRIME2);
  x = Math.imul(x ^ (x >>> 13), PRIME3);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Matches Zig std.hash.XxHash32.hash(seed, bytes) (Bun.hash.xxHash32). */
export function xxHash32(bytes: Uint8Array, seedLo: number): number {
  const len = bytes.length;
  const seed = seedLo | 0;
  let h: number;
  let i = 0;
  if (len >= 16) {
    let v1 = (seed + PRIME1 + PRIME2) | 0;
    let v2 = (seed + PRIME2) | 0;
    let v3 = seed;
    let v4 = (seed - PRIME1) | 0;
    const end = len - 16;
    if (len >= DATAVIEW_MIN) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, len);
      for (; i <= end; i += 16) {
        v1 = round(v1, view.getInt32(i, true));
        v2 = round(v2, view.getInt32(i + 4, true));
        v3 = round(v3, view.getInt32(i + 8, true));
        v4 = round(v4, view.getInt32(i + 12, true));
      }
    } else {
      for (; i <= end; i += 16) {
        v1 = round(v1, read32(bytes, i));
        v2 = round(v2, read32(bytes, i + 4));
        v3 = round(v3, read32(bytes, i + 8));
        v4 = round(v4, read32(bytes, i + 12));
      }
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = (seed + PRIME5) | 0;
  }
  h = (h + len) | 0;
  for (; i + 4 <= len; i += 4) {
    h = Math.imul(rotl((h + Math.imul(read32(bytes, i), PRIME3)) | 0, 17), PRIME4);
  }
  for (; i < len; i++) {
    h = Math.imul(rotl((h + Math.imul(bytes[i]!, PRIME5)) | 0, 11), PRIME1);
  }
  return avalanche(h);
}
