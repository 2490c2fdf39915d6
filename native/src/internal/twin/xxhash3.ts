// Pure-TypeScript XXH3-64, bit-exact with Bun.hash.xxHash3 (Zig std.hash.XxHash3.hash). Bun's
// wrapper takes the seed as u32, so only `seedLo` is used.
//
// 64-bit values are (hi, lo) int32 pairs; see ./u64.ts for the conventions. Each input size
// class has its own function; the 128-bit folds of the short paths are written out rather than
// calls to mulFold64, which V8 inlines only while the caller's inlining budget lasts.
import { high, mul64, mulFold64, mulHi32, read32, toBigUint64, viewOf } from "./u64.ts";

/** XXH3's default 192-byte secret. */
const DEFAULT_SECRET = new Uint8Array([
  0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
  0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
  0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
  0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
  0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
  0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
  0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
  0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
  0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
  0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
  0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
  0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
]);

/** The little-endian word at every byte offset of a 192-byte secret (offsets 0..188). */
function wordsAtEveryOffset(secret: Uint8Array): Int32Array {
  const words = new Int32Array(189);
  for (let o = 0; o < 189; o++) words[o] = read32(secret, o);
  return words;
}

/** DEFAULT_SECRET as words: DSW[o] is the LE word at byte o; a u64 at o is (DSW[o + 4], DSW[o]). */
const DSW = wordsAtEveryOffset(DEFAULT_SECRET);

// Long inputs use the secret with the seed added to its 64-bit lanes (even lanes +seed, odd
// lanes -seed). Built per seed, cached for the last one. Layouts: `stripeKeys` is the secret's
// 48 aligned words (stripe n of a block uses words 2n..2n+15; words 32..47 are the scramble
// key); `lastKeys` the 16 words at byte 121 (last stripe); `mergeKeys` the 16 words at byte 11.
const stripeKeys = new Int32Array(48);
const lastKeys = new Int32Array(16);
const mergeKeys = new Int32Array(16);
let keysSeed = 0;
let keysValid = false;

/** Fills stripeKeys, lastKeys and mergeKeys for `seed`. */
function deriveLongKeys(seed: number): void {
  const secret = new Uint8Array(192);
  const view = new DataView(secret.buffer);
  for (let i = 0; i < 24; i++) {
    const lo = read32(DEFAULT_SECRET, 8 * i);
    const hi = read32(DEFAULT_SECRET, 8 * i + 4);
    // even lanes: lane + seed; odd lanes: lane - seed (seed < 2^32)
    const sum = (i & 1) === 0 ? (lo >>> 0) + (seed >>> 0) : (lo >>> 0) - (seed >>> 0);
    view.setInt32(8 * i, sum | 0, true);
    view.setInt32(8 * i + 4, hi + Math.floor(sum / 4294967296), true);
  }
  for (let k = 0; k < 48; k++) stripeKeys[k] = read32(secret, 4 * k);
  for (let k = 0; k < 16; k++) {
    lastKeys[k] = read32(secret, 121 + 4 * k);
    mergeKeys[k] = read32(secret, 11 + 4 * k);
  }
  keysSeed = seed;
  keysValid = true;
}

/**
 * XXH64's avalanche (XXH3 "h64" mode): xorshift 33, * P2, xorshift 29, * P3, xorshift 32.
 * The products sit on the dependency chain, so their high words come from 16-bit halves in
 * integer registers (as u64.mulHi32Int), written out: P2 lo = 0x27d4_eb4f, P3 lo = 0x9e37_79f9.
 */
function avalancheH64(hi: number, lo: number): bigint {
  let l = lo ^ (hi >>> 1);
  let a0 = l & 0xffff;
  let a1 = l >>> 16;
  let p01 = Math.imul(a0, 0x27d4);
  let p10 = Math.imul(a1, 0xeb4f);
  let mid = (Math.imul(a0, 0xeb4f) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  let h = Math.imul(a1, 0x27d4) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  h = (h + Math.imul(l, 0xc2b2ae3d) + Math.imul(hi, 0x27d4eb4f)) | 0;
  l = Math.imul(l, 0x27d4eb4f);
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
  return toBigUint64(h, l ^ h);
}

/**
 * XXH3's own avalanche: xorshift 37, * 0x16566791_9e3779f9, xorshift 32, written out with an
 * integer-only high word (multiplier lo = 0x9e37_79f9). Returns the u64 as a BigInt.
 */
function avalancheH3(hi: number, lo: number): bigint {
  const l = lo ^ (hi >>> 5);
  const a0 = l & 0xffff;
  const a1 = l >>> 16;
  const p01 = Math.imul(a0, 0x9e37);
  const p10 = Math.imul(a1, 0x79f9);
  const mid = (Math.imul(a0, 0x79f9) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const h = Math.imul(a1, 0x9e37) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  const hOut = (h + Math.imul(l, 0x16566791) + Math.imul(hi, 0x9e3779f9)) | 0;
  return toBigUint64(hOut, Math.imul(l, 0x9e3779f9) ^ hOut);
}

/** Byte-swapped 32-bit word. */
function bswap32(x: number): number {
  return (x >>> 24) | ((x >>> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
}

/** Branch-free carry out of the 32-bit addition a + b = sum. */
function carry(a: number, b: number, sum: number): number {
  return ((a & b) | ((a | b) & ~sum)) >>> 31;
}

/** 1..3 bytes. */
function hash1to3(bytes: Uint8Array, len: number, seed: number): bigint {
  const combined = bytes[len - 1]! | (len << 8) | (bytes[0]! << 16) | (bytes[len >>> 1]! << 24);
  const flip = DSW[0]! ^ DSW[4]!;
  const keyLo = (flip + seed) | 0;
  return avalancheH64(carry(flip, seed, keyLo), keyLo ^ combined);
}

/** 4..8 bytes: rrmxmx over (key - seed') ^ (first word << 32 | last word). */
function hash4to8(bytes: Uint8Array, len: number, seed: number): bigint {
  // seed' = seed ^ (bswap32(seed) << 32); key = (secret[8..16] ^ secret[16..24]) - seed'
  const fHi = DSW[12]! ^ DSW[20]!;
  const fLo = DSW[8]! ^ DSW[16]!;
  const kLo = (fLo - seed) | 0;
  const kHi = (fHi - bswap32(seed) - ((fLo >>> 0) < (seed >>> 0) ? 1 : 0)) | 0;
  let h = kHi ^ read32(bytes, 0);
  let l = kLo ^ read32(bytes, len - 4);
  // h ^= rotl(h, 49) ^ rotl(h, 24)
  const xHi = h ^ ((l << 17) | (h >>> 15)) ^ ((h << 24) | (l >>> 8));
  const xLo = l ^ ((h << 17) | (l >>> 15)) ^ ((l << 24) | (h >>> 8));
  l = mul64(xHi, xLo, 0x9fb21c65 | 0, 0x1e98df25);
  h = high[0]!;
  // h ^= (h >> 35) + len (no carry: (h >> 35) < 2^29)
  l ^= (h >>> 3) + len;
  l = mul64(h, l, 0x9fb21c65 | 0, 0x1e98df25);
  h = high[0]!;
  // h ^= h >> 28
  return toBigUint64(h ^ (h >>> 28), l ^ ((l >>> 28) | (h << 4)));
}

/** 9..16 bytes. */
function hash9to16(bytes: Uint8Array, len: number, seed: number): bigint {
  // lo = first 8 bytes ^ ((secret[24..32] ^ secret[32..40]) + seed)
  const f0 = DSW[24]! ^ DSW[32]!;
  const kLo = (f0 + seed) | 0;
  const kHi = (DSW[28]! ^ DSW[36]!) + carry(f0, seed, kLo);
  const loLo = read32(bytes, 0) ^ kLo;
  const loHi = read32(bytes, 4) ^ kHi;
  // hi = last 8 bytes ^ ((secret[40..48] ^ secret[48..56]) - seed)
  const f1 = DSW[40]! ^ DSW[48]!;
  const mLo = (f1 - seed) | 0;
  const mHi = (DSW[44]! ^ DSW[52]!) - ((f1 >>> 0) < (seed >>> 0) ? 1 : 0);
  const hiLo = read32(bytes, len - 8) ^ mLo;
  const hiHi = read32(bytes, len - 4) ^ mHi;
  // acc = len + bswap64(lo) + hi + fold(lo, hi), with a = lo, b = hi below.
  const aHi = loHi;
  const aLo = loLo;
  const bHi = hiHi;
  const bLo = hiLo;
  // fold: lo64(a * b) ^ hi64(a * b) of the full 128-bit product, written out (as u64.mulFold64).
  const ual = aLo >>> 0;
  const uah = aHi >>> 0;
  const ubl = bLo >>> 0;
  const ubh = bHi >>> 0;
  const llLo = Math.imul(aLo, bLo);
  const lhLo = Math.imul(aLo, bHi);
  const hlLo = Math.imul(aHi, bLo);
  const hhLo = Math.imul(aHi, bHi);
  const llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  const lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  const hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  const hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  const s1 = (llHi + lhLo) | 0;
  const w1 = (s1 + hlLo) | 0;
  const c1 = carry(llHi, lhLo, s1) + carry(s1, hlLo, w1);
  const s2 = (lhHi + hlHi) | 0;
  const s3 = (s2 + hhLo) | 0;
  const w2 = (s3 + c1) | 0;
  const fHi = w1 ^ (hhHi + carry(lhHi, hlHi, s2) + carry(s2, hhLo, s3) + ((s3 & ~w2) >>> 31));
  const fLo = llLo ^ w2;
  let accLo = (len + bswap32(loHi)) | 0;
  let accHi = bswap32(loLo) + carry(len, bswap32(loHi), accLo);
  const sum = (accLo + hiLo) | 0;
  accHi += hiHi + carry(accLo, hiLo, sum);
  accLo = (sum + fLo) | 0;
  accHi += fHi + carry(sum, fLo, accLo);
  return avalancheH3(accHi | 0, accLo);
}

/**
 * 17..128 bytes: pairs of mix16 from both ends, nested by length, where
 * mix16(in, secret) = fold(in[0..8] ^ (secret[0..8] + seed), in[8..16] ^ (secret[8..16] - seed)).
 * The fold is written out: a call to mulFold64 is inlined only while the caller's inlining
 * budget lasts, which depends on where this function itself ends up inlined.
 */
function hash17to128(bytes: Uint8Array, len: number, seed: number): bigint {
  let lo = mul64(0, len, 0x9e3779b1 | 0, 0x85ebca87 | 0);
  let hi = high[0]!;
  for (let i = 0; i < 4; i++) {
    const so0 = 96 - 32 * i;
    if (len <= so0) continue;
    for (let half = 0; half < 2; half++) {
      const io = half === 0 ? 48 - 16 * i : len - 64 + 16 * i;
      const so = so0 + 16 * half;
      const sec0 = DSW[so]!;
      const k0 = (sec0 + seed) | 0;
      const sec2 = DSW[so + 8]!;
      const k2 = (sec2 - seed) | 0;
      const aHi = read32(bytes, io + 4) ^ (DSW[so + 4]! + carry(sec0, seed, k0));
      const aLo = read32(bytes, io) ^ k0;
      const bHi = read32(bytes, io + 12) ^ (DSW[so + 12]! - ((sec2 >>> 0) < (seed >>> 0) ? 1 : 0));
      const bLo = read32(bytes, io + 8) ^ k2;
      // fold: lo64(a * b) ^ hi64(a * b) of the full 128-bit product, written out (as u64.mulFold64).
      const ual = aLo >>> 0;
      const uah = aHi >>> 0;
      const ubl = bLo >>> 0;
      const ubh = bHi >>> 0;
      const llLo = Math.imul(aLo, bLo);
      const lhLo = Math.imul(aLo, bHi);
      const hlLo = Math.imul(aHi, bLo);
      const hhLo = Math.imul(aHi, bHi);
      const llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
      const lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
      const hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
      const hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
      const s1 = (llHi + lhLo) | 0;
      const w1 = (s1 + hlLo) | 0;
      const c1 = carry(llHi, lhLo, s1) + carry(s1, hlLo, w1);
      const s2 = (lhHi + hlHi) | 0;
      const s3 = (s2 + hhLo) | 0;
      const w2 = (s3 + c1) | 0;
      const fHi = w1 ^ (hhHi + carry(lhHi, hlHi, s2) + carry(s2, hhLo, s3) + ((s3 & ~w2) >>> 31));
      const fLo = llLo ^ w2;
      const sum = (lo + fLo) | 0;
      hi = (hi + fHi + carry(lo, fLo, sum)) | 0;
      lo = sum;
    }
  }
  return avalancheH3(hi, lo);
}

/**
 * 129..240 bytes: eight mix16 into acc, the rest (and the last 16 bytes) into accEnd; then
 * avalanche(avalanche(acc) + accEnd). The fold is written out, as in hash17to128.
 */
function hash129to240(bytes: Uint8Array, len: number, seed: number): bigint {
  let accLo = mul64(0, len, 0x9e3779b1 | 0, 0x85ebca87 | 0);
  let accHi = high[0]!;
  let endLo = 0;
  let endHi = 0;
  const blocks = len >>> 4;
  // Jobs 0..7 feed acc (input 16j, secret 16j); jobs 8..blocks-1 feed accEnd (input 16j,
  // secret 16(j-8)+3); the last job feeds accEnd with the last 16 bytes and secret 119.
  for (let j = 0; j <= blocks; j++) {
    const io = j === blocks ? len - 16 : 16 * j;
    const so = j < 8 ? 16 * j : j === blocks ? 119 : 16 * (j - 8) + 3;
    const sec0 = DSW[so]!;
    const k0 = (sec0 + seed) | 0;
    const sec2 = DSW[so + 8]!;
    const k2 = (sec2 - seed) | 0;
    const aHi = read32(bytes, io + 4) ^ (DSW[so + 4]! + carry(sec0, seed, k0));
    const aLo = read32(bytes, io) ^ k0;
    const bHi = read32(bytes, io + 12) ^ (DSW[so + 12]! - ((sec2 >>> 0) < (seed >>> 0) ? 1 : 0));
    const bLo = read32(bytes, io + 8) ^ k2;
    // fold: lo64(a * b) ^ hi64(a * b) of the full 128-bit product, written out (as u64.mulFold64).
    const ual = aLo >>> 0;
    const uah = aHi >>> 0;
    const ubl = bLo >>> 0;
    const ubh = bHi >>> 0;
    const llLo = Math.imul(aLo, bLo);
    const lhLo = Math.imul(aLo, bHi);
    const hlLo = Math.imul(aHi, bLo);
    const hhLo = Math.imul(aHi, bHi);
    const llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    const lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    const hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    const hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    const s1 = (llHi + lhLo) | 0;
    const w1 = (s1 + hlLo) | 0;
    const c1 = carry(llHi, lhLo, s1) + carry(s1, hlLo, w1);
    const s2 = (lhHi + hlHi) | 0;
    const s3 = (s2 + hhLo) | 0;
    const w2 = (s3 + c1) | 0;
    const fHi = w1 ^ (hhHi + carry(lhHi, hlHi, s2) + carry(s2, hhLo, s3) + ((s3 & ~w2) >>> 31));
    const fLo = llLo ^ w2;
    if (j < 8) {
      const sum = (accLo + fLo) | 0;
      accHi = (accHi + fHi + carry(accLo, fLo, sum)) | 0;
      accLo = sum;
    } else {
      const sum = (endLo + fLo) | 0;
      endHi = (endHi + fHi + carry(endLo, fLo, sum)) | 0;
      endLo = sum;
    }
  }
  // acc = avalanche(avalanche(acc) + accEnd); the inner avalanche as in avalancheH3.
  const l = accLo ^ (accHi >>> 5);
  const aLo = mul64(accHi, l, 0x16566791, 0x9e3779f9 | 0) ^ high[0]!;
  const sum = (aLo + endLo) | 0;
  return avalancheH3((high[0]! + endHi + carry(aLo, endLo, sum)) | 0, sum);
}

// Long-input accumulators. Lane i is held unnormalised between scrambles: accLo[i] is a double
// summing 32-bit low words (exact: at most 33 values below 2^32 between normalisations, the
// start value and two per stripe for 16 stripes, so below 2^38) and accHi[i] the high words,
// wrapping mod 2^32. Carries are settled only when the
// exact 64-bit value is needed (scramble, merge), which takes the carry logic out of the stripe
// loop and keeps half the state in floating-point registers. `acc` holds normalised hi/lo pairs.
const accLo = new Float64Array(8);
const accHi = new Int32Array(8);
const acc = new Int32Array(16);

/** Initial accumulators: PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1. */
const ACC_INIT = new Int32Array([
  0, 0xc2b2ae3d | 0, 0x9e3779b1 | 0, 0x85ebca87 | 0, 0xc2b2ae3d | 0, 0x27d4eb4f, 0x165667b1, 0x9e3779f9 | 0,
  0x85ebca77 | 0, 0xc2b2ae63 | 0, 0, 0x85ebca77 | 0, 0x27d4eb2f, 0x165667c5, 0, 0x9e3779b1 | 0,
]);

/** Loads the normalised pairs in `acc` into accLo/accHi. */
function unpackAcc(): void {
  for (let i = 0; i < 8; i++) {
    accHi[i] = acc[2 * i]!;
    accLo[i] = acc[2 * i + 1]! >>> 0;
  }
}

/** Settles carries: accLo/accHi into normalised pairs in `acc`. */
function packAcc(): void {
  for (let i = 0; i < 8; i++) {
    const lo = accLo[i]!;
    acc[2 * i] = accHi[i]! + ((lo * 2.3283064365386963e-10) | 0);
    acc[2 * i + 1] = lo | 0;
  }
}

/**
 * Accumulates `count` 64-byte stripes from byte p of `view`, stripe s keyed by keys[k + 2s ..]:
 * per lane i, with x = d ^ key: acc[i] += lo32(x) * hi32(x); acc[i ^ 1] += d. The eight lanes
 * are written out so that the accumulators stay in registers.
 */
function accumulate(view: DataView, p: number, count: number, keys: Int32Array, k: number): void {
  let l0 = accLo[0]!, l1 = accLo[1]!, l2 = accLo[2]!, l3 = accLo[3]!;
  let l4 = accLo[4]!, l5 = accLo[5]!, l6 = accLo[6]!, l7 = accLo[7]!;
  let h0 = accHi[0]!, h1 = accHi[1]!, h2 = accHi[2]!, h3 = accHi[3]!;
  let h4 = accHi[4]!, h5 = accHi[5]!, h6 = accHi[6]!, h7 = accHi[7]!;
  let dl: number, dh: number, xl: number, xh: number, pl: number;
  for (let s = 0; s < count; s++, p += 64, k += 2) {
    // Lane 0: product into lane 0, data into lane 1.
    dl = view.getInt32(p + 0, true);
    dh = view.getInt32(p + 4, true);
    xl = dl ^ keys[k + 0]!;
    xh = dh ^ keys[k + 1]!;
    pl = Math.imul(xl, xh);
    l0 += pl >>> 0;
    h0 = (h0 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l1 += dl >>> 0;
    h1 = (h1 + dh) | 0;
    // Lane 1: product into lane 1, data into lane 0.
    dl = view.getInt32(p + 8, true);
    dh = view.getInt32(p + 12, true);
    xl = dl ^ keys[k + 2]!;
    xh = dh ^ keys[k + 3]!;
    pl = Math.imul(xl, xh);
    l1 += pl >>> 0;
    h1 = (h1 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l0 += dl >>> 0;
    h0 = (h0 + dh) | 0;
    // Lane 2: product into lane 2, data into lane 3.
    dl = view.getInt32(p + 16, true);
    dh = view.getInt32(p + 20, true);
    xl = dl ^ keys[k + 4]!;
    xh = dh ^ keys[k + 5]!;
    pl = Math.imul(xl, xh);
    l2 += pl >>> 0;
    h2 = (h2 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l3 += dl >>> 0;
    h3 = (h3 + dh) | 0;
    // Lane 3: product into lane 3, data into lane 2.
    dl = view.getInt32(p + 24, true);
    dh = view.getInt32(p + 28, true);
    xl = dl ^ keys[k + 6]!;
    xh = dh ^ keys[k + 7]!;
    pl = Math.imul(xl, xh);
    l3 += pl >>> 0;
    h3 = (h3 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l2 += dl >>> 0;
    h2 = (h2 + dh) | 0;
    // Lane 4: product into lane 4, data into lane 5.
    dl = view.getInt32(p + 32, true);
    dh = view.getInt32(p + 36, true);
    xl = dl ^ keys[k + 8]!;
    xh = dh ^ keys[k + 9]!;
    pl = Math.imul(xl, xh);
    l4 += pl >>> 0;
    h4 = (h4 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l5 += dl >>> 0;
    h5 = (h5 + dh) | 0;
    // Lane 5: product into lane 5, data into lane 4.
    dl = view.getInt32(p + 40, true);
    dh = view.getInt32(p + 44, true);
    xl = dl ^ keys[k + 10]!;
    xh = dh ^ keys[k + 11]!;
    pl = Math.imul(xl, xh);
    l5 += pl >>> 0;
    h5 = (h5 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l4 += dl >>> 0;
    h4 = (h4 + dh) | 0;
    // Lane 6: product into lane 6, data into lane 7.
    dl = view.getInt32(p + 48, true);
    dh = view.getInt32(p + 52, true);
    xl = dl ^ keys[k + 12]!;
    xh = dh ^ keys[k + 13]!;
    pl = Math.imul(xl, xh);
    l6 += pl >>> 0;
    h6 = (h6 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l7 += dl >>> 0;
    h7 = (h7 + dh) | 0;
    // Lane 7: product into lane 7, data into lane 6.
    dl = view.getInt32(p + 56, true);
    dh = view.getInt32(p + 60, true);
    xl = dl ^ keys[k + 14]!;
    xh = dh ^ keys[k + 15]!;
    pl = Math.imul(xl, xh);
    l7 += pl >>> 0;
    h7 = (h7 + ((((xl >>> 0) * (xh >>> 0) - (pl ^ 0x80000000)) * 2.3283064365386963e-10) | 0)) | 0;
    l6 += dl >>> 0;
    h6 = (h6 + dh) | 0;
  }
  accLo[0] = l0;
  accLo[1] = l1;
  accLo[2] = l2;
  accLo[3] = l3;
  accLo[4] = l4;
  accLo[5] = l5;
  accLo[6] = l6;
  accLo[7] = l7;
  accHi[0] = h0;
  accHi[1] = h1;
  accHi[2] = h2;
  accHi[3] = h3;
  accHi[4] = h4;
  accHi[5] = h5;
  accHi[6] = h6;
  accHi[7] = h7;
}

/** Scramble after each 1024-byte block: acc ^= acc >> 47; acc ^= key; acc *= PRIME32_1. */
function scramble(): void {
  packAcc();
  for (let i = 0; i < 16; i += 2) {
    const h = acc[i]!;
    const l = acc[i + 1]! ^ (h >>> 15) ^ stripeKeys[32 + i]!;
    const x = h ^ stripeKeys[33 + i]!;
    acc[i + 1] = Math.imul(l, 0x9e3779b1);
    acc[i] = mulHi32(l, 0x9e3779b1) + Math.imul(x, 0x9e3779b1);
  }
  unpackAcc();
}

/** More than 240 bytes: blocks of 16 stripes with a scramble after each, the rest, the last stripe, merge. */
function hashLong(bytes: Uint8Array, len: number, seed: number): bigint {
  if (!keysValid || keysSeed !== seed) deriveLongKeys(seed);
  acc.set(ACC_INIT);
  unpackAcc();
  const view = viewOf(bytes);
  // All stripes that end before the last byte: (len - 1) / 64 of them.
  const stripes = Math.floor((len - 1) / 64);
  const blocks = Math.floor(stripes / 16);
  let p = 0;
  for (let b = 0; b < blocks; b++, p += 1024) {
    accumulate(view, p, 16, stripeKeys, 0);
    scramble();
  }
  accumulate(view, p, stripes - 16 * blocks, stripeKeys, 0);
  accumulate(view, len - 64, 1, lastKeys, 0);
  packAcc();
  // merge: len * PRIME64_1 + sum of fold(acc[2i] ^ key, acc[2i + 1] ^ key), then avalanche.
  let lo = mul64((len / 4294967296) | 0, len | 0, 0x9e3779b1 | 0, 0x85ebca87 | 0);
  let hi = high[0]!;
  for (let i = 0; i < 16; i += 4) {
    const aHi = acc[i]! ^ mergeKeys[i + 1]!;
    const aLo = acc[i + 1]! ^ mergeKeys[i]!;
    const fLo = mulFold64(aHi, aLo, acc[i + 2]! ^ mergeKeys[i + 3]!, acc[i + 3]! ^ mergeKeys[i + 2]!);
    const sum = (lo + fLo) | 0;
    hi = hi + high[0]! + carry(lo, fLo, sum);
    lo = sum;
  }
  return avalancheH3(hi | 0, lo);
}

/** Matches Zig std.hash.XxHash3.hash with Bun's u32 seed (Bun.hash.xxHash3). */
export function xxHash3(bytes: Uint8Array, seedLo: number, _seedHi: number): bigint {
  const len = bytes.length;
  const seed = seedLo | 0;
  if (len > 240) return hashLong(bytes, len, seed);
  if (len > 128) return hash129to240(bytes, len, seed);
  if (len > 16) return hash17to128(bytes, len, seed);
  if (len > 8) return hash9to16(bytes, len, seed);
  if (len > 3) return hash4to8(bytes, len, seed);
  if (len > 0) return hash1to3(bytes, len, seed);
  // Empty input: avalanche(seed ^ secret[56..64] ^ secret[64..72]).
  return avalancheH64(DSW[60]! ^ DSW[68]!, DSW[56]! ^ DSW[64]! ^ seed);
}
