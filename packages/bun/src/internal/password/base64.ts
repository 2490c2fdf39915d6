// The base64 of password hashes, decoded as strictly as Bun's decoders: no
// padding, no stray characters, no length that leaves a lone sextet, and
// zero bits after the last byte (so every byte string has one spelling).

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** bcrypt's own alphabet, in crypt(3) strings. */
const BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export type Alphabet = "standard" | "bcrypt";

let sextetTables: Record<Alphabet, Int8Array> | undefined;

function sextets(alphabet: Alphabet): Int8Array {
  sextetTables ??= { standard: table(STANDARD), bcrypt: table(BCRYPT) };
  return sextetTables[alphabet];
}

function table(characters: string): Int8Array {
  const values = new Int8Array(128).fill(-1);
  for (let i = 0; i < characters.length; i++) values[characters.charCodeAt(i)] = i;
  return values;
}

/** The bytes `text` encodes, or `undefined` when it is not canonical unpadded base64. */
export function decodeStrict(text: string, alphabet: Alphabet): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const values = sextets(alphabet);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let accumulator = 0;
  let bits = 0;
  let written = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? values[code]! : -1;
    if (value < 0) return undefined;
    accumulator = ((accumulator << 6) | value) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = accumulator >> bits;
    }
  }
  // Leftover bits must be zero: "AB" and "AA" would otherwise both mean [0].
  if ((accumulator & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** Unpadded standard base64, as PHC strings carry their salt and hash. */
export function encodeStandard(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  const end = text.indexOf("=");
  return end === -1 ? text : text.slice(0, end);
}
