// Pure-TypeScript wyhash, bit-exact with Bun.hash.wyhash (Zig std.hash.Wyhash.hash: 48-byte
// rounds over three lanes, then 16-byte steps, then the last 16 bytes).
//
// 64-bit values are (hi, lo) int32 pairs; see ./u64.ts for the conventions and why the heavy
// multiply helpers are called from one site per loop.
import { high, foldedRounds48, mulFold64, mumThenMix, read32, toBigUint64 } from "./u64.ts";

/** secret[1..3] as hi/lo pairs: the per-lane keys of a 48-byte round. */
const ROUND_KEYS = new Int32Array([
  0xe7037ed1 | 0, 0xa0b428db | 0, 0x8ebc6af0 | 0, 0x9c88c6e3 | 0, 0x589965cc, 0x75374cc3,
]);


// The initial state depends only on the seed; the last one is cached (callers mostly reuse one).
let cachedSeedHi = 0;
let cachedSeedLo = 0;
let cachedStateHi = 0;
let cachedStateLo = 0;
let cacheValid = false;

/** Computes and caches seed ^ mix(seed ^ secret[0], secret[1]). */
function deriveSeedState(seedHi: number, seedLo: number): void {
  const lo = mulFold64(seedHi ^ 0xa0761d64, seedLo ^ 0x78bd642f, 0xe7037ed1 | 0, 0xa0b428db | 0);
  cachedStateHi = seedHi ^ high[0]!;
  cachedStateLo = seedLo ^ lo;
  cachedSeedHi = seedHi;
  cachedSeedLo = seedLo;
  cacheValid = true;
}

/** final2: (a, b) = mum(a ^ secret[1], b ^ state); result = mix(a ^ secret[0] ^ len, b ^ secret[1]). */
function finish(aHi: number, aLo: number, bHi: number, bLo: number, len: number): bigint {
  const k0Hi = 0xa0761d64 | 0;
  const k1Hi = 0xe7037ed1 | 0;
  const k1Lo = 0xa0b428db | 0;
  const lo = mumThenMix(aHi ^ k1Hi, aLo ^ k1Lo, bHi, bLo, k0Hi, 0x78bd642f, k1Hi, k1Lo, len);
  return toBigUint64(high[0]!, lo);
}

/** Inputs of at most 16 bytes: smallKey, then final2. */
function hashShort(bytes: Uint8Array, len: number, sHi: number, sLo: number): bigint {
  if (len >= 4) {
    // a = w(0) << 32 | w(quarter), b = w(len - 4) << 32 | w(len - 4 - quarter)
    const quarter = (len >>> 3) << 2;
    const end = len - 4;
    const aHi = read32(bytes, 0);
    const aLo = read32(bytes, quarter);
    return finish(aHi, aLo, read32(bytes, end) ^ sHi, read32(bytes, end - quarter) ^ sLo, len);
  }
  const a = len > 0 ? (bytes[0]! << 16) | (bytes[len >>> 1]! << 8) | bytes[len - 1]! : 0;
  return finish(0, a, sHi, sLo, len);
}

/** Matches Zig std.hash.Wyhash.hash (Bun.hash.wyhash). */
export function wyhash(bytes: Uint8Array, seedLo: number, seedHi: number): bigint {
  const len = bytes.length;
  seedHi |= 0;
  seedLo |= 0;
  if (!cacheValid || seedHi !== cachedSeedHi || seedLo !== cachedSeedLo) deriveSeedState(seedHi, seedLo);
  let sHi = cachedStateHi;
  let sLo = cachedStateLo;
  if (len <= 16) return hashShort(bytes, len, sHi, sLo);
  let i = 0;
  if (len > 48) {
    // Rounds run while more than 48 bytes remain, leaving 1..48 bytes for the 16-byte steps.
    i = len - 1 - ((len - 1) % 48);
    sLo = foldedRounds48(bytes, i, sHi, sLo, ROUND_KEYS);
    sHi = high[0]!;
  }
  // final1: 16-byte steps while more than 16 bytes remain; then the input's last 16 bytes
  // are (a, b) for final2. One read site and one mix site keep both inlined.
  for (;;) {
    const last = i + 16 >= len;
    const o = last ? len - 16 : i;
    const aLo = read32(bytes, o);
    const aHi = read32(bytes, o + 4);
    const bLo = read32(bytes, o + 8);
    const bHi = read32(bytes, o + 12);
    if (last) return finish(aHi, aLo, bHi ^ sHi, bLo ^ sLo, len);
    sLo = mulFold64(aHi ^ 0xe7037ed1, aLo ^ 0xa0b428db, bHi ^ sHi, bLo ^ sLo);
    sHi = high[0]!;
    i += 16;
  }
}
