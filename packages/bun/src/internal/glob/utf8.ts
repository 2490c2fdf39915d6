// Bun's glob works on the UTF-8 bytes of the pattern and of the path (a lone
// surrogate becomes U+FFFD, as TextEncoder makes it). Paths are encoded into
// one reused buffer, so matching allocates nothing for ASCII paths.

let encoder: TextEncoder | undefined;
let scratch = new Uint8Array(256);

/** The UTF-8 bytes of `text`, in a buffer of their own (a pattern, kept for the life of a Glob). */
export function utf8Bytes(text: string): Uint8Array {
  encoder ??= new TextEncoder();
  return encoder.encode(text);
}

/** The UTF-8 bytes of `text` in the shared scratch buffer; valid until the next call. Returns the byte length. */
export function encodeToScratch(text: string): number {
  const length = text.length;
  // Three bytes per UTF-16 unit is the most UTF-8 can need.
  if (scratch.length < length * 3) scratch = new Uint8Array(length * 3 + 64);
  const bytes = scratch;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) {
      encoder ??= new TextEncoder();
      return encoder.encodeInto(text, bytes).written;
    }
    bytes[i] = unit;
  }
  return length;
}

/** The buffer `encodeToScratch` last filled. */
export function scratchBytes(): Uint8Array {
  return scratch;
}

/** How many bytes the UTF-8 sequence that starts with `lead` has (1 for a stray continuation byte). */
export function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 1;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/** The code point of the `length`-byte sequence at `at`; U+FFFD where the bytes are no valid UTF-8. */
export function decodeAt(bytes: Uint8Array, at: number, length: number): number {
  const lead = bytes[at] as number;
  if (length === 1) return lead;
  const b1 = bytes[at + 1];
  if (!isContinuation(b1)) return 0xfffd;
  if (length === 2) {
    const point = ((lead & 0x1f) << 6) | ((b1 as number) & 0x3f);
    return point < 0x80 ? 0xfffd : point;
  }
  const b2 = bytes[at + 2];
  if (!isContinuation(b2)) return 0xfffd;
  if (length === 3) {
    const point = ((lead & 0x0f) << 12) | (((b1 as number) & 0x3f) << 6) | ((b2 as number) & 0x3f);
    return point < 0x800 ? 0xfffd : point;
  }
  const b3 = bytes[at + 3];
  if (!isContinuation(b3)) return 0xfffd;
  const point = ((lead & 0x07) << 18) | (((b1 as number) & 0x3f) << 12) | (((b2 as number) & 0x3f) << 6) | ((b3 as number) & 0x3f);
  return point < 0x10000 || point > 0x10ffff ? 0xfffd : point;
}
