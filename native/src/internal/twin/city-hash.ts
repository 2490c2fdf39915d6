// Pure-TypeScript CityHash32 and CityHash64 (CityHash v1.1 as ported in Zig std), bit-exact
// with Bun.hash.cityHash32 / Bun.hash.cityHash64.
//
// Performance notes (V8 / TurboFan):
// - The short paths (up to 24 bytes for CityHash32, 32 for CityHash64) read words straight from
//   the bytes; longer inputs are read through a DataView, over a reusable scratch copy for up to
//   SCRATCH_SIZE bytes (cheaper than creating a DataView per call).
// - TurboFan always inlines leaf functions of at most 27 bytecodes (rd, rd16, rotr32, shr2 and
//   carry); anything bigger competes for a ~920-bytecode budget per optimised function,
//   so byte swaps and 64-bit products are written out by hand in the hot code.
// - 64-bit values live in (hi, lo) int32 local pairs. Only the tiny helpers take number
//   arguments. Larger 64-bit steps pass values through the `reg` / `out` typed arrays, so a
//   call that is not inlined never boxes int32s into heap numbers.
// - A 64-bit product r = x * m (mod 2^64) is written out by hand (a helper would be too large
//   to be inlined at every use):
//     q0 = xLo & 0xffff; q1 = xLo >>> 16;               // 16-bit halves of xLo
//     mid = imul(q1, M0) + (imul(q0, M0) >>> 16) | 0;   // M0, M1: 16-bit halves of mLo
//     rHi = imul(q1, M1) + (mid >>> 16) + ((imul(q0, M1) + (mid & 0xffff)) >>> 16)  // hi(xLo*mLo)
//         + imul(xHi, mLo) + imul(xLo, mHi) | 0;
//     rLo = imul(xLo, mLo);

const imul = Math.imul;
const INV_2_POW_32 = 1 / 4294967296;

const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593;
const MUR_ADD = 0xe6546b64 | 0;

const K0_HI = 0xc3a5c85c | 0;
const K0_LO = 0x97cb3127 | 0;
const K1_HI = 0xb492b66f | 0;
const K1_LO = 0xbe98f273 | 0;
const K1_L0 = 0xf273;
const K1_L1 = 0xbe98;
const K2_HI = 0x9ae16a3b | 0;
const K2_LO = 0x2f90404f;
const K2_L0 = 0x404f;
const K2_L1 = 0x2f90;
const KMUL_HI = 0x9ddfea08 | 0;
const KMUL_LO = 0xeb382d69 | 0;

/** Inputs up to this length are copied into `scratch` instead of paying for a new DataView. */
const SCRATCH_SIZE = 1024;
const scratch = new Uint8Array(SCRATCH_SIZE);
const scratchView = new DataView(scratch.buffer);

/** 64-bit result of a step as [lo, hi]; shares its buffer with `outU64` for the final bigint. */
const out = new Uint32Array(2);
const outU64 = new BigUint64Array(out.buffer);
/** Arguments / results of the 64-bit steps, as int32 words (see each step for the layout). */
const reg = new Int32Array(6);

// ---------------------------------------------------------------- tiny helpers

/** A little-endian view of the input (short inputs are copied into the reusable scratch). */
function viewOf(bytes: Uint8Array): DataView {
  if (bytes.length > SCRATCH_SIZE) return new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  scratch.set(bytes);
  return scratchView;
}

/** Little-endian int32 at byte offset i. */
function rd(v: DataView, i: number): number {
  return v.getInt32(i, true);
}

/**
 * Little-endian 16-bit value at byte offset i, straight from the bytes. Short paths read a word
 * as `rd16(b, i) | (rd16(b, i + 2) << 16)`: cheaper than copying a few bytes into the scratch.
 */
function rd16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

/** 32-bit rotate right, 0 < r < 32. */
function rotr32(x: number, r: number): number {
  return (x >>> r) | (x << (32 - r));
}

/** Funnel shift: low word of ((b:a) >>> r) for 0 < r < 32; builds 64-bit rotations. */
function shr2(a: number, b: number, r: number): number {
  return (a >>> r) | (b << (32 - r));
}

/** Carry out of the 32-bit addition a + b whose wrapped sum is s. */
function carry(a: number, b: number, s: number): number {
  return ((a & b) | ((a | b) & ~s)) >>> 31;
}

/** Borrow out of the 32-bit subtraction a - b whose wrapped difference is d. */
function borrow(a: number, b: number, d: number): number {
  return ((~a & b) | (~(a ^ b) & d)) >>> 31;
}

// ---------------------------------------------------------------- CityHash32

/** Murmur3 finaliser. */
function fmix(h: number): number {
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** CityHash32 `Mur(a, h)` (rotations written out: a leaf function is cheaper for V8 to inline). */
function mur(a: number, h: number): number {
  let x = imul(a, C1);
  x = h ^ imul((x >>> 17) | (x << 15), C2);
  return imul((x >>> 19) | (x << 13), 5) + MUR_ADD | 0;
}

/** CityHash32 for 0..4 bytes (bytes are sign-extended, as `signed char` in the reference). */
function city32Len0To4(b: Uint8Array, len: number): number {
  let x = 0;
  let c = 9;
  for (let i = 0; i < len; i++) {
    x = imul(x, C1) + ((b[i]! << 24) >> 24) | 0;
    c ^= x;
  }
  return fmix(mur(x, mur(len, c)));
}

/** CityHash32 for 5..12 bytes. */
function city32Len5To12(b: Uint8Array, len: number): number {
  const d = imul(len, 5);
  const x = len + (rd16(b, 0) | (rd16(b, 2) << 16)) | 0;
  const y = d + (rd16(b, len - 4) | (rd16(b, len - 2) << 16)) | 0;
  const m = (len >>> 1) & 4;
  const z = 9 + (rd16(b, m) | (rd16(b, m + 2) << 16)) | 0;
  return fmix(mur(z, mur(y, mur(x, d))));
}

/** CityHash32 for 13..24 bytes. */
function city32Len13To24(b: Uint8Array, len: number): number {
  const half = len >>> 1;
  let h = mur(rd16(b, half - 4) | (rd16(b, half - 2) << 16), len);
  h = mur(rd16(b, 4) | (rd16(b, 6) << 16), h);
  h = mur(rd16(b, len - 8) | (rd16(b, len - 6) << 16), h);
  h = mur(rd16(b, half) | (rd16(b, half + 2) << 16), h);
  h = mur(rd16(b, 0) | (rd16(b, 2) << 16), h);
  return fmix(mur(rd16(b, len - 4) | (rd16(b, len - 2) << 16), h));
}

/** CityHash32 for more than 24 bytes. */
function city32Long(v: DataView, len: number): number {
  let h = len | 0;
  let g = imul(C1, len);
  let f = g;
  let x = imul(rotr32(imul(rd(v, len - 4), C1), 17), C2);
  h = imul(rotr32(h ^ x, 19), 5) + MUR_ADD | 0;
  x = imul(rotr32(imul(rd(v, len - 16), C1), 17), C2);
  h = imul(rotr32(h ^ x, 19), 5) + MUR_ADD | 0;
  x = imul(rotr32(imul(rd(v, len - 8), C1), 17), C2);
  g = imul(rotr32(g ^ x, 19), 5) + MUR_ADD | 0;
  x = imul(rotr32(imul(rd(v, len - 12), C1), 17), C2);
  g = imul(rotr32(g ^ x, 19), 5) + MUR_ADD | 0;
  x = imul(rotr32(imul(rd(v, len - 20), C1), 17), C2);
  f = imul(rotr32(f + x | 0, 19), 5) + MUR_ADD | 0;

  const stop = Math.floor((len - 1) / 20) * 20;
  for (let p = 0; p < stop; p += 20) {
    const w1 = rd(v, p + 4);
    const w4 = rd(v, p + 16);
    const b0 = imul(rotr32(imul(rd(v, p), C1), 17), C2);
    const b2 = imul(rotr32(imul(rd(v, p + 8), C1), 17), C2);
    const b3 = imul(rotr32(imul(rd(v, p + 12), C1), 17), C2);
    h = imul(rotr32(h ^ b0, 18), 5) + MUR_ADD | 0;
    f = imul(rotr32(f + w1 | 0, 19), C1);
    g = imul(rotr32(g + b2 | 0, 18), 5) + MUR_ADD | 0;
    h = imul(rotr32(h ^ (b3 + w1 | 0), 19), 5) + MUR_ADD | 0;
    x = g ^ w4;
    g = imul((x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24), 5); // bswap
    x = h + imul(w4, 5) | 0;
    h = (x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24); // bswap
    f = f + b0 | 0;
    // rotate roles: (h, f, g) <- (f, g, h)
    x = h;
    h = f;
    f = g;
    g = x;
  }
  g = imul(rotr32(imul(rotr32(g, 11), C1), 17), C1);
  f = imul(rotr32(imul(rotr32(f, 11), C1), 17), C1);
  h = imul(rotr32(h + g | 0, 19), 5) + MUR_ADD | 0;
  h = imul(rotr32(h, 17), C1);
  h = imul(rotr32(h + f | 0, 19), 5) + MUR_ADD | 0;
  return imul(rotr32(h, 17), C1);
}

/** Matches Zig std.hash.CityHash32.hash (Bun.hash.cityHash32); Bun ignores any seed argument. */
export function cityHash32(bytes: Uint8Array): number {
  const len = bytes.length;
  if (len <= 4) return city32Len0To4(bytes, len) >>> 0;
  if (len <= 12) return city32Len5To12(bytes, len) >>> 0;
  if (len <= 24) return city32Len13To24(bytes, len) >>> 0;
  return city32Long(viewOf(bytes), len) >>> 0;
}

// ---------------------------------------------------------------- CityHash64 steps

/**
 * CityHash `HashLen16(u, v, mul)`: reads reg = [uHi, uLo, vHi, vLo, mulHi, mulLo], writes `out`.
 */
function hashLen16Mul(): void {
  const vHi = reg[2]!, vLo = reg[3]!, mHi = reg[4]!, mLo = reg[5]!;
  const m0 = mLo & 0xffff;
  const m1 = mLo >>> 16;
  // a = (u ^ v) * mul; a ^= a >> 47
  let xHi = reg[0]! ^ vHi;
  let xLo = reg[1]! ^ vLo;
  let q0 = xLo & 0xffff;
  let q1 = xLo >>> 16;
  let mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  const aHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(xHi, mLo) + imul(xLo, mHi) | 0;
  const aLo = imul(xLo, mLo) ^ (aHi >>> 15);
  // b = (v ^ a) * mul; b ^= b >> 47
  xHi = vHi ^ aHi;
  xLo = vLo ^ aLo;
  q0 = xLo & 0xffff;
  q1 = xLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  const bHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(xHi, mLo) + imul(xLo, mHi) | 0;
  const bLo = imul(xLo, mLo) ^ (bHi >>> 15);
  // b *= mul
  q0 = bLo & 0xffff;
  q1 = bLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  out[1] = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(bHi, mLo) + imul(bLo, mHi) | 0;
  out[0] = imul(bLo, mLo);
}

/**
 * CityHash `WeakHashLen32WithSeeds` over the 32 bytes at p: reads seeds
 * reg[0..3] = [aHi, aLo, bHi, bLo], writes reg[0..3] = [firstHi, firstLo, secondHi, secondLo].
 * (city64Long's loop carries a hand-inlined copy of this.)
 */
function weakHashLen32(v: DataView, p: number): void {
  const seedALo = reg[1]!;
  const seedBLo = reg[3]!;
  const zLo = rd(v, p + 24);
  const zHi = rd(v, p + 28);
  // a += w
  const w = rd(v, p);
  const aLo = seedALo + w | 0;
  const aHi = reg[0]! + rd(v, p + 4) + carry(seedALo, w, aLo) | 0;
  // b = rotr(b + a + z, 21)
  const s1Lo = seedBLo + aLo | 0;
  const s1Hi = reg[2]! + aHi + carry(seedBLo, aLo, s1Lo) | 0;
  const s2Lo = s1Lo + zLo | 0;
  const s2Hi = s1Hi + zHi + carry(s1Lo, zLo, s2Lo) | 0;
  const bLo = shr2(s2Lo, s2Hi, 21);
  const bHi = shr2(s2Hi, s2Lo, 21);
  // c = a; a += x; a += y
  const x = rd(v, p + 8);
  const a1Lo = aLo + x | 0;
  const a1Hi = aHi + rd(v, p + 12) + carry(aLo, x, a1Lo) | 0;
  const y = rd(v, p + 16);
  const a2Lo = a1Lo + y | 0;
  const a2Hi = a1Hi + rd(v, p + 20) + carry(a1Lo, y, a2Lo) | 0;
  // b += rotr(a, 44)
  const rLo = shr2(a2Hi, a2Lo, 12);
  const rHi = shr2(a2Lo, a2Hi, 12);
  const b1Lo = bLo + rLo | 0;
  const b1Hi = bHi + rHi + carry(bLo, rLo, b1Lo) | 0;
  // first = a + z; second = b + c
  const firstLo = a2Lo + zLo | 0;
  reg[0] = a2Hi + zHi + carry(a2Lo, zLo, firstLo) | 0;
  reg[1] = firstLo;
  const secondLo = b1Lo + aLo | 0;
  reg[2] = b1Hi + aHi + carry(b1Lo, aLo, secondLo) | 0;
  reg[3] = secondLo;
}

// ---------------------------------------------------------------- CityHash64

/** CityHash64 for 0..16 bytes; writes `out`. */
function city64Len0To16(b: Uint8Array, len: number): void {
  if (len >= 4) {
    // mul = k2 + len * 2
    const mLo = K2_LO + len * 2 | 0;
    reg[4] = K2_HI + carry(K2_LO, len * 2, mLo) | 0;
    reg[5] = mLo;
    if (len >= 8) {
      const mHi = reg[4]!;
      const m0 = mLo & 0xffff;
      const m1 = mLo >>> 16;
      // a = fetch64(0) + k2
      const w = rd16(b, 0) | (rd16(b, 2) << 16);
      const aLo = w + K2_LO | 0;
      const aHi = (rd16(b, 4) | (rd16(b, 6) << 16)) + K2_HI + carry(w, K2_LO, aLo) | 0;
      // b = fetch64(len - 8)
      const bLo = rd16(b, len - 8) | (rd16(b, len - 6) << 16);
      const bHi = rd16(b, len - 4) | (rd16(b, len - 2) << 16);
      // c = rotr(b, 37) * mul + a
      const rLo = shr2(bHi, bLo, 5);
      const rHi = shr2(bLo, bHi, 5);
      let q0 = rLo & 0xffff;
      let q1 = rLo >>> 16;
      let mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
      const pHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
        imul(rHi, mLo) + imul(rLo, mHi) | 0;
      const pLo = imul(rLo, mLo);
      const cLo = pLo + aLo | 0;
      reg[0] = pHi + aHi + carry(pLo, aLo, cLo) | 0;
      reg[1] = cLo;
      // d = (rotr(a, 25) + b) * mul
      const tLo = shr2(aLo, aHi, 25);
      const tHi = shr2(aHi, aLo, 25);
      const sLo = tLo + bLo | 0;
      const sHi = tHi + bHi + carry(tLo, bLo, sLo) | 0;
      q0 = sLo & 0xffff;
      q1 = sLo >>> 16;
      mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
      reg[2] = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
        imul(sHi, mLo) + imul(sLo, mHi) | 0;
      reg[3] = imul(sLo, mLo);
      hashLen16Mul();
      return;
    }
    // hashLen16(len + (a << 3), fetch32(len - 4), mul)
    const a = rd16(b, 0) | (rd16(b, 2) << 16);
    const uLo = (a << 3) + len | 0;
    reg[0] = (a >>> 29) + carry(a << 3, len, uLo) | 0;
    reg[1] = uLo;
    reg[2] = 0;
    reg[3] = rd16(b, len - 4) | (rd16(b, len - 2) << 16);
    hashLen16Mul();
    return;
  }
  if (len > 0) {
    // shiftmix(y * k2 ^ z * k0) * k2 with small y, z: their products' high words are exact doubles
    const y = b[0]! + (b[len >>> 1]! << 8);
    const z = len + (b[len - 1]! << 2);
    const xHi = (((y * K2_LO * INV_2_POW_32) | 0) + imul(y, K2_HI)) ^
      ((((z * (K0_LO >>> 0)) * INV_2_POW_32) | 0) + imul(z, K0_HI));
    const xLo = imul(y, K2_LO) ^ imul(z, K0_LO) ^ (xHi >>> 15);
    const q0 = xLo & 0xffff;
    const q1 = xLo >>> 16;
    const mid = imul(q1, K2_L0) + (imul(q0, K2_L0) >>> 16) | 0;
    out[1] = imul(q1, K2_L1) + (mid >>> 16) + ((imul(q0, K2_L1) + (mid & 0xffff)) >>> 16) +
      imul(xHi, K2_LO) + imul(xLo, K2_HI) | 0;
    out[0] = imul(xLo, K2_LO);
    return;
  }
  out[0] = K2_LO;
  out[1] = K2_HI;
}

/** CityHash64 for 17..32 bytes; writes `out`. */
function city64Len17To32(b: Uint8Array, len: number): void {
  const mLo = K2_LO + len * 2 | 0;
  const mHi = K2_HI + carry(K2_LO, len * 2, mLo) | 0;
  const m0 = mLo & 0xffff;
  const m1 = mLo >>> 16;
  // a = fetch64(0) * k1
  let w = rd16(b, 0) | (rd16(b, 2) << 16);
  let q0 = w & 0xffff;
  let q1 = w >>> 16;
  let mid = imul(q1, K1_L0) + (imul(q0, K1_L0) >>> 16) | 0;
  const aHi = imul(q1, K1_L1) + (mid >>> 16) + ((imul(q0, K1_L1) + (mid & 0xffff)) >>> 16) +
    imul(rd16(b, 4) | (rd16(b, 6) << 16), K1_LO) + imul(w, K1_HI) | 0;
  const aLo = imul(w, K1_LO);
  // b = fetch64(8)
  const bLo = rd16(b, 8) | (rd16(b, 10) << 16);
  const bHi = rd16(b, 12) | (rd16(b, 14) << 16);
  // c = fetch64(len - 8) * mul
  w = rd16(b, len - 8) | (rd16(b, len - 6) << 16);
  q0 = w & 0xffff;
  q1 = w >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  const cHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(rd16(b, len - 4) | (rd16(b, len - 2) << 16), mLo) + imul(w, mHi) | 0;
  const cLo = imul(w, mLo);
  // d = fetch64(len - 16) * k2
  w = rd16(b, len - 16) | (rd16(b, len - 14) << 16);
  q0 = w & 0xffff;
  q1 = w >>> 16;
  mid = imul(q1, K2_L0) + (imul(q0, K2_L0) >>> 16) | 0;
  const dHi = imul(q1, K2_L1) + (mid >>> 16) + ((imul(q0, K2_L1) + (mid & 0xffff)) >>> 16) +
    imul(rd16(b, len - 12) | (rd16(b, len - 10) << 16), K2_LO) + imul(w, K2_HI) | 0;
  const dLo = imul(w, K2_LO);
  // u = rotr(a + b, 43) + rotr(c, 30) + d
  let sLo = aLo + bLo | 0;
  let sHi = aHi + bHi + carry(aLo, bLo, sLo) | 0;
  const pLo = shr2(sHi, sLo, 11);
  const pHi = shr2(sLo, sHi, 11);
  const rLo = shr2(cLo, cHi, 30);
  const rHi = shr2(cHi, cLo, 30);
  sLo = pLo + rLo | 0;
  sHi = pHi + rHi + carry(pLo, rLo, sLo) | 0;
  const uLo = sLo + dLo | 0;
  reg[0] = sHi + dHi + carry(sLo, dLo, uLo) | 0;
  reg[1] = uLo;
  // v = a + rotr(b + k2, 18) + c
  sLo = bLo + K2_LO | 0;
  sHi = bHi + K2_HI + carry(bLo, K2_LO, sLo) | 0;
  const tLo = shr2(sLo, sHi, 18);
  const tHi = shr2(sHi, sLo, 18);
  sLo = aLo + tLo | 0;
  sHi = aHi + tHi + carry(aLo, tLo, sLo) | 0;
  const vLo = sLo + cLo | 0;
  reg[2] = sHi + cHi + carry(sLo, cLo, vLo) | 0;
  reg[3] = vLo;
  reg[4] = mHi;
  reg[5] = mLo;
  hashLen16Mul();
}

/** CityHash64 for 33..64 bytes; writes `out`. */
function city64Len33To64(v: DataView, len: number): void {
  const mLo = K2_LO + len * 2 | 0;
  const mHi = K2_HI + carry(K2_LO, len * 2, mLo) | 0;
  const m0 = mLo & 0xffff;
  const m1 = mLo >>> 16;
  // a = fetch64(0) * k2
  let w = rd(v, 0);
  let q0 = w & 0xffff;
  let q1 = w >>> 16;
  let mid = imul(q1, K2_L0) + (imul(q0, K2_L0) >>> 16) | 0;
  const aHi = imul(q1, K2_L1) + (mid >>> 16) + ((imul(q0, K2_L1) + (mid & 0xffff)) >>> 16) +
    imul(rd(v, 4), K2_LO) + imul(w, K2_HI) | 0;
  const aLo = imul(w, K2_LO);
  const bLo = rd(v, 8);
  const bHi = rd(v, 12);
  const cLo = rd(v, len - 24);
  const cHi = rd(v, len - 20);
  const dLo = rd(v, len - 32);
  const dHi = rd(v, len - 28);
  // e = fetch64(16) * k2
  w = rd(v, 16);
  q0 = w & 0xffff;
  q1 = w >>> 16;
  mid = imul(q1, K2_L0) + (imul(q0, K2_L0) >>> 16) | 0;
  const eHi = imul(q1, K2_L1) + (mid >>> 16) + ((imul(q0, K2_L1) + (mid & 0xffff)) >>> 16) +
    imul(rd(v, 20), K2_LO) + imul(w, K2_HI) | 0;
  const eLo = imul(w, K2_LO);
  // f = fetch64(24) * 9 (the high word of a 32-bit value times 9 is an exact double)
  w = rd(v, 24);
  const fHi = ((w >>> 0) * 9 * INV_2_POW_32 | 0) + imul(rd(v, 28), 9) | 0;
  const fLo = imul(w, 9);
  const gLo = rd(v, len - 8);
  const gHi = rd(v, len - 4);
  // h = fetch64(len - 16) * mul
  w = rd(v, len - 16);
  q0 = w & 0xffff;
  q1 = w >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  const hHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(rd(v, len - 12), mLo) + imul(w, mHi) | 0;
  const hLo = imul(w, mLo);

  // ag = a + g
  const agLo = aLo + gLo | 0;
  const agHi = aHi + gHi + carry(aLo, gLo, agLo) | 0;
  // u = rotr(a + g, 43) + (rotr(b, 30) + c) * 9
  let sLo = shr2(bLo, bHi, 30);
  let sHi = shr2(bHi, bLo, 30);
  let tLo = sLo + cLo | 0;
  let tHi = sHi + cHi + carry(sLo, cLo, tLo) | 0;
  sLo = imul(tLo, 9);
  sHi = ((tLo >>> 0) * 9 * INV_2_POW_32 | 0) + imul(tHi, 9) | 0;
  tLo = shr2(agHi, agLo, 11);
  tHi = shr2(agLo, agHi, 11);
  const uLo = tLo + sLo | 0;
  const uHi = tHi + sHi + carry(tLo, sLo, uLo) | 0;
  // v = ((a + g) ^ d) + f + 1
  tLo = agLo ^ dLo;
  tHi = agHi ^ dHi;
  sLo = tLo + fLo | 0;
  sHi = tHi + fHi + carry(tLo, fLo, sLo) | 0;
  const vLo = sLo + 1 | 0;
  const vHi = sHi + carry(sLo, 1, vLo) | 0;
  // w = bswap((u + v) * mul) + h
  tLo = uLo + vLo | 0;
  tHi = uHi + vHi + carry(uLo, vLo, tLo) | 0;
  q0 = tLo & 0xffff;
  q1 = tLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  sHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(tHi, mLo) + imul(tLo, mHi) | 0;
  sLo = imul(tLo, mLo);
  tLo = ((sHi >>> 24) | ((sHi >>> 8) & 0xff00) | ((sHi & 0xff00) << 8) | (sHi << 24));
  tHi = ((sLo >>> 24) | ((sLo >>> 8) & 0xff00) | ((sLo & 0xff00) << 8) | (sLo << 24));
  const wLo = tLo + hLo | 0;
  const wHi = tHi + hHi + carry(tLo, hLo, wLo) | 0;
  // x = rotr(e + f, 42) + c
  const efLo = eLo + fLo | 0;
  const efHi = eHi + fHi + carry(eLo, fLo, efLo) | 0;
  tLo = shr2(efHi, efLo, 10);
  tHi = shr2(efLo, efHi, 10);
  const xLo = tLo + cLo | 0;
  const xHi = tHi + cHi + carry(tLo, cLo, xLo) | 0;
  // y = (bswap((v + w) * mul) + g) * mul
  tLo = vLo + wLo | 0;
  tHi = vHi + wHi + carry(vLo, wLo, tLo) | 0;
  q0 = tLo & 0xffff;
  q1 = tLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  sHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(tHi, mLo) + imul(tLo, mHi) | 0;
  sLo = imul(tLo, mLo);
  tLo = ((sHi >>> 24) | ((sHi >>> 8) & 0xff00) | ((sHi & 0xff00) << 8) | (sHi << 24));
  tHi = ((sLo >>> 24) | ((sLo >>> 8) & 0xff00) | ((sLo & 0xff00) << 8) | (sLo << 24));
  sLo = tLo + gLo | 0;
  sHi = tHi + gHi + carry(tLo, gLo, sLo) | 0;
  q0 = sLo & 0xffff;
  q1 = sLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  const yHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(sHi, mLo) + imul(sLo, mHi) | 0;
  const yLo = imul(sLo, mLo);
  // z = e + f + c
  const zLo = efLo + cLo | 0;
  const zHi = efHi + cHi + carry(efLo, cLo, zLo) | 0;
  // a1 = bswap((x + z) * mul + y) + b
  tLo = xLo + zLo | 0;
  tHi = xHi + zHi + carry(xLo, zLo, tLo) | 0;
  q0 = tLo & 0xffff;
  q1 = tLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  sHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(tHi, mLo) + imul(tLo, mHi) | 0;
  sLo = imul(tLo, mLo);
  tLo = sLo + yLo | 0;
  tHi = sHi + yHi + carry(sLo, yLo, tLo) | 0;
  sLo = ((tHi >>> 24) | ((tHi >>> 8) & 0xff00) | ((tHi & 0xff00) << 8) | (tHi << 24));
  sHi = ((tLo >>> 24) | ((tLo >>> 8) & 0xff00) | ((tLo & 0xff00) << 8) | (tLo << 24));
  const a1Lo = sLo + bLo | 0;
  const a1Hi = sHi + bHi + carry(sLo, bLo, a1Lo) | 0;
  // b1 = shiftmix((z + a1) * mul + d + h) * mul
  tLo = zLo + a1Lo | 0;
  tHi = zHi + a1Hi + carry(zLo, a1Lo, tLo) | 0;
  q0 = tLo & 0xffff;
  q1 = tLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  sHi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(tHi, mLo) + imul(tLo, mHi) | 0;
  sLo = imul(tLo, mLo);
  tLo = sLo + dLo | 0;
  tHi = sHi + dHi + carry(sLo, dLo, tLo) | 0;
  sLo = tLo + hLo | 0;
  sHi = tHi + hHi + carry(tLo, hLo, sLo) | 0;
  sLo ^= sHi >>> 15;
  q0 = sLo & 0xffff;
  q1 = sLo >>> 16;
  mid = imul(q1, m0) + (imul(q0, m0) >>> 16) | 0;
  const b1Hi = imul(q1, m1) + (mid >>> 16) + ((imul(q0, m1) + (mid & 0xffff)) >>> 16) +
    imul(sHi, mLo) + imul(sLo, mHi) | 0;
  const b1Lo = imul(sLo, mLo);
  // return b1 + x
  tLo = b1Lo + xLo | 0;
  out[0] = tLo;
  out[1] = b1Hi + xHi + carry(b1Lo, xLo, tLo) | 0;
}

/**
 * CityHash64 for more than 64 bytes; writes `out`. The 64-byte loop is self-contained (only
 * tiny helpers) so that TurboFan compiles it without any real calls.
 */
function city64Long(v: DataView, len: number): void {
  const lenLo = len | 0;
  const lenHi = len * INV_2_POW_32 | 0;
  let w = 0;
  let q0 = 0;
  let q1 = 0;
  let mid = 0;
  let tLo = 0;
  let tHi = 0;
  let sLo = 0;
  let sHi = 0;
  // x = fetch64(len - 40)
  let xLo = rd(v, len - 40);
  let xHi = rd(v, len - 36);
  // y = fetch64(len - 16) + fetch64(len - 56)
  tLo = rd(v, len - 16);
  sLo = rd(v, len - 56);
  let yLo = tLo + sLo | 0;
  let yHi = rd(v, len - 12) + rd(v, len - 52) + carry(tLo, sLo, yLo) | 0;
  // z = hashLen16(fetch64(len - 48) + len, fetch64(len - 24))
  tLo = rd(v, len - 48);
  sLo = tLo + lenLo | 0;
  reg[0] = rd(v, len - 44) + lenHi + carry(tLo, lenLo, sLo) | 0;
  reg[1] = sLo;
  reg[2] = rd(v, len - 20);
  reg[3] = rd(v, len - 24);
  reg[4] = KMUL_HI;
  reg[5] = KMUL_LO;
  hashLen16Mul(); // Hash128to64
  let zLo = out[0]! | 0;
  let zHi = out[1]! | 0;
  // v = weak(len - 64, len, z)
  reg[0] = lenHi;
  reg[1] = lenLo;
  reg[2] = zHi;
  reg[3] = zLo;
  weakHashLen32(v, len - 64);
  let vFirstHi = reg[0]!, vFirstLo = reg[1]!, vSecondHi = reg[2]!, vSecondLo = reg[3]!;
  // w = weak(len - 32, y + k1, x)
  tLo = yLo + K1_LO | 0;
  reg[0] = yHi + K1_HI + carry(yLo, K1_LO, tLo) | 0;
  reg[1] = tLo;
  reg[2] = xHi;
  reg[3] = xLo;
  weakHashLen32(v, len - 32);
  let wFirstHi = reg[0]!, wFirstLo = reg[1]!, wSecondHi = reg[2]!, wSecondLo = reg[3]!;
  // x = x * k1 + fetch64(0)
  q0 = xLo & 0xffff;
  q1 = xLo >>> 16;
  mid = imul(q1, K1_L0) + (imul(q0, K1_L0) >>> 16) | 0;
  sHi = imul(q1, K1_L1) + (mid >>> 16) + ((imul(q0, K1_L1) + (mid & 0xffff)) >>> 16) +
    imul(xHi, K1_LO) + imul(xLo, K1_HI) | 0;
  sLo = imul(xLo, K1_LO);
  w = rd(v, 0);
  xLo = sLo + w | 0;
  xHi = sHi + rd(v, 4) + carry(sLo, w, xLo) | 0;

  const stop = len - 1 - ((len - 1) % 64);
  for (let p = 0; p < stop; p += 64) {
    // x = rotr(x + y + v.first + fetch64(p + 8), 37) * k1
    tLo = xLo + yLo | 0;
    tHi = xHi + yHi + carry(xLo, yLo, tLo) | 0;
    sLo = tLo + vFirstLo | 0;
    sHi = tHi + vFirstHi + carry(tLo, vFirstLo, sLo) | 0;
    w = rd(v, p + 8);
    tLo = sLo + w | 0;
    tHi = sHi + rd(v, p + 12) + carry(sLo, w, tLo) | 0;
    sLo = shr2(tHi, tLo, 5);
    sHi = shr2(tLo, tHi, 5);
    q0 = sLo & 0xffff;
    q1 = sLo >>> 16;
    mid = imul(q1, K1_L0) + (imul(q0, K1_L0) >>> 16) | 0;
    xHi = imul(q1, K1_L1) + (mid >>> 16) + ((imul(q0, K1_L1) + (mid & 0xffff)) >>> 16) +
      imul(sHi, K1_LO) + imul(sLo, K1_HI) | 0;
    xLo = imul(sLo, K1_LO);
    // y = rotr(y + v.second + fetch64(p + 48), 42) * k1
    tLo = yLo + vSecondLo | 0;
    tHi = yHi + vSecondHi + carry(yLo, vSecondLo, tLo) | 0;
    w = rd(v, p + 48);
    sLo = tLo + w | 0;
    sHi = tHi + rd(v, p + 52) + carry(tLo, w, sLo) | 0;
    tLo = shr2(sHi, sLo, 10);
    tHi = shr2(sLo, sHi, 10);
    q0 = tLo & 0xffff;
    q1 = tLo >>> 16;
    mid = imul(q1, K1_L0) + (imul(q0, K1_L0) >>> 16) | 0;
    yHi = imul(q1, K1_L1) + (mid >>> 16) + ((imul(q0, K1_L1) + (mid & 0xffff)) >>> 16) +
      imul(tHi, K1_LO) + imul(tLo, K1_HI) | 0;
    yLo = imul(tLo, K1_LO);
    // x ^= w.second
    xLo ^= wSecondLo;
    xHi ^= wSecondHi;
    // y += v.first + fetch64(p + 40)
    tLo = yLo + vFirstLo | 0;
    tHi = yHi + vFirstHi + carry(yLo, vFirstLo, tLo) | 0;
    w = rd(v, p + 40);
    yLo = tLo + w | 0;
    yHi = tHi + rd(v, p + 44) + carry(tLo, w, yLo) | 0;
    // z = rotr(z + w.first, 33) * k1
    tLo = zLo + wFirstLo | 0;
    tHi = zHi + wFirstHi + carry(zLo, wFirstLo, tLo) | 0;
    sLo = shr2(tHi, tLo, 1);
    sHi = shr2(tLo, tHi, 1);
    q0 = sLo & 0xffff;
    q1 = sLo >>> 16;
    mid = imul(q1, K1_L0) + (imul(q0, K1_L0) >>> 16) | 0;
    zHi = imul(q1, K1_L1) + (mid >>> 16) + ((imul(q0, K1_L1) + (mid & 0xffff)) >>> 16) +
      imul(sHi, K1_LO) + imul(sLo, K1_HI) | 0;
    zLo = imul(sLo, K1_LO);
    // The two WeakHashLen32WithSeeds steps below are weakHashLen32 inlined by hand; block words:
    // w0 = fetch64(p), x0 = fetch64(p + 8), y0 = fetch64(p + 16), z0 = fetch64(p + 24).
    {
      // v = weak(p, a = v.second * k1, b = x + w.first)
      q0 = vSecondLo & 0xffff;
      q1 = vSecondLo >>> 16;
      mid = imul(q1, K1_L0) + (imul(q0, K1_L0) >>> 16) | 0;
      const seedAHi = imul(q1, K1_L1) + (mid >>> 16) + ((imul(q0, K1_L1) + (mid & 0xffff)) >>> 16) +
        imul(vSecondHi, K1_LO) + imul(vSecondLo, K1_HI) | 0;
      const seedALo = imul(vSecondLo, K1_LO);
      const seedBLo = xLo + wFirstLo | 0;
      const seedBHi = xHi + wFirstHi + carry(xLo, wFirstLo, seedBLo) | 0;
      // a += w0
      w = rd(v, p);
      const aLo = seedALo + w | 0;
      const aHi = seedAHi + rd(v, p + 4) + carry(seedALo, w, aLo) | 0;
      // b = rotr(b + a + z0, 21)
      const zLo0 = rd(v, p + 24);
      const zHi0 = rd(v, p + 28);
      const s1Lo = seedBLo + aLo | 0;
      const s1Hi = seedBHi + aHi + carry(seedBLo, aLo, s1Lo) | 0;
      const s2Lo = s1Lo + zLo0 | 0;
      const s2Hi = s1Hi + zHi0 + carry(s1Lo, zLo0, s2Lo) | 0;
      const bLo = shr2(s2Lo, s2Hi, 21);
      const bHi = shr2(s2Hi, s2Lo, 21);
      // c = a; a += x0; a += y0
      w = rd(v, p + 8);
      const a1Lo = aLo + w | 0;
      const a1Hi = aHi + rd(v, p + 12) + carry(aLo, w, a1Lo) | 0;
      w = rd(v, p + 16);
      const a2Lo = a1Lo + w | 0;
      const a2Hi = a1Hi + rd(v, p + 20) + carry(a1Lo, w, a2Lo) | 0;
      // b += rotr(a, 44); first = a + z0; second = b + c
      const rLo = shr2(a2Hi, a2Lo, 12);
      const rHi = shr2(a2Lo, a2Hi, 12);
      const b1Lo = bLo + rLo | 0;
      const b1Hi = bHi + rHi + carry(bLo, rLo, b1Lo) | 0;
      vFirstLo = a2Lo + zLo0 | 0;
      vFirstHi = a2Hi + zHi0 + carry(a2Lo, zLo0, vFirstLo) | 0;
      vSecondLo = b1Lo + aLo | 0;
      vSecondHi = b1Hi + aHi + carry(b1Lo, aLo, vSecondLo) | 0;
    }
    {
      // w = weak(p + 32, a = z + w.second, b = y + fetch64(p + 16))
      const seedALo = zLo + wSecondLo | 0;
      const seedAHi = zHi + wSecondHi + carry(zLo, wSecondLo, seedALo) | 0;
      w = rd(v, p + 16);
      const seedBLo = yLo + w | 0;
      const seedBHi = yHi + rd(v, p + 20) + carry(yLo, w, seedBLo) | 0;
      w = rd(v, p + 32);
      const aLo = seedALo + w | 0;
      const aHi = seedAHi + rd(v, p + 36) + carry(seedALo, w, aLo) | 0;
      const zLo0 = rd(v, p + 56);
      const zHi0 = rd(v, p + 60);
      const s1Lo = seedBLo + aLo | 0;
      const s1Hi = seedBHi + aHi + carry(seedBLo, aLo, s1Lo) | 0;
      const s2Lo = s1Lo + zLo0 | 0;
      const s2Hi = s1Hi + zHi0 + carry(s1Lo, zLo0, s2Lo) | 0;
      const bLo = shr2(s2Lo, s2Hi, 21);
      const bHi = shr2(s2Hi, s2Lo, 21);
      w = rd(v, p + 40);
      const a1Lo = aLo + w | 0;
      const a1Hi = aHi + rd(v, p + 44) + carry(aLo, w, a1Lo) | 0;
      w = rd(v, p + 48);
      const a2Lo = a1Lo + w | 0;
      const a2Hi = a1Hi + rd(v, p + 52) + carry(a1Lo, w, a2Lo) | 0;
      const rLo = shr2(a2Hi, a2Lo, 12);
      const rHi = shr2(a2Lo, a2Hi, 12);
      const b1Lo = bLo + rLo | 0;
      const b1Hi = bHi + rHi + carry(bLo, rLo, b1Lo) | 0;
      wFirstLo = a2Lo + zLo0 | 0;
      wFirstHi = a2Hi + zHi0 + carry(a2Lo, zLo0, wFirstLo) | 0;
      wSecondLo = b1Lo + aLo | 0;
      wSecondHi = b1Hi + aHi + carry(b1Lo, aLo, wSecondLo) | 0;
    }
    // swap z and x
    tLo = zLo;
    tHi = zHi;
    zLo = xLo;
    zHi = xHi;
    xLo = tLo;
    xHi = tHi;
  }

  // hashLen16(hashLen16(v.first, w.first) + shiftmix(y) * k1 + z, hashLen16(v.second, w.second) + x)
  reg[0] = vFirstHi;
  reg[1] = vFirstLo;
  reg[2] = wFirstHi;
  reg[3] = wFirstLo;
  reg[4] = KMUL_HI;
  reg[5] = KMUL_LO;
  hashLen16Mul(); // Hash128to64
  const pLo = out[0]! | 0;
  const pHi = out[1]! | 0;
  yLo ^= yHi >>> 15;
  q0 = yLo & 0xffff;
  q1 = yLo >>> 16;
  mid = imul(q1, K1_L0) + (imul(q0, K1_L0) >>> 16) | 0;
  sHi = imul(q1, K1_L1) + (mid >>> 16) + ((imul(q0, K1_L1) + (mid & 0xffff)) >>> 16) +
    imul(yHi, K1_LO) + imul(yLo, K1_HI) | 0;
  sLo = imul(yLo, K1_LO);
  tLo = pLo + sLo | 0;
  tHi = pHi + sHi + carry(pLo, sLo, tLo) | 0;
  const uLo = tLo + zLo | 0;
  const uHi = tHi + zHi + carry(tLo, zLo, uLo) | 0;
  reg[0] = vSecondHi;
  reg[1] = vSecondLo;
  reg[2] = wSecondHi;
  reg[3] = wSecondLo;
  reg[4] = KMUL_HI;
  reg[5] = KMUL_LO;
  hashLen16Mul(); // Hash128to64
  const qLo = out[0]! | 0;
  const qHi = out[1]! | 0;
  tLo = qLo + xLo | 0;
  reg[0] = uHi;
  reg[1] = uLo;
  reg[2] = qHi + xHi + carry(qLo, xLo, tLo) | 0;
  reg[3] = tLo;
  reg[4] = KMUL_HI;
  reg[5] = KMUL_LO;
  hashLen16Mul(); // Hash128to64
}

/** Matches Zig std.hash.CityHash64.hashWithSeed(str, seed) (Bun.hash.cityHash64, which always seeds). */
export function cityHash64(bytes: Uint8Array, seedLo: number, seedHi: number): bigint {
  const len = bytes.length;
  if (len <= 16) city64Len0To16(bytes, len);
  else if (len <= 32) city64Len17To32(bytes, len);
  else if (len <= 64) city64Len33To64(viewOf(bytes), len);
  else city64Long(viewOf(bytes), len);
  // hashLen16(hash - k2, seed)
  const hLo = out[0]! | 0;
  const dLo = hLo - K2_LO | 0;
  reg[0] = (out[1]! | 0) - K2_HI - borrow(hLo, K2_LO, dLo) | 0;
  reg[1] = dLo;
  reg[2] = seedHi | 0;
  reg[3] = seedLo | 0;
  reg[4] = KMUL_HI;
  reg[5] = KMUL_LO;
  hashLen16Mul(); // Hash128to64
  return outU64[0]!;
}
