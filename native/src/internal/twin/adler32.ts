// Pure-TypeScript Adler-32 (RFC 1950), bit-exact with Bun.hash.adler32.

const BASE = 65521;
/**
 * Bytes summed between modulo reductions: smaller than zlib's NMAX (5552) so that both sums
 * stay below 2^31 and V8 keeps them in int32 registers; a multiple of 16.
 */
const CHUNK = 3792;
/** Inputs at least this long are summed four 32-bit words at a time through a DataView. */
const WORDS_MIN = 64;
/** Inputs up to this length are copied into `scratch` instead of paying for a new DataView. */
const SCRATCH_SIZE = 1024;
const scratch = new Uint8Array(SCRATCH_SIZE);
const scratchView = new DataView(scratch.buffer);
/** Byte lanes 0 and 2 of a word, as two 16-bit lanes. */
const EVEN_BYTES = 0x00ff00ff;

/** The (a, b) sums handed to and back from `adlerWords` (a typed array: no boxing on calls). */
const sums = new Int32Array(2);

/** A little-endian view of the input (inputs up to SCRATCH_SIZE are copied into the scratch). */
function viewOf(bytes: Uint8Array): DataView {
  const len = bytes.length;
  if (len > SCRATCH_SIZE) return new DataView(bytes.buffer, bytes.byteOffset, len);
  scratch.set(bytes);
  return scratchView;
}

/** Little-endian int32 at byte offset i of the view. */
function rd(v: DataView, i: number): number {
  return v.getInt32(i, true);
}

/** Adds the two 16-bit lanes of x. */
function foldLanes(x: number): number {
  return (x & 0xffff) + (x >>> 16);
}

/**
 * Advances `sums` over all whole 16-byte groups of the input, reducing modulo BASE after each
 * chunk. Per group of words w0..w3 (bytes x0..x15), with s = byte sum and g = 4,3,2,1-weighted
 * byte sum of a word: b += 16a + 4(3 s0 + 2 s1 + s2) + g0 + g1 + g2 + g3, a += s0 + .. + s3.
 * Sums and weighted sums are computed on 16-bit lanes (even / odd bytes) of each word.
 */
function adlerWords(bytes: Uint8Array, len: number): void {
  const v = viewOf(bytes);
  const end16 = len & ~15;
  let a = sums[0]!;
  let b = sums[1]!;
  for (let i = 0; i < end16;) {
    const chunkEnd = Math.min(i + CHUNK, end16);
    for (; i < chunkEnd; i += 16) {
      const w0 = rd(v, i);
      const w1 = rd(v, i + 4);
      const w2 = rd(v, i + 8);
      const w3 = rd(v, i + 12);
      const even = (w0 & EVEN_BYTES) + (w1 & EVEN_BYTES) + (w2 & EVEN_BYTES) + (w3 & EVEN_BYTES);
      const odd = ((w0 >>> 8) & EVEN_BYTES) + ((w1 >>> 8) & EVEN_BYTES) +
        ((w2 >>> 8) & EVEN_BYTES) + ((w3 >>> 8) & EVEN_BYTES);
      // per-word byte sums s0..s2 (as lanes), weighted 3, 2, 1
      const positional = ((w0 & EVEN_BYTES) + ((w0 >>> 8) & EVEN_BYTES)) * 3 +
        (((w1 & EVEN_BYTES) + ((w1 >>> 8) & EVEN_BYTES)) << 1) +
        (w2 & EVEN_BYTES) + ((w2 >>> 8) & EVEN_BYTES);
      // g: lane products pick 4*x0 + 2*x2 (even) and 3*x1 + x3 (odd) into the upper 16 bits
      b = b + (a << 4) + (foldLanes(positional) << 2) +
        (Math.imul(even, 0x40002) >>> 16) + (Math.imul(odd, 0x30001) >>> 16) | 0;
      a = a + foldLanes(even + odd) | 0;
    }
    a %= BASE;
    b %= BASE;
  }
  sums[0] = a;
  sums[1] = b;
}

/** Matches Zig std.hash.Adler32.hash (Bun.hash.adler32); Bun ignores any seed argument. */
export function adler32(bytes: Uint8Array): number {
  const len = bytes.length;
  let a = 1;
  let b = 0;
  let i = 0;
  if (len >= WORDS_MIN) {
    sums[0] = 1;
    sums[1] = 0;
    adlerWords(bytes, len);
    a = sums[0]!;
    b = sums[1]!;
    i = len & ~15;
  }
  // fewer than 64 (or the last 0..15) bytes: no reduction needed before the end
  for (; i + 4 <= len; i += 4) {
    const x0 = bytes[i]!;
    const x1 = bytes[i + 1]!;
    const x2 = bytes[i + 2]!;
    const x3 = bytes[i + 3]!;
    b = b + (a << 2) + (x0 << 2) + x1 * 3 + (x2 << 1) + x3 | 0;
    a = a + x0 + x1 + x2 + x3 | 0;
  }
  for (; i < len; i++) {
    a = a + bytes[i]! | 0;
    b = b + a | 0;
  }
  return ((b % BASE) << 16 | (a % BASE)) >>> 0;
}
