// Pure-TypeScript XXH32, bit-exact with Bun.hash.xxHash32.
//
// Performance notes (V8): short inputs are read byte-wise, longer ones through a DataView
// (inputs up to SCRATCH_SIZE bytes are copied into a reusable scratch buffer first, which is
// cheaper than creating a DataView). Helpers are tiny leaves, which TurboFan always inlines.

const imul = Math.imul;

const PRIME1 = 0x9e3779b1 | 0;
const PRIME2 = 0x85ebca77 | 0;
const PRIME3 = 0xc2b2ae3d | 0;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

/** Inputs shorter than this are read straight from the bytes. */
const DIRECT_MAX = 64;
/** Inputs up to this length are copied into `scratch` instead of paying for a new DataView. */
const SCRATCH_SIZE = 1024;
const scratch = new Uint8Array(SCRATCH_SIZE);
const scratchView = new DataView(scratch.buffer);

/** How to read the input: null for byte-wise reads, else a little-endian view of it. */
function viewFor(bytes: Uint8Array): DataView | null {
  const len = bytes.length;
  if (len < DIRECT_MAX) return null;
  if (len > SCRATCH_SIZE) return new DataView(bytes.buffer, bytes.byteOffset, len);
  scratch.set(bytes);
  return scratchView;
}

/** Little-endian 16-bit value at byte offset i. */
function rd16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

/** Little-endian int32 at byte offset i of the view. */
function rd(v: DataView, i: number): number {
  return v.getInt32(i, true);
}

/** One accumulator lane round: rotl(acc + lane * PRIME2, 13) * PRIME1. */
function round(acc: number, lane: number): number {
  acc = acc + imul(lane, PRIME2) | 0;
  return imul((acc << 13) | (acc >>> 19), PRIME1);
}

/** Folds one 4-byte word into the final accumulator. */
function fold4(h: number, word: number): number {
  h = h + imul(word, PRIME3) | 0;
  return imul((h << 17) | (h >>> 15), PRIME4);
}

/** Folds one trailing byte into the final accumulator. */
function fold1(h: number, byte: number): number {
  h = h + imul(byte, PRIME5) | 0;
  return imul((h << 11) | (h >>> 21), PRIME1);
}

/** Result slot of `stripes` (a typed array, so a non-inlined call never boxes the int32). */
const merged = new Int32Array(1);

/** Runs the four accumulator lanes over all whole 16-byte stripes and stores the merged value. */
function stripes(bytes: Uint8Array, len: number, seed: number): void {
  let v1 = seed + PRIME1 + PRIME2 | 0;
  let v2 = seed + PRIME2 | 0;
  let v3 = seed;
  let v4 = seed - PRIME1 | 0;
  const end = len - 15;
  const v = viewFor(bytes);
  if (v === null) {
    for (let i = 0; i < end; i += 16) {
      v1 = round(v1, rd16(bytes, i) | (rd16(bytes, i + 2) << 16));
      v2 = round(v2, rd16(bytes, i + 4) | (rd16(bytes, i + 6) << 16));
      v3 = round(v3, rd16(bytes, i + 8) | (rd16(bytes, i + 10) << 16));
      v4 = round(v4, rd16(bytes, i + 12) | (rd16(bytes, i + 14) << 16));
    }
  } else {
    for (let i = 0; i < end; i += 16) {
      v1 = round(v1, rd(v, i));
      v2 = round(v2, rd(v, i + 4));
      v3 = round(v3, rd(v, i + 8));
      v4 = round(v4, rd(v, i + 12));
    }
  }
  merged[0] = ((v1 << 1) | (v1 >>> 31)) + ((v2 << 7) | (v2 >>> 25)) +
    ((v3 << 12) | (v3 >>> 20)) + ((v4 << 18) | (v4 >>> 14));
}

/** Matches Zig std.hash.XxHash32.hash(seed, bytes) (Bun.hash.xxHash32). */
export function xxHash32(bytes: Uint8Array, seedLo: number): number {
  const len = bytes.length;
  let h: number;
  if (len >= 16) {
    stripes(bytes, len, seedLo | 0);
    h = merged[0]!;
  } else {
    h = seedLo + PRIME5 | 0;
  }
  h = h + len | 0;
  let i = len & ~15;
  for (; i + 4 <= len; i += 4) h = fold4(h, rd16(bytes, i) | (rd16(bytes, i + 2) << 16));
  for (; i < len; i++) h = fold1(h, bytes[i]!);
  // avalanche
  h = imul(h ^ (h >>> 15), PRIME2);
  h = imul(h ^ (h >>> 13), PRIME3);
  return (h ^ (h >>> 16)) >>> 0;
}
