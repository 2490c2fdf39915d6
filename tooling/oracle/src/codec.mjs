// A lossless JSON encoding for values crossing a process boundary: what a
// runtime returned or threw must compare exactly (bigint vs number, -0, NaN,
// bytes, error name/code), so plain JSON.stringify will not do. Plain JS: Bun
// and Node both load this very file.

const typedArrays = ["Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"];

function hexOf(view) {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("hex");
}

/** @returns {unknown} a JSON-safe tagged form of `value` */
function textOf(error) {
  try {
    return String(error);
  } catch {
    return "<String() threw>";
  }
}

export function encode(value, seen = new Set()) {
  switch (typeof value) {
    case "undefined":
      return { $: "undefined" };
    case "bigint":
      return { $: "bigint", v: value.toString() };
    case "number":
      if (Number.isNaN(value) || !Number.isFinite(value) || Object.is(value, -0)) return { $: "number", v: Object.is(value, -0) ? "-0" : String(value) };
      return value;
    case "string":
    case "boolean":
      return value;
    case "symbol":
      return { $: "symbol", v: value.description ?? "" };
    case "function":
      return { $: "function", name: value.name };
  }
  if (value === null) return null;
  if (seen.has(value)) return { $: "circular" };
  seen.add(value);
  try {
    if (Buffer.isBuffer(value)) return { $: "Buffer", v: hexOf(value) };
    if (ArrayBuffer.isView(value)) {
      const kind = value.constructor?.name;
      if (typedArrays.includes(kind)) return { $: kind, v: hexOf(value) };
      return { $: "DataView", v: hexOf(value) };
    }
    if (value instanceof ArrayBuffer) return { $: "ArrayBuffer", v: Buffer.from(value).toString("hex") };
    if (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer) return { $: "SharedArrayBuffer", v: Buffer.from(new Uint8Array(value)).toString("hex") };
    if (value instanceof Date) return { $: "Date", v: Number.isNaN(value.getTime()) ? "Invalid" : value.toISOString() };
    if (value instanceof Error) {
      // `text` and `ownCode` tell Bun's coded errors ("TypeError [ERR_X]: …", the code on a prototype) from plain ones.
      return { $: "Error", name: value.name, message: value.message, code: encode(value.code, seen), text: textOf(value), ownCode: Object.hasOwn(value, "code") };
    }
    if (value instanceof Map) return { $: "Map", v: [...value].map(([k, v]) => [encode(k, seen), encode(v, seen)]) };
    if (value instanceof Set) return { $: "Set", v: [...value].map((v) => encode(v, seen)) };
    if (Array.isArray(value)) return value.map((v) => encode(v, seen));
    const out = {};
    for (const key of Object.keys(value)) out[key] = encode(value[key], seen);
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return { $: "object", class: proto?.constructor?.name ?? "", v: out };
    return { $: "plain", v: out };
  } finally {
    seen.delete(value);
  }
}

const bytes = (hex) => Buffer.from(hex, "hex");

/** The inverse of `encode` for the kinds inputs use (errors and class instances come back as plain descriptions). */
export function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== "object") return value;
  switch (value.$) {
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(value.v);
    case "number":
      return Number(value.v);
    case "Buffer":
      return bytes(value.v);
    case "ArrayBuffer": {
      const b = bytes(value.v);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
    case "SharedArrayBuffer": {
      const b = bytes(value.v);
      const shared = new SharedArrayBuffer(b.byteLength);
      new Uint8Array(shared).set(b);
      return shared;
    }
    case "DataView": {
      const b = bytes(value.v);
      return new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    case "Date":
      return new Date(value.v === "Invalid" ? NaN : value.v);
    case "Map":
      return new Map(value.v.map(([k, v]) => [decode(k), decode(v)]));
    case "Set":
      return new Set(value.v.map(decode));
    case "plain":
    case "object": {
      const out = {};
      for (const [k, v] of Object.entries(value.v)) out[k] = decode(v);
      return out;
    }
    default: {
      if (typedArrays.includes(value.$)) {
        const b = bytes(value.v);
        const Kind = globalThis[value.$];
        return new Kind(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      }
      return value;
    }
  }
}
