// `view(kind, bytes, offset)` as source text, for the case modules that run the
// same code under Bun and under Node + dx-compat: the bytes laid into one kind
// of input (a view `offset` elements into a larger buffer, a buffer, a Blob, a
// String object), so each API is fed every input kind Bun accepts.
export const byteViewSource = `
const viewWidths = { i16: 2, f64: 8, u64: 8 };
function view(kind, bytes, offset = 0) {
  if (kind === "custom") return { toString: () => bytes };
  const width = viewWidths[kind] ?? 1;
  const length = bytes.length - (bytes.length % width);
  const start = offset * width;
  const backing = new Uint8Array(kind === "shared" ? new SharedArrayBuffer(length + start + 8) : new ArrayBuffer(length + start + 8));
  backing.set(bytes.subarray(0, length), start);
  switch (kind) {
    case "u8": return backing.subarray(start, start + length);
    case "buffer": return Buffer.from(backing.buffer, start, length);
    case "i16": return new Int16Array(backing.buffer, start, length / 2);
    case "f64": return new Float64Array(backing.buffer, start, length / 8);
    case "u64": return new BigUint64Array(backing.buffer, start, length / 8);
    case "dataview": return new DataView(backing.buffer, start, length);
    case "arraybuffer": return backing.buffer.slice(start, start + length);
    case "shared": return backing.buffer;
    case "blob": return new Blob([backing.subarray(start, start + length)]);
    case "string-object": return new String(new TextDecoder().decode(bytes));
  }
  throw new Error("unknown kind " + kind);
}
`;
