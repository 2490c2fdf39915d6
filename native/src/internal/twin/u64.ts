// Shared helpers for 64-bit hashing on pairs of 32-bit words, without BigInt in hot loops.
//
// Convention: a 64-bit value lives in two local numbers, `hi` and `lo`, each held as a
// signed int32 (normalise with `| 0`). Int32 values stay unboxed in V8 (Smis on 64-bit
// builds), whereas uint32 values >= 2^31 crossing a call boundary become heap numbers,
// which turns a hashing loop into a garbage-collection benchmark. Use `>>> 0` only
// locally, for unsigned comparisons or double arithmetic.
//
// Helpers that produce two words return the low word and leave the high word in `high[0]`
// (a typed-array slot: it never boxes). Read it immediately after the call.
//
// Performance notes for callers (V8/TurboFan):
// - Numeric constants are written as literals in hot code; module-level constants cost a
//   context load and a hole check per use.
// - TurboFan inlines at most ~920 bytecodes per optimised function (each inlined call
//   counts, `mulFold64` alone is ~450), so call a heavy helper from one site inside a loop
//   rather than from several unrolled sites.
// - Carries use the branch-free form ((a & b) | ((a | b) & ~sum)) >>> 31: a `cond ? 1 : 0`
//   compiles to a branch that mispredicts half the time on hash data.

/** True on little-endian hosts. */
const LITTLE_ENDIAN: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** High word of the last two-word helper result. */
export const high: Int32Array = new Int32Array(1);

const resultWords = new Int32Array(2);
const resultU64 = new BigUint64Array(resultWords.buffer);
const HI_INDEX = LITTLE_ENDIAN ? 1 : 0;
const LO_INDEX = LITTLE_ENDIAN ? 0 : 1;

/** The u64 `hi:lo` as a BigInt, with a single BigInt allocation. */
export function toBigUint64(hi: number, lo: number): bigint {
  // Int32Array stores wrap modulo 2^32, so either signedness of the words is accepted.
  resultWords[HI_INDEX] = hi;
  resultWords[LO_INDEX] = lo;
  return resultU64[0]!;
}

/**
 * High word (as int32) of the unsigned 64-bit product of two 32-bit words (either signedness);
 * the low word is `Math.imul(a, b)`. The double product is within 2^11 of the exact one, so
 * (product - (low - 2^31)) / 2^32 lies within 2^-20 of high + 0.5 and truncates to `high`.
 * (2.3283064365386963e-10 is 2^-32.) Fewest instructions: best where many independent
 * products overlap (hash kernels). On a dependency chain prefer mulHi32Int.
 */
export function mulHi32(a: number, b: number): number {
  return ((a >>> 0) * (b >>> 0) - (Math.imul(a, b) ^ 0x80000000)) * 2.3283064365386963e-10 | 0;
}

/**
 * Same result as mulHi32 from 16-bit halves in integer registers only: about 10 cycles less
 * latency than the int/double conversions of mulHi32 (on x64 with V8), for more instructions.
 * Best where one product waits on the previous (finalisation chains).
 */
function mulHi32Int(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = Math.imul(a0, b1);
  const p10 = Math.imul(a1, b0);
  const mid = (Math.imul(a0, b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (Math.imul(a1, b1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/**
 * (aHi:aLo) * (bHi:bLo) mod 2^64. Returns the low word; the high word is left in high[0].
 * Uses mulHi32Int: its callers are finalisation chains.
 */
export function mul64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  high[0] = mulHi32Int(aLo, bLo) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo);
  return Math.imul(aLo, bLo);
}

/**
 * The closing step shared by wyhash and rapidhash: (a, b) = mum(a, b), the full 128-bit
 * product split into low and high halves; then mix(a ^ k0 ^ len, b ^ k1). Returns the low
 * word; the high word is left in high[0]. Both products are written out rather than calls
 * to mulFold64: at ~900 bytecodes this function is never inlined, and needs no inlining.
 */
export function mumThenMix(
  aHi: number,
  aLo: number,
  bHi: number,
  bLo: number,
  k0Hi: number,
  k0Lo: number,
  k1Hi: number,
  k1Lo: number,
  len: number,
): number {
  // First product, all four words.
  let ual = aLo >>> 0;
  let uah = aHi >>> 0;
  let ubl = bLo >>> 0;
  let ubh = bHi >>> 0;
  let llLo = Math.imul(aLo, bLo);
  let lhLo = Math.imul(aLo, bHi);
  let hlLo = Math.imul(aHi, bLo);
  let hhLo = Math.imul(aHi, bHi);
  let llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  let lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  let hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  let hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  let s1 = (llHi + lhLo) | 0;
  let w1 = (s1 + hlLo) | 0;
  let c1 = (((llHi & lhLo) | ((llHi | lhLo) & ~s1)) >>> 31) + (((s1 & hlLo) | ((s1 | hlLo) & ~w1)) >>> 31);
  let s2 = (lhHi + hlHi) | 0;
  let s3 = (s2 + hhLo) | 0;
  let w2 = (s3 + c1) | 0;
  let c2 =
    (((lhHi & hlHi) | ((lhHi | hlHi) & ~s2)) >>> 31) +
    (((s2 & hhLo) | ((s2 | hhLo) & ~s3)) >>> 31) +
    ((s3 & ~w2) >>> 31);
  // Second product's operands; typed arrays may exceed 4 GiB, so len is a full 64-bit value.
  aHi = w1 ^ k0Hi ^ ((len / 4294967296) | 0);
  aLo = llLo ^ k0Lo ^ len;
  bHi = (hhHi + c2) ^ k1Hi;
  bLo = w2 ^ k1Lo;
  // Second product, folded.
  ual = aLo >>> 0;
  uah = aHi >>> 0;
  ubl = bLo >>> 0;
  ubh = bHi >>> 0;
  llLo = Math.imul(aLo, bLo);
  lhLo = Math.imul(aLo, bHi);
  hlLo = Math.imul(aHi, bLo);
  hhLo = Math.imul(aHi, bHi);
  llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  s1 = (llHi + lhLo) | 0;
  w1 = (s1 + hlLo) | 0;
  c1 = (((llHi & lhLo) | ((llHi | lhLo) & ~s1)) >>> 31) + (((s1 & hlLo) | ((s1 | hlLo) & ~w1)) >>> 31);
  s2 = (lhHi + hlHi) | 0;
  s3 = (s2 + hhLo) | 0;
  w2 = (s3 + c1) | 0;
  c2 =
    (((lhHi & hlHi) | ((lhHi | hlHi) & ~s2)) >>> 31) +
    (((s2 & hhLo) | ((s2 | hhLo) & ~s3)) >>> 31) +
    ((s3 & ~w2) >>> 31);
  high[0] = w1 ^ (hhHi + c2);
  return llLo ^ w2;
}

/**
 * lo64(a * b) ^ hi64(a * b) for the full 128-bit product of two u64 values: wyhash's and
 * rapidhash's `mix`, XXH3's `fold`. Returns the low word; the high word is left in high[0].
 */
export function mulFold64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  const ual = aLo >>> 0;
  const uah = aHi >>> 0;
  const ubl = bLo >>> 0;
  const ubh = bHi >>> 0;
  // Four 32x32 partial products: low words by imul, high words as in mulHi32.
  const llLo = Math.imul(aLo, bLo);
  const lhLo = Math.imul(aLo, bHi);
  const hlLo = Math.imul(aHi, bLo);
  const hhLo = Math.imul(aHi, bHi);
  const llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  const lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  const hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  const hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
  // word 1 = llHi + lhLo + hlLo, word 2 = lhHi + hlHi + hhLo + carries, word 3 = hhHi + carries.
  const s1 = (llHi + lhLo) | 0;
  const w1 = (s1 + hlLo) | 0;
  const c1 = (((llHi & lhLo) | ((llHi | lhLo) & ~s1)) >>> 31) + (((s1 & hlLo) | ((s1 | hlLo) & ~w1)) >>> 31);
  const s2 = (lhHi + hlHi) | 0;
  const s3 = (s2 + hhLo) | 0;
  const w2 = (s3 + c1) | 0;
  const c2 =
    (((lhHi & hlHi) | ((lhHi | hlHi) & ~s2)) >>> 31) +
    (((s2 & hhLo) | ((s2 | hhLo) & ~s3)) >>> 31) +
    ((s3 & ~w2) >>> 31);
  high[0] = w1 ^ (hhHi + c2);
  return llLo ^ w2;
}

/** Little-endian 32-bit word (as int32) at byte offset `i` (caller guarantees `i + 4 <= length`). */
export function read32(bytes: Uint8Array, i: number): number {
  return bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
}

/** Inputs up to this long are copied into `scratch` rather than wrapped in a new DataView. */
const SCRATCH_MAX = 2048;
const scratch = new Uint8Array(SCRATCH_MAX);
const scratchView = new DataView(scratch.buffer);

/**
 * A DataView for reading `bytes` by words (getInt32(i, true) reads little-endian on any host).
 * Creating a DataView costs ~100 ns, so short inputs are instead copied into a standing
 * scratch buffer and its view is returned: valid until the next call, and its length is not
 * bytes.length (callers read only within bytes.length).
 */
export function viewOf(bytes: Uint8Array): DataView {
  if (bytes.length <= SCRATCH_MAX) {
    scratch.set(bytes);
    return scratchView;
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Bytes per `mixRoundsRange` call (a multiple of 48): long inputs then run in normally
 * optimised code rather than on-stack-replacement code, whose loop variables stay boxed.
 */
const ROUNDS_CHUNK = 48 * 512;

/**
 * Bytes per DataView over a long input (a multiple of ROUNDS_CHUNK, below 2^31): offsets into
 * one stay int32, so the kernel computes them with `| 0` and no overflow checks.
 */
const ROUNDS_WINDOW = ROUNDS_CHUNK << 15;

/** The three lane states of the rounds below, as hi/lo pairs. */
const roundLanes = new Int32Array(6);

/**
 * The 48-byte rounds of wyhash and rapidhash over bytes [0, end) (end a multiple of 48), from
 * state s in all three lanes: for lane j in 0..2, lane j = mix(read64(16j) ^ key j,
 * read64(16j + 8) ^ lane j); then the lanes folded by xor. `keys` holds three hi/lo pairs.
 * Returns the folded lo word; the hi word is left in high[0].
 */
export function foldedRounds48(bytes: Uint8Array, end: number, sHi: number, sLo: number, keys: Int32Array): number {
  const lanes = roundLanes;
  lanes[0] = lanes[2] = lanes[4] = sHi;
  lanes[1] = lanes[3] = lanes[5] = sLo;
  mixRounds48(bytes, end, lanes, keys);
  high[0] = lanes[0]! ^ lanes[2]! ^ lanes[4]!;
  return lanes[1]! ^ lanes[3]! ^ lanes[5]!;
}

function mixRounds48(bytes: Uint8Array, end: number, lanes: Int32Array, keys: Int32Array): void {
  if (bytes.length <= SCRATCH_MAX) {
    mixRoundsRange(viewOf(bytes), 0, end, lanes, keys);
    return;
  }
  for (let base = 0; base < end; base += ROUNDS_WINDOW) {
    const size = Math.min(end - base, ROUNDS_WINDOW);
    const view = new DataView(bytes.buffer, bytes.byteOffset + base, size);
    for (let start = 0; start < size; start += ROUNDS_CHUNK) {
      mixRoundsRange(view, start, Math.min(size, start + ROUNDS_CHUNK), lanes, keys);
    }
  }
}

/**
 * Kernel of mixRounds48 over [start, end) of `view` (end < 2^31). Each lane's mulFold64 is
 * written out, so that the lanes stay in registers and the CPU can overlap them; this is the
 * throughput-critical loop of both hashes.
 *
 * The 128-bit product a * b = ll + 2^32 (lh + hl) + 2^64 hh (32x32-bit partial products) is
 * split with fewer exact pieces than mulFold64 computes, and no carry bits:
 * - word 0 = lo32(ll), an imul; llHi = (ll - (word 0 - 2^31)) / 2^32 in doubles, as in
 *   mulHi32 but not truncated: hi32(ll) + 1/2, within 2^-20;
 * - word 1 = lo32(M) for M = hi32(ll) + lh + hl (< 2^66), exactly, from imuls;
 * - mHi = (llHi + lh + hl - (word 1 - 2^31)) / 2^32 = floor(M / 2^32) + 1/2, within 2^-17:
 *   the double sum is within 2^14 of the exact one, a multiple of 2^32 plus 2^31;
 * - T = hh + floor(M / 2^32) holds words 2 and 3: word 2 = lo32(lo32(hh) + mHi) (truncating
 *   a positive sum 1/2 above an integer), word 3 = (hh + mHi - (word 2 - 2^31)) / 2^32,
 *   truncated (the double sum is within 2^13 of exact).
 */
function mixRoundsRange(view: DataView, start: number, end: number, lanes: Int32Array, keys: Int32Array): void {
  const k0Hi = keys[0]!, k0Lo = keys[1]!, k1Hi = keys[2]!, k1Lo = keys[3]!, k2Hi = keys[4]!, k2Lo = keys[5]!;
  let l0Hi = lanes[0]!, l0Lo = lanes[1]!, l1Hi = lanes[2]!, l1Lo = lanes[3]!, l2Hi = lanes[4]!, l2Lo = lanes[5]!;
  let aHi = 0, aLo = 0, bHi = 0, bLo = 0, ual = 0, uah = 0, ubl = 0, ubh = 0;
  let llLo = 0, llHi = 0, w1 = 0, mHi = 0, w2 = 0;
  for (let p = start; p < end; p = (p + 48) | 0) {
    // Lane 0: mulFold64(read64(p) ^ k0, read64(p + 8) ^ lane 0), written out.
    aHi = view.getInt32((p + 4) | 0, true) ^ k0Hi;
    aLo = view.getInt32(p, true) ^ k0Lo;
    bHi = view.getInt32((p + 12) | 0, true) ^ l0Hi;
    bLo = view.getInt32((p + 8) | 0, true) ^ l0Lo;
    ual = aLo >>> 0;
    uah = aHi >>> 0;
    ubl = bLo >>> 0;
    ubh = bHi >>> 0;
    llLo = Math.imul(aLo, bLo);
    llHi = (ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10;
    w1 = ((llHi | 0) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo)) | 0;
    mHi = (llHi + ual * ubh + uah * ubl - (w1 ^ 0x80000000)) * 2.3283064365386963e-10;
    w2 = ((Math.imul(aHi, bHi) >>> 0) + mHi) | 0;
    l0Hi = w1 ^ ((uah * ubh + mHi - (w2 ^ 0x80000000)) * 2.3283064365386963e-10);
    l0Lo = llLo ^ w2;
    // Lane 1: mulFold64(read64(p + 16) ^ k1, read64(p + 24) ^ lane 1), written out.
    aHi = view.getInt32((p + 20) | 0, true) ^ k1Hi;
    aLo = view.getInt32((p + 16) | 0, true) ^ k1Lo;
    bHi = view.getInt32((p + 28) | 0, true) ^ l1Hi;
    bLo = view.getInt32((p + 24) | 0, true) ^ l1Lo;
    ual = aLo >>> 0;
    uah = aHi >>> 0;
    ubl = bLo >>> 0;
    ubh = bHi >>> 0;
    llLo = Math.imul(aLo, bLo);
    llHi = (ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10;
    w1 = ((llHi | 0) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo)) | 0;
    mHi = (llHi + ual * ubh + uah * ubl - (w1 ^ 0x80000000)) * 2.3283064365386963e-10;
    w2 = ((Math.imul(aHi, bHi) >>> 0) + mHi) | 0;
    l1Hi = w1 ^ ((uah * ubh + mHi - (w2 ^ 0x80000000)) * 2.3283064365386963e-10);
    l1Lo = llLo ^ w2;
    // Lane 2: mulFold64(read64(p + 32) ^ k2, read64(p + 40) ^ lane 2), written out.
    aHi = view.getInt32((p + 36) | 0, true) ^ k2Hi;
    aLo = view.getInt32((p + 32) | 0, true) ^ k2Lo;
    bHi = view.getInt32((p + 44) | 0, true) ^ l2Hi;
    bLo = view.getInt32((p + 40) | 0, true) ^ l2Lo;
    ual = aLo >>> 0;
    uah = aHi >>> 0;
    ubl = bLo >>> 0;
    ubh = bHi >>> 0;
    llLo = Math.imul(aLo, bLo);
    llHi = (ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10;
    w1 = ((llHi | 0) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo)) | 0;
    mHi = (llHi + ual * ubh + uah * ubl - (w1 ^ 0x80000000)) * 2.3283064365386963e-10;
    w2 = ((Math.imul(aHi, bHi) >>> 0) + mHi) | 0;
    l2Hi = w1 ^ ((uah * ubh + mHi - (w2 ^ 0x80000000)) * 2.3283064365386963e-10);
    l2Lo = llLo ^ w2;
  }
  lanes[0] = l0Hi;
  lanes[1] = l0Lo;
  lanes[2] = l1Hi;
  lanes[3] = l1Lo;
  lanes[4] = l2Hi;
  lanes[5] = l2Lo;
}
