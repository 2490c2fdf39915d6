// WebSocket frames as a server writes them (RFC 6455 §5.2, never masked).
// A frame is built once and the same buffers are written to every socket that
// gets it (pub/sub writes one frame to many subscribers).

export const OPCODE_TEXT = 1;
export const OPCODE_BINARY = 2;
const OPCODE_CLOSE = 8;
export const OPCODE_PING = 9;
export const OPCODE_PONG = 10;

/** Payloads up to this size are copied behind their header (one write); larger ones are written as two buffers. */
const COPY_LIMIT = 16 * 1024;

/** A frame ready for the wire: one buffer, or a header and the caller's payload buffer. */
export type Frame = Buffer | readonly [Buffer, Buffer];

function headerLength(payloadLength: number): number {
  if (payloadLength < 126) return 2;
  return payloadLength < 65536 ? 4 : 10;
}

function writeHeader(target: Buffer, opcode: number, payloadLength: number): number {
  target[0] = 0x80 | opcode;
  if (payloadLength < 126) {
    target[1] = payloadLength;
    return 2;
  }
  if (payloadLength < 65536) {
    target[1] = 126;
    target.writeUInt16BE(payloadLength, 2);
    return 4;
  }
  target[1] = 127;
  target.writeUInt32BE(Math.floor(payloadLength / 0x1_0000_0000), 2);
  target.writeUInt32BE(payloadLength >>> 0, 6);
  return 10;
}

/** A final, unfragmented frame for a text payload (encoded straight into the frame buffer). */
export function textFrame(text: string, byteLength: number, opcode: number = OPCODE_TEXT): Buffer {
  const frame = Buffer.allocUnsafe(headerLength(byteLength) + byteLength);
  const offset = writeHeader(frame, opcode, byteLength);
  if (byteLength > 0) frame.write(text, offset, byteLength, "utf8");
  return frame;
}

/** A final, unfragmented frame for a binary payload (the payload is not copied when it is large). */
export function binaryFrame(payload: Buffer, opcode: number = OPCODE_BINARY): Frame {
  const length = payload.length;
  if (length > COPY_LIMIT) {
    const header = Buffer.allocUnsafe(headerLength(length));
    writeHeader(header, opcode, length);
    return [header, payload];
  }
  const frame = Buffer.allocUnsafe(headerLength(length) + length);
  payload.copy(frame, writeHeader(frame, opcode, length));
  return frame;
}

export function frameLength(frame: Frame): number {
  return Buffer.isBuffer(frame) ? frame.length : frame[0].length + frame[1].length;
}

/** The longest prefix of `reason` that fits in `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(reason: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(reason);
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * The Close frame Bun sends for `close(code, reason)`: codes 0, 1005 and 1006
 * (which cannot go on the wire) send an empty Close frame; any other code is
 * written as given, with the reason cut to 123 bytes.
 */
export function closeFrame(code: number, reason: Buffer): Buffer {
  if (code === 0 || code === 1005 || code === 1006) return binaryFrame(Buffer.alloc(0), OPCODE_CLOSE) as Buffer;
  const payload = Buffer.allocUnsafe(2 + reason.length);
  payload.writeUInt16BE(code & 0xffff, 0);
  reason.copy(payload, 2);
  return binaryFrame(payload, OPCODE_CLOSE) as Buffer;
}
