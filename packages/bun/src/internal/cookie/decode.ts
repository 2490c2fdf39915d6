// Percent-decoding of Cookie header values as Bun does it: lenient, never
// throwing. A '%' without two hex digits after it, and bytes that do not form
// UTF-8, become U+FFFD (one per malformed sequence).

const REPLACEMENT = 0xfffd;
/** Stands for a '%' escape that was not two hex digits: it breaks any pending UTF-8 sequence. */
const BAD_ESCAPE = -1;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** The value's UTF-8 bytes with escapes resolved (BAD_ESCAPE for malformed ones). */
function unescapeBytes(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte !== 0x25) {
      out.push(byte);
      continue;
    }
    if (i + 2 >= bytes.length) {
      // Too short for an escape: only the '%' is lost.
      out.push(BAD_ESCAPE);
      continue;
    }
    const high = hexValue(bytes[i + 1]!);
    const low = hexValue(bytes[i + 2]!);
    out.push(high === -1 || low === -1 ? BAD_ESCAPE : high * 16 + low);
    i += 2;
  }
  return out;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc0 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf7) return 4;
  return 0;
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/** Decodes one multi-byte sequence at `at`: [code point or REPLACEMENT, bytes consumed]. */
function decodeSequence(bytes: readonly number[], at: number, length: number): [number, number] {
  let codePoint = bytes[at]! & (0xff >> (length + 1));
  let used = 1;
  while (used < length && isContinuation(bytes[at + used])) {
    codePoint = (codePoint << 6) | (bytes[at + used]! & 0x3f);
    used++;
  }
  if (used < length) return [REPLACEMENT, used];
  const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  const valid = codePoint >= minimum && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
  return [valid ? codePoint : REPLACEMENT, used];
}

/** Bun's decoding of a cookie value from a header that contains '%'. */
export function decodeCookieValue(value: string): string {
  if (!value.includes("%")) return value.isWellFormed() ? value : value.toWellFormed();
  // Well-formed escapes of well-formed UTF-8 decode the same either way; the rest takes the lenient path.
  if (value.isWellFormed()) {
    try {
      return decodeURIComponent(value);
    } catch {
      // malformed: decode byte by byte below
    }
  }
  return decodeLeniently(value);
}

function decodeLeniently(value: string): string {
  const bytes = unescapeBytes(Buffer.from(value, "utf8"));
  const codePoints: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i]!;
    const length = byte === BAD_ESCAPE ? 0 : sequenceLength(byte);
    if (length === 1) {
      codePoints.push(byte);
      i++;
    } else if (length === 0) {
      codePoints.push(REPLACEMENT);
      i++;
    } else {
      const [codePoint, used] = decodeSequence(bytes, i, length);
      codePoints.push(codePoint);
      i += used;
    }
  }
  let out = "";
  for (let i = 0; i < codePoints.length; i += 4096) out += String.fromCodePoint(...codePoints.slice(i, i + 4096));
  return out;
}
