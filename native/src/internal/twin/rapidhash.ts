// Pure-TypeScript rapidhash, bit-exact with Bun.hash.rapidhash (Bun's own
// bun.deprecated.RapidHash.hash in src/deprecated.zig, an early rapidhash variant).
//
// 64-bit values are (hi, lo) int32 pairs; see ./u64.ts for the conventions and why the heavy
// multiply helpers are called from one site per loop.
import { high, foldedRounds48, mulFold64, mumThenMix, read32, toBigUint64 } from "./u64.ts";

// RAPID_SECRET[0..2] = 2d358dccaa6c78a5, 8bb84b93962eacc9, 4b33a62ed433d4a3.
/** The three secrets as hi/lo pairs: the per-lane keys of a 48-byte round. */
const SECRETS = new Int32Array([
  0x2d358dcc, 0xaa6c78a5 | 0, 0x8bb84b93 | 0, 0x962eacc9 | 0, 0x4b33a62e, 0xd433d4a3 | 0,
]);


// seed ^ mix(seed ^ secret[0], secret[1]) depends only on the seed; the last one is cached.
let cachedSeedHi = 0;
let cachedSeedLo = 0;
let cachedStateHi = 0;
let cachedStateLo = 0;
let cacheValid = false;

/** Computes and caches seed ^ mix(seed ^ secret[0], secret[1]). */
function deriveSeedState(seedHi: number, seedLo: number): void {
  const lo = mulFold64(seedHi ^ 0x2d358dcc, seedLo ^ 0xaa6c78a5, 0x8bb84b93 | 0, 0x962eacc9 | 0);
  cachedStateHi = seedHi ^ high[0]!;
  cachedStateLo = seedLo ^ lo;
  cachedSeedHi = seedHi;
  cachedSeedLo = seedLo;
  cacheValid = true;
}

/** a ^= secret[1]; b ^= state; (a, b) = mum(a, b); result = mix(a ^ secret[0] ^ len, b ^ secret[1]). */
function finish(aHi: number, aLo: number, bHi: number, bLo: number, len: number): bigint {
  const k1Hi = 0x8bb84b93 | 0;
  const k1Lo = 0x962eacc9 | 0;
  const lo = mumThenMix(aHi ^ k1Hi, aLo ^ k1Lo, bHi, bLo, 0x2d358dcc, 0xaa6c78a5 | 0, k1Hi, k1Lo, len);
  return toBigUint64(high[0]!, lo);
}

/** Inputs of at most 16 bytes. */
function hashShort(bytes: Uint8Array, len: number, sHi: number, sLo: number): bigint {
  if (len >= 4) {
    // a = w(0) << 32 | w(len - 4), b = w(d) << 32 | w(len - 4 - d), d = (len & 24) >> (len >> 3)
    const d = (len & 24) >>> (len >>> 3);
    const e = len - 4;
    return finish(read32(bytes, 0), read32(bytes, e), read32(bytes, d) ^ sHi, read32(bytes, e - d) ^ sLo, len);
  }
  if (len > 0) {
    // a = k[0] << 56 | k[len / 2] << 32 | k[len - 1]
    return finish((bytes[0]! << 24) | bytes[len >>> 1]!, bytes[len - 1]!, sHi, sLo, len);
  }
  return finish(0, 0, sHi, sLo, len);
}

/** Matches bun.deprecated.RapidHash.hash (Bun.hash.rapidhash). */
export function rapidhash(bytes: Uint8Array, seedLo: number, seedHi: number): bigint {
  const len = bytes.length;
  seedHi |= 0;
  seedLo |= 0;
  if (!cacheValid || seedHi !== cachedSeedHi || seedLo !== cachedSeedLo) deriveSeedState(seedHi, seedLo);
  // state = seed ^ mix(seed ^ secret[0], secret[1]) ^ len (len as a full 64-bit value).
  let sHi = cachedStateHi ^ ((len / 4294967296) | 0);
  let sLo = cachedStateLo ^ len;
  if (len <= 16) return hashShort(bytes, len, sHi, sLo);
  let p = 0;
  if (len > 48) {
    // 48-byte rounds while at least 48 bytes remain (the reference's 96-byte loop is two rounds).
    p = len - (len % 48);
    sLo = foldedRounds48(bytes, p, sHi, sLo, SECRETS);
    sHi = high[0]!;
  }
  // Up to two 16-byte steps while more than 16 (then 32) bytes remain; the first also xors
  // secret[1] into the state. Then the input's last 16 bytes are (a, b). One read site and one
  // mix site keep both inlined.
  const remain = len - p;
  for (let step = 0; ; step++) {
    const last = step === 2 || remain <= 16 + 16 * step;
    const o = last ? len - 16 : p + 16 * step;
    const aLo = read32(bytes, o);
    const aHi = read32(bytes, o + 4);
    const bLo = read32(bytes, o + 8);
    const bHi = read32(bytes, o + 12);
    if (last) return finish(aHi, aLo, bHi ^ sHi, bLo ^ sLo, len);
    const extraHi = step === 0 ? 0x8bb84b93 : 0;
    const extraLo = step === 0 ? 0x962eacc9 : 0;
    sLo = mulFold64(aHi ^ 0x4b33a62e, aLo ^ 0xd433d4a3, bHi ^ sHi ^ extraHi, bLo ^ sLo ^ extraLo);
    sHi = high[0]!;
  }
}
