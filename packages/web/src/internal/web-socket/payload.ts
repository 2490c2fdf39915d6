// Data in both directions: what send()/ping()/pong() accept, and what a
// message, ping or pong event's `data` is for each binaryType.

export type BinaryType = "arraybuffer" | "blob" | "nodebuffer";

/** A frame's payload, ready for `ws` (a Blob is read first, asynchronously). */
export type Outgoing = { text: string } | { bytes: Buffer } | { blob: Blob };

export function outgoing(data: unknown): Outgoing {
  if (typeof data === "string") return { text: data };
  if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && data instanceof SharedArrayBuffer)) return { bytes: Buffer.from(data) };
  if (ArrayBuffer.isView(data)) return { bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
  if (data instanceof Blob) return { blob: data };
  // WebIDL's USVString conversion for anything else.
  return { text: String(data) };
}

export function byteLength(payload: Outgoing): number {
  if ("text" in payload) return Buffer.byteLength(payload.text);
  if ("bytes" in payload) return payload.bytes.byteLength;
  return payload.blob.size;
}

/** Received binary data as the binaryType asks. */
export function incoming(data: Buffer, binaryType: BinaryType): Buffer | ArrayBuffer | Blob {
  if (binaryType === "nodebuffer") return data;
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return binaryType === "arraybuffer" ? copy.buffer : new Blob([copy]);
}

/** `ws` hands a binary message over as one Buffer or, with `fragments`, as several. */
export function asBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
