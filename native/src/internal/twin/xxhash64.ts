// Pure-TypeScript XXH64, bit-exact with Bun.hash.xxHash64 (Zig std.hash.XxHash64.hash).
//
// 64-bit values are (hi, lo) int32 pairs; see ./u64.ts for the conventions. Primes appear as
// hi/lo literals (module constants cost a load and a check per use in optimised code):
//   P1 = 0x9e3779b1_85ebca87, P2 = 0xc2b2ae3d_27d4eb4f, P3 = 0x165667b1_9e3779f9,
//   P4 = 0x85ebca77_c2b2ae63, P5 = 0x27d4eb2f_165667c5.
import { high, mulHi32, read32, toBigUint64, viewOf } from "./u64.ts";

/** Bytes per stripe-kernel call, so long inputs run in normally optimised code, not OSR code. */
const CHUNK = 1 << 14;

/** The four accumulators as hi/lo pairs, carried between kernel calls. */
const acc = new Int32Array(8);

/** Branch-free carry out of the 32-bit addition a + b = sum. */
function carry(a: number, b: number, sum: number): number {
  return ((a & b) | ((a | b) & ~sum)) >>> 31;
}

/**
 * Runs the 32-byte stripes in [start, end) of `view` into `acc`: per lane, v = rotl(v + w * P2, 31) * P1.
 * The four lanes are written out so the accumulators stay in registers and the CPU can overlap them.
 */
function stripes(view: DataView, start: number, end: number): void {
  let v1h = acc[0]!, v1l = acc[1]!, v2h = acc[2]!, v2l = acc[3]!;
  let v3h = acc[4]!, v3l = acc[5]!, v4h = acc[6]!, v4l = acc[7]!;
  for (let p = start; p < end; p += 32) {
    const w0 = view.getInt32(p, true);
    const w1 = view.getInt32(p + 4, true);
    const w2 = view.getInt32(p + 8, true);
    const w3 = view.getInt32(p + 12, true);
    const w4 = view.getInt32(p + 16, true);
    const w5 = view.getInt32(p + 20, true);
    const w6 = view.getInt32(p + 24, true);
    const w7 = view.getInt32(p + 28, true);
    // Lane 1: m = w * P2; s = v + m; r = rotl(s, 31); v = r * P1.
    let ml = Math.imul(w0, 0x27d4eb4f);
    let mh = mulHi32(w0, 0x27d4eb4f) + Math.imul(w0, 0xc2b2ae3d) + Math.imul(w1, 0x27d4eb4f);
    let sl = (v1l + ml) | 0;
    let sh = v1h + mh + (((v1l & ml) | ((v1l | ml) & ~sl)) >>> 31);
    let rh = (sh << 31) | (sl >>> 1);
    let rl = (sl << 31) | (sh >>> 1);
    v1l = Math.imul(rl, 0x85ebca87);
    v1h = (mulHi32(rl, 0x85ebca87) + Math.imul(rl, 0x9e3779b1) + Math.imul(rh, 0x85ebca87)) | 0;
    // Lane 2.
    ml = Math.imul(w2, 0x27d4eb4f);
    mh = mulHi32(w2, 0x27d4eb4f) + Math.imul(w2, 0xc2b2ae3d) + Math.imul(w3, 0x27d4eb4f);
    sl = (v2l + ml) | 0;
    sh = v2h + mh + (((v2l & ml) | ((v2l | ml) & ~sl)) >>> 31);
    rh = (sh << 31) | (sl >>> 1);
    rl = (sl << 31) | (sh >>> 1);
    v2l = Math.imul(rl, 0x85ebca87);
    v2h = (mulHi32(rl, 0x85ebca87) + Math.imul(rl, 0x9e3779b1) + Math.imul(rh, 0x85ebca87)) | 0;
    // Lane 3.
    ml = Math.imul(w4, 0x27d4eb4f);
    mh = mulHi32(w4, 0x27d4eb4f) + Math.imul(w4, 0xc2b2ae3d) + Math.imul(w5, 0x27d4eb4f);
    sl = (v3l + ml) | 0;
    sh = v3h + mh + (((v3l & ml) | ((v3l | ml) & ~sl)) >>> 31);
    rh = (sh << 31) | (sl >>> 1);
    rl = (sl << 31) | (sh >>> 1);
    v3l = Math.imul(rl, 0x85ebca87);
    v3h = (mulHi32(rl, 0x85ebca87) + Math.imul(rl, 0x9e3779b1) + Math.imul(rh, 0x85ebca87)) | 0;
    // Lane 4.
    ml = Math.imul(w6, 0x27d4eb4f);
    mh = mulHi32(w6, 0x27d4eb4f) + Math.imul(w6, 0xc2b2ae3d) + Math.imul(w7, 0x27d4eb4f);
    sl = (v4l + ml) | 0;
    sh = v4h + mh + (((v4l & ml) | ((v4l | ml) & ~sl)) >>> 31);
    rh = (sh << 31) | (sl >>> 1);
    rl = (sl << 31) | (sh >>> 1);
    v4l = Math.imul(rl, 0x85ebca87);
    v4h = (mulHi32(rl, 0x85ebca87) + Math.imul(rl, 0x9e3779b1) + Math.imul(rh, 0x85ebca87)) | 0;
  }
  acc[0] = v1h;
  acc[1] = v1l;
  acc[2] = v2h;
  acc[3] = v2l;
  acc[4] = v3h;
  acc[5] = v3l;
  acc[6] = v4h;
  acc[7] = v4l;
}

/**
 * Inputs of 32+ bytes: seeds the accumulators (seed + P1 + P2, seed + P2, seed, seed - P1),
 * runs the stripes over the first `end` bytes, then merges:
 * h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18); per v, h = (h ^ round0(v)) * P1 + P4.
 * Returns lo, hi in high[0].
 */
function stripesAndMerge(bytes: Uint8Array, end: number, seedHi: number, seedLo: number): number {
  // P1 + P2 = 0x60ea27ee_adc0b5d6 and -P1 = 0x61c8864e_7a143579 (mod 2^64).
  let sum = (seedLo + 0xadc0b5d6) | 0;
  acc[1] = sum;
  acc[0] = seedHi + 0x60ea27ee + carry(seedLo, 0xadc0b5d6 | 0, sum);
  sum = (seedLo + 0x27d4eb4f) | 0;
  acc[3] = sum;
  acc[2] = seedHi + 0xc2b2ae3d + carry(seedLo, 0x27d4eb4f, sum);
  acc[5] = seedLo;
  acc[4] = seedHi;
  sum = (seedLo + 0x7a143579) | 0;
  acc[7] = sum;
  acc[6] = seedHi + 0x61c8864e + carry(seedLo, 0x7a143579, sum);
  const view = viewOf(bytes);
  for (let start = 0; start < end; start += CHUNK) stripes(view, start, Math.min(end, start + CHUNK));
  const v1h = acc[0]!, v1l = acc[1]!, v2h = acc[2]!, v2l = acc[3]!;
  const v3h = acc[4]!, v3l = acc[5]!, v4h = acc[6]!, v4l = acc[7]!;
  // Sum of the rotations, word by word with carries.
  let lo = (v1l << 1) | (v1h >>> 31);
  let hi = (v1h << 1) | (v1l >>> 31);
  let x = (v2l << 7) | (v2h >>> 25);
  sum = (lo + x) | 0;
  hi += ((v2h << 7) | (v2l >>> 25)) + carry(lo, x, sum);
  lo = sum;
  x = (v3l << 12) | (v3h >>> 20);
  sum = (lo + x) | 0;
  hi += ((v3h << 12) | (v3l >>> 20)) + carry(lo, x, sum);
  lo = sum;
  x = (v4l << 18) | (v4h >>> 14);
  sum = (lo + x) | 0;
  hi = (hi + ((v4h << 18) | (v4l >>> 14)) + carry(lo, x, sum)) | 0;
  lo = sum;
  for (let i = 0; i < 8; i += 2) {
    // h ^= round0(v) = rotl(v * P2, 31) * P1
    const vh = acc[i]!;
    const vl = acc[i + 1]!;
    let ml = Math.imul(vl, 0x27d4eb4f);
    let mh = (mulHi32(vl, 0x27d4eb4f) + Math.imul(vl, 0xc2b2ae3d) + Math.imul(vh, 0x27d4eb4f)) | 0;
    const rh = (mh << 31) | (ml >>> 1);
    const rl = (ml << 31) | (mh >>> 1);
    lo ^= Math.imul(rl, 0x85ebca87);
    hi ^= mulHi32(rl, 0x85ebca87) + Math.imul(rl, 0x9e3779b1) + Math.imul(rh, 0x85ebca87);
    // h = h * P1 + P4, on the dependency chain: integer-only high word (P1 lo = 0x85eb_ca87).
    const a0 = lo & 0xffff;
    const a1 = lo >>> 16;
    const p01 = Math.imul(a0, 0x85eb);
    const p10 = Math.imul(a1, 0xca87);
    const mid = (Math.imul(a0, 0xca87) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    mh = Math.imul(a1, 0x85eb) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
    mh += Math.imul(lo, 0x9e3779b1) + Math.imul(hi, 0x85ebca87);
    ml = Math.imul(lo, 0x85ebca87);
    lo = (ml + 0xc2b2ae63) | 0;
    hi = (mh + 0x85ebca77 + carry(ml, 0xc2b2ae63 | 0, lo)) | 0;
  }
  high[0] = hi;
  return lo;
}

/**
 * Final avalanche: xorshift 33, * P2, xorshift 29, * P3, xorshift 32. The products are on the
 * dependency chain, so their high words use integer-only 16-bit halves (as mulHi32Int),
 * written out: P2 lo = 0x27d4_eb4f, P3 lo = 0x9e37_79f9.
 */
function avalanche(hi: number, lo: number): bigint {
  // h ^= h >> 33; h *= P2
  let l = lo ^ (hi >>> 1);
  let a0 = l & 0xffff;
  let a1 = l >>> 16;
  let p01 = Math.imul(a0, 0x27d4);
  let p10 = Math.imul(a1, 0xeb4f);
  let mid = (Math.imul(a0, 0xeb4f) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  let h = Math.imul(a1, 0x27d4) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  h = (h + Math.imul(l, 0xc2b2ae3d) + Math.imul(hi, 0x27d4eb4f)) | 0;
  l = Math.imul(l, 0x27d4eb4f);
  // h ^= h >> 29; h *= P3
  l ^= (l >>> 29) | (h << 3);
  h ^= h >>> 29;
  a0 = l & 0xffff;
  a1 = l >>> 16;
  p01 = Math.imul(a0, 0x9e37);
  p10 = Math.imul(a1, 0x79f9);
  mid = (Math.imul(a0, 0x79f9) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const h2 = Math.imul(a1, 0x9e37) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  h = (h2 + Math.imul(l, 0x165667b1) + Math.imul(h, 0x9e3779f9)) | 0;
  l = Math.imul(l, 0x9e3779f9);
  // h ^= h >> 32
  return toBigUint64(h, l ^ h);
}

/**
 * Folds the final < 32 bytes from `p` into h, then avalanches. Every step has the form
 * h = rotl(h ^ k, r) * m + c, with k computed off the dependency chain:
 *   8 bytes: k = rotl(lane * P2, 31) * P1, r = 27, m = P1, c = P4;
 *   4 bytes: k = lane * P1,                r = 23, m = P2, c = P3;
 *   1 byte:  k = byte * P5,                r = 11, m = P1, c = 0.
 * The chain step is written once (integer-only high word, as mulHi32Int).
 */
function finish(bytes: Uint8Array, p: number, hHi: number, hLo: number): bigint {
  const len = bytes.length;
  while (p < len) {
    let kHi: number, kLo: number, r: number, mHi: number, mLo: number, cHi: number, cLo: number;
    if (p + 8 <= len) {
      const wl = read32(bytes, p);
      const wh = read32(bytes, p + 4);
      const ml = Math.imul(wl, 0x27d4eb4f);
      const mh = (mulHi32(wl, 0x27d4eb4f) + Math.imul(wl, 0xc2b2ae3d) + Math.imul(wh, 0x27d4eb4f)) | 0;
      const rh = (mh << 31) | (ml >>> 1);
      const rl = (ml << 31) | (mh >>> 1);
      kLo = Math.imul(rl, 0x85ebca87);
      kHi = mulHi32(rl, 0x85ebca87) + Math.imul(rl, 0x9e3779b1) + Math.imul(rh, 0x85ebca87);
      r = 27;
      mHi = 0x9e3779b1 | 0;
      mLo = 0x85ebca87 | 0;
      cHi = 0x85ebca77 | 0;
      cLo = 0xc2b2ae63 | 0;
      p += 8;
    } else if (p + 4 <= len) {
      const w = read32(bytes, p);
      kLo = Math.imul(w, 0x85ebca87);
      kHi = mulHi32(w, 0x85ebca87) + Math.imul(w, 0x9e3779b1);
      r = 23;
      mHi = 0xc2b2ae3d | 0;
      mLo = 0x27d4eb4f;
      cHi = 0x165667b1;
      cLo = 0x9e3779f9 | 0;
      p += 4;
    } else {
      const b = bytes[p]!;
      kLo = Math.imul(b, 0x165667c5);
      kHi = mulHi32(b, 0x165667c5) + Math.imul(b, 0x27d4eb2f);
      r = 11;
      mHi = 0x9e3779b1 | 0;
      mLo = 0x85ebca87 | 0;
      cHi = 0;
      cLo = 0;
      p += 1;
    }
    const xHi = hHi ^ kHi;
    const xLo = hLo ^ kLo;
    const yHi = (xHi << r) | (xLo >>> (32 - r));
    const yLo = (xLo << r) | (xHi >>> (32 - r));
    // y * m: high word of yLo * mLo from 16-bit halves, then the cross terms.
    const a0 = yLo & 0xffff;
    const a1 = yLo >>> 16;
    const b0 = mLo & 0xffff;
    const b1 = mLo >>> 16;
    const p01 = Math.imul(a0, b1);
    const p10 = Math.imul(a1, b0);
    const mid = (Math.imul(a0, b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    const pHi =
      Math.imul(a1, b1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(yLo, mHi) + Math.imul(yHi, mLo);
    const pLo = Math.imul(yLo, mLo);
    hLo = (pLo + cLo) | 0;
    hHi = (pHi + cHi + carry(pLo, cLo, hLo)) | 0;
  }
  return avalanche(hHi, hLo);
}

/** Matches Zig std.hash.XxHash64.hash (Bun.hash.xxHash64). */
export function xxHash64(bytes: Uint8Array, seedLo: number, seedHi: number): bigint {
  const len = bytes.length;
  let hHi: number;
  let hLo: number;
  let p = 0;
  if (len >= 32) {
    p = len - (len % 32);
    hLo = stripesAndMerge(bytes, p, seedHi | 0, seedLo | 0);
    hHi = high[0]!;
  } else {
    // seed + P5
    hLo = (seedLo + 0x165667c5) | 0;
    hHi = seedHi + 0x27d4eb2f + carry(seedLo, 0x165667c5, hLo);
  }
  // h += len, as a 64-bit value (typed arrays may exceed 4 GiB).
  const sum = (hLo + len) | 0;
  hHi = (hHi + ((len / 4294967296) | 0) + carry(hLo, len | 0, sum)) | 0;
  return finish(bytes, p, hHi, sum);
}
