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
 * The 48-byte rounds of wyhash and rapidhash over bytes [0, end) (end a multiple of 48): for
 * lane j in 0..2, lane j = mix(read64(16j) ^ key j, read64(16j + 8) ^ lane j). `lanes` and
 * `keys` hold three hi/lo pairs; `lanes` is updated in place.
 */
export function mixRounds48(bytes: Uint8Array, end: number, lanes: Int32Array, keys: Int32Array): void {
  const view = viewOf(bytes);
  for (let start = 0; start < end; start += ROUNDS_CHUNK) {
    mixRoundsRange(view, start, Math.min(end, start + ROUNDS_CHUNK), lanes, keys);
  }
}

/**
 * Kernel of mixRounds48 over [start, end) of `view`. The three mixes are written out (not
 * mulFold64 calls) so that the lanes stay in registers and the CPU can overlap them, and each
 * lane reads its words just before use (fewer live values, fewer spills); this is the
 * throughput-critical loop of both hashes.
 */
function mixRoundsRange(view: DataView, start: number, end: number, lanes: Int32Array, keys: Int32Array): void {
  const k0Hi = keys[0]!, k0Lo = keys[1]!, k1Hi = keys[2]!, k1Lo = keys[3]!, k2Hi = keys[4]!, k2Lo = keys[5]!;
  let l0Hi = lanes[0]!, l0Lo = lanes[1]!, l1Hi = lanes[2]!, l1Lo = lanes[3]!, l2Hi = lanes[4]!, l2Lo = lanes[5]!;
  for (let p = start; p < end; p += 48) {
    // Lane 0: mulFold64(read64(p) ^ k0, read64(p + 8) ^ lane 0), written out.
    let aHi = view.getInt32(p + 4, true) ^ k0Hi, aLo = view.getInt32(p, true) ^ k0Lo;
    let bHi = view.getInt32(p + 12, true) ^ l0Hi, bLo = view.getInt32(p + 8, true) ^ l0Lo;
    let ual = aLo >>> 0, uah = aHi >>> 0, ubl = bLo >>> 0, ubh = bHi >>> 0;
    let llLo = Math.imul(aLo, bLo), lhLo = Math.imul(aLo, bHi), hlLo = Math.imul(aHi, bLo), hhLo = Math.imul(aHi, bHi);
    let llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    let lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    let hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    let hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    let s1 = (llHi + lhLo) | 0, x1 = (s1 + hlLo) | 0;
    let c1 = (((llHi & lhLo) | ((llHi | lhLo) & ~s1)) >>> 31) + (((s1 & hlLo) | ((s1 | hlLo) & ~x1)) >>> 31);
    let s2 = (lhHi + hlHi) | 0, s3 = (s2 + hhLo) | 0, x2 = (s3 + c1) | 0;
    let c2 =
      (((lhHi & hlHi) | ((lhHi | hlHi) & ~s2)) >>> 31) +
      (((s2 & hhLo) | ((s2 | hhLo) & ~s3)) >>> 31) +
      ((s3 & ~x2) >>> 31);
    l0Hi = x1 ^ (hhHi + c2);
    l0Lo = llLo ^ x2;
    // Lane 1.
    aHi = view.getInt32(p + 20, true) ^ k1Hi; aLo = view.getInt32(p + 16, true) ^ k1Lo;
    bHi = view.getInt32(p + 28, true) ^ l1Hi; bLo = view.getInt32(p + 24, true) ^ l1Lo;
    ual = aLo >>> 0; uah = aHi >>> 0; ubl = bLo >>> 0; ubh = bHi >>> 0;
    llLo = Math.imul(aLo, bLo); lhLo = Math.imul(aLo, bHi); hlLo = Math.imul(aHi, bLo); hhLo = Math.imul(aHi, bHi);
    llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    s1 = (llHi + lhLo) | 0; x1 = (s1 + hlLo) | 0;
    c1 = (((llHi & lhLo) | ((llHi | lhLo) & ~s1)) >>> 31) + (((s1 & hlLo) | ((s1 | hlLo) & ~x1)) >>> 31);
    s2 = (lhHi + hlHi) | 0; s3 = (s2 + hhLo) | 0; x2 = (s3 + c1) | 0;
    c2 =
      (((lhHi & hlHi) | ((lhHi | hlHi) & ~s2)) >>> 31) +
      (((s2 & hhLo) | ((s2 | hhLo) & ~s3)) >>> 31) +
      ((s3 & ~x2) >>> 31);
    l1Hi = x1 ^ (hhHi + c2);
    l1Lo = llLo ^ x2;
    // Lane 2.
    aHi = view.getInt32(p + 36, true) ^ k2Hi; aLo = view.getInt32(p + 32, true) ^ k2Lo;
    bHi = view.getInt32(p + 44, true) ^ l2Hi; bLo = view.getInt32(p + 40, true) ^ l2Lo;
    ual = aLo >>> 0; uah = aHi >>> 0; ubl = bLo >>> 0; ubh = bHi >>> 0;
    llLo = Math.imul(aLo, bLo); lhLo = Math.imul(aLo, bHi); hlLo = Math.imul(aHi, bLo); hhLo = Math.imul(aHi, bHi);
    llHi = ((ual * ubl - (llLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    lhHi = ((ual * ubh - (lhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    hlHi = ((uah * ubl - (hlLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    hhHi = ((uah * ubh - (hhLo ^ 0x80000000)) * 2.3283064365386963e-10) | 0;
    s1 = (llHi + lhLo) | 0; x1 = (s1 + hlLo) | 0;
    c1 = (((llHi & lhLo) | ((llHi | lhLo) & ~s1)) >>> 31) + (((s1 & hlLo) | ((s1 | hlLo) & ~x1)) >>> 31);
    s2 = (lhHi + hlHi) | 0; s3 = (s2 + hhLo) | 0; x2 = (s3 + c1) | 0;
    c2 =
      (((lhHi & hlHi) | ((lhHi | hlHi) & ~s2)) >>> 31) +
      (((s2 & hhLo) | ((s2 | hhLo) & ~s3)) >>> 31) +
      ((s3 & ~x2) >>> 31);
    l2Hi = x1 ^ (hhHi + c2);
    l2Lo = llLo ^ x2;
  }
  lanes[0] = l0Hi;
  lanes[1] = l0Lo;
  lanes[2] = l1Hi;
  lanes[3] = l1Lo;
  lanes[4] = l2Hi;
  lanes[5] = l2Lo;
}
