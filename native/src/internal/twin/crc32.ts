// Pure-TypeScript CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), slicing-by-16,
// bit-exact with Bun.hash.crc32.

const POLY = 0xedb88320;
const SLICES = 16;

/** Inputs at least this long are read as 32-bit words through a DataView. */
const WORDS_MIN = 64;
/** Inputs up to this length are copied into `scratch` instead of paying for a new DataView. */
const SCRATCH_SIZE = 1024;
const scratch = new Uint8Array(SCRATCH_SIZE);
const scratchView = new DataView(scratch.buffer);

/** Builds the 16 slicing tables back to back: entry k*256+n is byte n's CRC followed by k zero bytes. */
function buildTables(): Int32Array {
  const t = new Int32Array(256 * SLICES);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < SLICES; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

const TABLE = buildTables();

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

/** CRC state handed back by `crcStripes` (a typed array, so the call never boxes an int32). */
const state = new Int32Array(1);

/** Advances state[0] (the non-inverted CRC) over the whole 16-byte stripes of the input. */
function crcStripes(bytes: Uint8Array, len: number): void {
  const t = TABLE;
  const end = len - 16;
  let c = state[0]!;
  if (len >= WORDS_MIN) {
    const v = viewOf(bytes);
    for (let i = 0; i <= end; i += 16) {
      const w0 = c ^ rd(v, i);
      const w1 = rd(v, i + 4);
      const w2 = rd(v, i + 8);
      const w3 = rd(v, i + 12);
      c =
        t[3840 + (w0 & 0xff)]! ^ t[3584 + ((w0 >>> 8) & 0xff)]! ^ t[3328 + ((w0 >>> 16) & 0xff)]! ^ t[3072 + (w0 >>> 24)]! ^
        t[2816 + (w1 & 0xff)]! ^ t[2560 + ((w1 >>> 8) & 0xff)]! ^ t[2304 + ((w1 >>> 16) & 0xff)]! ^ t[2048 + (w1 >>> 24)]! ^
        t[1792 + (w2 & 0xff)]! ^ t[1536 + ((w2 >>> 8) & 0xff)]! ^ t[1280 + ((w2 >>> 16) & 0xff)]! ^ t[1024 + (w2 >>> 24)]! ^
        t[768 + (w3 & 0xff)]! ^ t[512 + ((w3 >>> 8) & 0xff)]! ^ t[256 + ((w3 >>> 16) & 0xff)]! ^ t[w3 >>> 24]!;
    }
  } else {
    for (let i = 0; i <= end; i += 16) {
      const w = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
      c =
        t[3840 + (w & 0xff)]! ^ t[3584 + ((w >>> 8) & 0xff)]! ^ t[3328 + ((w >>> 16) & 0xff)]! ^ t[3072 + (w >>> 24)]! ^
        t[2816 + bytes[i + 4]!]! ^ t[2560 + bytes[i + 5]!]! ^ t[2304 + bytes[i + 6]!]! ^ t[2048 + bytes[i + 7]!]! ^
        t[1792 + bytes[i + 8]!]! ^ t[1536 + bytes[i + 9]!]! ^ t[1280 + bytes[i + 10]!]! ^ t[1024 + bytes[i + 11]!]! ^
        t[768 + bytes[i + 12]!]! ^ t[512 + bytes[i + 13]!]! ^ t[256 + bytes[i + 14]!]! ^ t[bytes[i + 15]!]!;
    }
  }
  state[0] = c;
}

/**
 * Matches Zig std.hash.Crc32.hash (Bun.hash.crc32). Bun also honours a seed, with zlib
 * `crc32(data, value)` semantics (continue from a previous CRC); `seedLo` defaults to 0.
 */
export function crc32(bytes: Uint8Array, seedLo = 0): number {
  const len = bytes.length;
  const t = TABLE;
  let c = ~seedLo;
  let i = 0;
  if (len >= 16) {
    state[0] = c;
    crcStripes(bytes, len);
    c = state[0]!;
    i = len & ~15;
  }
  // remaining bytes, one at a time
  for (; i < len; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
