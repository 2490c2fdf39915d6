// Pure-TypeScript MurmurHash2 (32-bit and 64-bit "MurmurHash64A") and MurmurHash3 x86_32,
// bit-exact with Bun.hash.murmur32v2 / murmur32v3 / murmur64v2.
//
// Performance notes (V8): the 32-bit hashes read short inputs byte-wise and longer ones through
// a DataView; inputs up to SCRATCH_SIZE bytes are copied into a reusable scratch buffer first,
// which is cheaper than creating a DataView. murmur64v2 always reads through the DataView (its
// multiply chain dominates). Helpers are small and called from few sites, so TurboFan inlines
// them within its per-function budget; the 64-bit multiply is written out by hand (see
// `murmur64v2`), as a helper for it would not be inlined at every use.

const imul = Math.imul;
const INV_2_POW_32 = 1 / 4294967296;

const M32 = 0x5bd1e995;
const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593;
const M64_HI = 0xc6a4a793 | 0;
const M64_LO = 0x5bd1e995;
const M64_L0 = 0xe995;
const M64_L1 = 0x5bd1;

/** Inputs shorter than this are read straight from the bytes. */
const DIRECT_MAX = 64;
/** Inputs up to this length are copied into `scratch` instead of paying for a new DataView. */
const SCRATCH_SIZE = 1024;
const scratch = new Uint8Array(SCRATCH_SIZE);
const scratchView = new DataView(scratch.buffer);

const result = new Uint32Array(2);
const resultU64 = new BigUint64Array(result.buffer);

/** A little-endian view of the input (inputs up to SCRATCH_SIZE are copied into the scratch). */
function viewOf(bytes: Uint8Array): DataView {
  const len = bytes.length;
  if (len > SCRATCH_SIZE) return new DataView(bytes.buffer, bytes.byteOffset, len);
  scratch.set(bytes);
  return scratchView;
}

/** How the 32-bit hashes read the input: null for byte-wise reads, else a view (see viewOf). */
function viewFor(bytes: Uint8Array): DataView | null {
  return bytes.length < DIRECT_MAX ? null : viewOf(bytes);
}

/** Little-endian 16-bit value at byte offset i. */
function rd16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

/** Little-endian int32 at byte offset i, from the bytes. */
function rdb(b: Uint8Array, i: number): number {
  return rd16(b, i) | (rd16(b, i + 2) << 16);
}

/** Little-endian int32 at byte offset i of the view. */
function rd(v: DataView, i: number): number {
  return v.getInt32(i, true);
}

/** One MurmurHash2 32-bit block step. */
function m2Block(h: number, k: number): number {
  k = imul(k, M32);
  return imul(h, M32) ^ imul(k ^ (k >>> 24), M32);
}

/** One MurmurHash3 block step. */
function m3Block(h: number, k: number): number {
  k = imul(k, C1);
  h ^= imul((k << 15) | (k >>> 17), C2);
  return imul((h << 13) | (h >>> 19), 5) + 0xe6546b64 | 0;
}

/** Matches Zig std.hash.murmur.Murmur2_32.hashWithSeed (Bun.hash.murmur32v2). */
export function murmur32v2(bytes: Uint8Array, seedLo: number): number {
  const len = bytes.length;
  const end = len & ~3;
  const v = viewFor(bytes);
  let h = seedLo ^ len;
  if (v === null) {
    for (let i = 0; i < end; i += 4) h = m2Block(h, rdb(bytes, i));
  } else {
    for (let i = 0; i < end; i += 4) h = m2Block(h, rd(v, i));
  }
  const rest = len & 3;
  if (rest === 3) h ^= bytes[end + 2]! << 16;
  if (rest >= 2) h ^= bytes[end + 1]! << 8;
  if (rest >= 1) h = imul(h ^ bytes[end]!, M32);
  h ^= h >>> 13;
  h = imul(h, M32);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Matches Zig std.hash.murmur.Murmur3_32.hashWithSeed (Bun.hash.murmur32v3). */
export function murmur32v3(bytes: Uint8Array, seedLo: number): number {
  const len = bytes.length;
  const end = len & ~3;
  const v = viewFor(bytes);
  let h = seedLo | 0;
  if (v === null) {
    for (let i = 0; i < end; i += 4) h = m3Block(h, rdb(bytes, i));
  } else {
    for (let i = 0; i < end; i += 4) h = m3Block(h, rd(v, i));
  }
  const rest = len & 3;
  if (rest !== 0) {
    let k = bytes[end]!;
    if (rest >= 2) k |= bytes[end + 1]! << 8;
    if (rest === 3) k |= bytes[end + 2]! << 16;
    k = imul(k, C1);
    h ^= imul((k << 15) | (k >>> 17), C2);
  }
  h ^= len;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Matches Zig std.hash.murmur.Murmur2_64.hashWithSeed (Bun.hash.murmur64v2).
 *
 * 64-bit values are (hi, lo) int32 pairs. The product x * m (mod 2^64) is written out as
 *   q0 = xLo & 0xffff; q1 = xLo >>> 16; mid = imul(q1, M64_L0) + (imul(q0, M64_L0) >>> 16) | 0;
 *   hi = imul(q1, M64_L1) + (mid >>> 16) + ((imul(q0, M64_L1) + (mid & 0xffff)) >>> 16)  // hi(xLo*mLo)
 *        + imul(xHi, M64_LO) + imul(xLo, M64_HI) | 0;
 *   lo = imul(xLo, M64_LO);
 */
export function murmur64v2(bytes: Uint8Array, seedLo: number, seedHi: number): bigint {
  const len = bytes.length;
  const end = len - (len & 7);
  const v = viewOf(bytes);
  let q0 = 0;
  let q1 = 0;
  let mid = 0;
  let kLo = 0;
  let kHi = 0;
  // h = seed ^ (len * m); len < 2^53, so its high word is exact
  const lenLo = len | 0;
  q0 = lenLo & 0xffff;
  q1 = lenLo >>> 16;
  mid = imul(q1, M64_L0) + (imul(q0, M64_L0) >>> 16) | 0;
  let hHi = seedHi ^ (imul(q1, M64_L1) + (mid >>> 16) + ((imul(q0, M64_L1) + (mid & 0xffff)) >>> 16) +
    imul(len * INV_2_POW_32 | 0, M64_LO) + imul(lenLo, M64_HI));
  let hLo = seedLo ^ imul(lenLo, M64_LO);
  for (let i = 0; i < end; i += 8) {
    kLo = rd(v, i);
    kHi = rd(v, i + 4);
    // k *= m
    q0 = kLo & 0xffff;
    q1 = kLo >>> 16;
    mid = imul(q1, M64_L0) + (imul(q0, M64_L0) >>> 16) | 0;
    kHi = imul(q1, M64_L1) + (mid >>> 16) + ((imul(q0, M64_L1) + (mid & 0xffff)) >>> 16) +
      imul(kHi, M64_LO) + imul(kLo, M64_HI) | 0;
    // k ^= k >> 47
    kLo = imul(kLo, M64_LO) ^ (kHi >>> 15);
    // k *= m
    q0 = kLo & 0xffff;
    q1 = kLo >>> 16;
    mid = imul(q1, M64_L0) + (imul(q0, M64_L0) >>> 16) | 0;
    kHi = imul(q1, M64_L1) + (mid >>> 16) + ((imul(q0, M64_L1) + (mid & 0xffff)) >>> 16) +
      imul(kHi, M64_LO) + imul(kLo, M64_HI) | 0;
    kLo = imul(kLo, M64_LO);
    // h ^= k; h *= m
    hHi ^= kHi;
    hLo ^= kLo;
    q0 = hLo & 0xffff;
    q1 = hLo >>> 16;
    mid = imul(q1, M64_L0) + (imul(q0, M64_L0) >>> 16) | 0;
    hHi = imul(q1, M64_L1) + (mid >>> 16) + ((imul(q0, M64_L1) + (mid & 0xffff)) >>> 16) +
      imul(hHi, M64_LO) + imul(hLo, M64_HI) | 0;
    hLo = imul(hLo, M64_LO);
  }
  const rest = len & 7;
  if (rest !== 0) {
    // the last 1..7 bytes as a zero-padded little-endian word; h ^= k; h *= m
    kLo = 0;
    kHi = 0;
    for (let j = rest - 1; j >= 4; j--) kHi = (kHi << 8) | bytes[end + j]!;
    for (let j = Math.min(rest, 4) - 1; j >= 0; j--) kLo = (kLo << 8) | bytes[end + j]!;
    hHi ^= kHi;
    hLo ^= kLo;
    q0 = hLo & 0xffff;
    q1 = hLo >>> 16;
    mid = imul(q1, M64_L0) + (imul(q0, M64_L0) >>> 16) | 0;
    hHi = imul(q1, M64_L1) + (mid >>> 16) + ((imul(q0, M64_L1) + (mid & 0xffff)) >>> 16) +
      imul(hHi, M64_LO) + imul(hLo, M64_HI) | 0;
    hLo = imul(hLo, M64_LO);
  }
  // h ^= h >> 47; h *= m; h ^= h >> 47
  hLo ^= hHi >>> 15;
  q0 = hLo & 0xffff;
  q1 = hLo >>> 16;
  mid = imul(q1, M64_L0) + (imul(q0, M64_L0) >>> 16) | 0;
  hHi = imul(q1, M64_L1) + (mid >>> 16) + ((imul(q0, M64_L1) + (mid & 0xffff)) >>> 16) +
    imul(hHi, M64_LO) + imul(hLo, M64_HI) | 0;
  hLo = imul(hLo, M64_LO);
  result[0] = hLo ^ (hHi >>> 15);
  result[1] = hHi;
  return resultU64[0]!;
}
