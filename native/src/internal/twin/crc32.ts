// Pure-TypeScript CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), bit-exact with
// Bun.hash.crc32. Short inputs: slicing-by-16 on bytes. Long inputs: 16-byte blocks read as
// four 32-bit words, each split into 11-, 11- and 10-bit fields looked up in 12 tables.

const POLY = 0xedb88320;
const SLICES = 16;

/** Inputs at least this long take the word path (DataView reads, 12 lookups per 16 bytes). */
const WORDS_MIN = 64;
/** Inputs up to this length are copied into `scratch` instead of paying for a new DataView. */
const SCRATCH_SIZE = 1024;
const scratch = new Uint8Array(SCRATCH_SIZE);
const scratchView = new DataView(scratch.buffer);
/**
 * Bytes per `crcBlocks` call (a multiple of 16): long inputs then run in normally optimised
 * code, where the tables are constants, rather than in on-stack-replacement code.
 */
const CHUNK = 1 << 16;
/**
 * Bytes per DataView over a long input (a multiple of CHUNK, below 2^31): offsets into one
 * stay int32, so `crcBlocks` computes them with `| 0` and no overflow checks.
 */
const WINDOW = 1 << 30;

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

/**
 * Backing store of the field tables. They are views of one buffer: TurboFan keeps a typed
 * array's buffer live in a register, and with one buffer there is one such register.
 */
const FIELD_STORE = new Int32Array(8 * 2048 + 4 * 1024);
let fieldStoreUsed = 0;

/**
 * The table of a `width`-bit field at bit `pos` (LSB first) of a 16-byte block: entry v is the
 * CRC (zero initial state, no final xor) of the block holding v in that field and zeros elsewhere.
 * CRC without pre/post-conditioning is linear, so a block's CRC is the xor of its fields' entries.
 */
function fieldTable(pos: number, width: number): Int32Array {
  const t = FIELD_STORE.subarray(fieldStoreUsed, fieldStoreUsed + (1 << width));
  fieldStoreUsed += 1 << width;
  const bitCrc: number[] = [];
  for (let k = 0; k < width; k++) {
    // The single bit, then the rest of the block as zero bytes.
    const bit = pos + k;
    let c = TABLE[1 << (bit & 7)]!;
    for (let i = (bit >>> 3) + 1; i < 16; i++) c = TABLE[c & 0xff]! ^ (c >>> 8);
    bitCrc.push(c);
  }
  for (let v = 1; v < t.length; v++) t[v] = t[v & (v - 1)]! ^ bitCrc[31 - Math.clz32(v & -v)]!;
  return t;
}

// Word k of a block (bits 32k..32k+31) has fields at 32k (11 bits), 32k+11 (11), 32k+22 (10).
// For each 32-bit word of a 16-byte block, its 11-, 11- and 10-bit fields, in FIELD_STORE order.
for (let word = 0; word < 4; word++) {
  fieldTable(word * 32, 11);
  fieldTable(word * 32 + 11, 11);
  fieldTable(word * 32 + 22, 10);
}

/**
 * Advances the (non-inverted) CRC c over the 16-byte blocks in [start, end) of the view. The
 * lookups that depend on c come last in the xor chain, so the others overlap the previous block.
 */
/**
 * The 12 field tables live back to back in FIELD_STORE, in the order `fieldTable` carved
 * them: W0A at 0, W0B at 2048, W0C at 4096, W1A at 5120, ... W3C at 19456. The loop reads
 * them through one local at literal offsets: the bundler turns module-level `const`s into
 * `var`s, which V8 no longer treats as constants, while a local stays in a register.
 */
function crcBlocks(v: DataView, c: number, start: number, end: number): number {
  const t = FIELD_STORE;
  for (let i = start; i < end; i = (i + 16) | 0) {
    const w0 = c ^ v.getInt32(i, true);
    const w1 = v.getInt32((i + 4) | 0, true);
    const w2 = v.getInt32((i + 8) | 0, true);
    const w3 = v.getInt32((i + 12) | 0, true);
    c =
      t[15360 + (w3 & 0x7ff)]! ^ t[17408 + ((w3 >>> 11) & 0x7ff)]! ^ t[19456 + (w3 >>> 22)]! ^
      t[10240 + (w2 & 0x7ff)]! ^ t[12288 + ((w2 >>> 11) & 0x7ff)]! ^ t[14336 + (w2 >>> 22)]! ^
      t[5120 + (w1 & 0x7ff)]! ^ t[7168 + ((w1 >>> 11) & 0x7ff)]! ^ t[9216 + (w1 >>> 22)]! ^
      t[w0 & 0x7ff]! ^ t[2048 + ((w0 >>> 11) & 0x7ff)]! ^ t[4096 + (w0 >>> 22)]!;
  }
  return c;
}

/**
 * Matches Zig std.hash.Crc32.hash (Bun.hash.crc32). Bun also honours a seed, with zlib
 * `crc32(data, value)` semantics (continue from a previous CRC); `seedLo` defaults to 0.
 */
export function crc32(bytes: Uint8Array, seedLo = 0): number {
  const len = bytes.length;
  const t = TABLE;
  let c = ~seedLo;
  // Typed arrays may exceed 2 GiB: no 32-bit arithmetic on lengths or offsets here.
  const end = len - (len & 15);
  if (len >= WORDS_MIN) {
    if (len <= SCRATCH_SIZE) {
      scratch.set(bytes);
      c = crcBlocks(scratchView, c, 0, end);
    } else {
      for (let base = 0; base < end; base += WINDOW) {
        const size = Math.min(end - base, WINDOW);
        const v = new DataView(bytes.buffer, bytes.byteOffset + base, size);
        for (let i = 0; i < size; i += CHUNK) c = crcBlocks(v, c, i, Math.min(size, i + CHUNK));
      }
    }
  } else {
    for (let i = 0; i < end; i += 16) {
      const w = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
      c =
        t[3840 + (w & 0xff)]! ^ t[3584 + ((w >>> 8) & 0xff)]! ^ t[3328 + ((w >>> 16) & 0xff)]! ^ t[3072 + (w >>> 24)]! ^
        t[2816 + bytes[i + 4]!]! ^ t[2560 + bytes[i + 5]!]! ^ t[2304 + bytes[i + 6]!]! ^ t[2048 + bytes[i + 7]!]! ^
        t[1792 + bytes[i + 8]!]! ^ t[1536 + bytes[i + 9]!]! ^ t[1280 + bytes[i + 10]!]! ^ t[1024 + bytes[i + 11]!]! ^
        t[768 + bytes[i + 12]!]! ^ t[512 + bytes[i + 13]!]! ^ t[256 + bytes[i + 14]!]! ^ t[bytes[i + 15]!]!;
    }
  }
  // remaining bytes, one at a time
  for (let i = end; i < len; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
