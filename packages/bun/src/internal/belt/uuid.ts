// UUID v7 and v5 as Bun makes them (byte layout, monotonic counter, argument
// rules and errors measured against Bun 1.4.5).
import { createHash, randomFillSync } from "node:crypto";
import { types } from "node:util";
import { bunCoded, invalidArgType, invalidArgValue, outOfRange } from "../errors.ts";
import { parseEncoding } from "./encoding.ts";
import type { BunEncoding } from "./encoding.ts";

const maxTimestamp = 2 ** 48 - 1;

function unknownEncoding(): Error {
  return bunCoded("Encoding must be one of base64, base64url, hex, or buffer", "ERR_UNKNOWN_ENCODING", TypeError);
}

/** Bun's encoding argument: only a string counts; anything else means hex. */
export function encodingArgument(value: unknown): BunEncoding | undefined {
  if (typeof value !== "string") return undefined;
  const encoding = parseEncoding(value);
  if (encoding === undefined) throw unknownEncoding();
  return encoding;
}

const hexDigits = "0123456789abcdef";

function formatUUID(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += "-";
    const byte = bytes[i]!;
    out += hexDigits[byte >> 4]! + hexDigits[byte & 15]!;
  }
  return out;
}

/** The 16 bytes in the requested encoding: dashed lower-case hex by default. */
export function encodeUUID(bytes: Uint8Array, encoding: BunEncoding | undefined): string | Buffer {
  if (encoding === undefined || encoding === "hex") return formatUUID(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, 16);
  if (encoding === "buffer") return Buffer.from(buffer);
  return buffer.toString(encoding);
}

// --- v7 ------------------------------------------------------------------

function rangeError(received: number): Error {
  return outOfRange(`The value of "timestamp" is out of range. It must be >= 0 and <= ${maxTimestamp}. Received ${received}`);
}

/** Bun's timestamp rules: a Date or an integer number of milliseconds in [0, 2^48). */
export function timestampArgument(value: unknown): number {
  if (types.isDate(value)) {
    const time = (value as Date).getTime();
    if (!Number.isFinite(time) || time < 0 || time > maxTimestamp) throw rangeError(time);
    return time;
  }
  if (typeof value !== "number") throw invalidArgType(`The "timestamp" property must be of type number. Received ${typeof value}`);
  if (!Number.isFinite(value)) throw rangeError(value);
  if (!Number.isInteger(value)) throw invalidArgType(`The "timestamp" property must be of type integer. Received number`);
  if (value < 0 || value > maxTimestamp) throw rangeError(value);
  return value + 0;
}

// Random bytes are drawn in blocks: one syscall per hundred UUIDs.
const entropy = new Uint8Array(1000);
let entropyUsed = entropy.length;

function randomBytes10(): Uint8Array {
  if (entropyUsed + 10 > entropy.length) {
    randomFillSync(entropy);
    entropyUsed = 0;
  }
  const bytes = entropy.subarray(entropyUsed, entropyUsed + 10);
  entropyUsed += 10;
  return bytes;
}

// Two counters, as in Bun: the clock's (never goes backwards) and the one for
// caller-supplied timestamps (which neither observes nor moves the clock's).
const clockState = { timestamp: 0, counter: 0 };
const explicitState = { requested: -1, emitted: 0, counter: 0 };

/**
 * The 12-bit counter after `rand_a` is seeded with 11 random bits at each new
 * millisecond and incremented within one; when it overflows, the timestamp
 * moves on by a millisecond (RFC 9562 §6.2).
 */
function nextTimestampAndCounter(timestamp: number, seed: number, explicit: boolean): [number, number] {
  let ts: number;
  let count: number;
  if (!explicit) {
    if (timestamp > clockState.timestamp) [ts, count] = [timestamp, seed];
    else [ts, count] = [clockState.timestamp, clockState.counter + 1];
  } else if (timestamp !== explicitState.requested) [ts, count] = [timestamp, seed];
  else [ts, count] = [explicitState.emitted, explicitState.counter + 1];
  if (count > 0xfff) {
    ts = Math.min(ts + 1, maxTimestamp);
    count = seed;
  }
  if (!explicit) {
    clockState.timestamp = ts;
    clockState.counter = count;
  } else {
    explicitState.requested = timestamp;
    explicitState.emitted = ts;
    explicitState.counter = count;
  }
  return [ts, count];
}

export function uuidV7Bytes(timestamp: number | undefined): Uint8Array {
  const random = randomBytes10();
  const seed = (random[8]! | (random[9]! << 8)) & 0x7ff;
  const [ts, count] = timestamp === undefined ? nextTimestampAndCounter(Math.max(Date.now(), 0), seed, false) : nextTimestampAndCounter(timestamp, seed, true);
  const bytes = new Uint8Array(16);
  const high = Math.floor(ts / 2 ** 32);
  const low = ts >>> 0;
  bytes[0] = high >>> 8;
  bytes[1] = high & 0xff;
  bytes[2] = low >>> 24;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | ((count >> 8) & 0x0f);
  bytes[7] = count & 0xff;
  bytes[8] = 0x80 | (random[0]! & 0x3f);
  bytes.set(random.subarray(1, 8), 9);
  return bytes;
}

// --- v5 ------------------------------------------------------------------

const namedNamespaces: Readonly<Record<string, string>> = {
  dns: "6ba7b8109dad11d180b400c04fd430c8",
  url: "6ba7b8119dad11d180b400c04fd430c8",
  oid: "6ba7b8129dad11d180b400c04fd430c8",
  x500: "6ba7b8149dad11d180b400c04fd430c8",
};

function bytesOfBufferSource(value: unknown): Uint8Array | undefined {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (types.isArrayBuffer(value) || types.isSharedArrayBuffer(value)) return new Uint8Array(value as ArrayBuffer);
  return undefined;
}

export function nameArgument(value: unknown): Uint8Array {
  if (typeof value === "string") return Buffer.from(value, "utf8");
  const bytes = bytesOfBufferSource(value);
  if (bytes === undefined) throw invalidArgType("name must be a string, ArrayBuffer or ArrayBufferView");
  return bytes;
}

export function checkNamespaceType(value: unknown): void {
  if (typeof value !== "string" && bytesOfBufferSource(value) === undefined) throw invalidArgType("namespace must be a string, ArrayBuffer or ArrayBufferView");
}

const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function namespaceArgument(value: unknown): Uint8Array {
  if (typeof value === "string") {
    // Bun measures the UTF-8 length: 36 bytes must be a UUID, anything else a well-known name.
    if (Buffer.byteLength(value, "utf8") !== 36) {
      const lower = value.toLowerCase();
      if (!Object.hasOwn(namedNamespaces, lower)) throw invalidArgValue("Invalid UUID format for namespace");
      return Buffer.from(namedNamespaces[lower]!, "hex");
    }
    if (!uuidText.test(value)) throw invalidArgValue("Invalid UUID format for namespace");
    return Buffer.from(value.replaceAll("-", ""), "hex");
  }
  const bytes = bytesOfBufferSource(value);
  if (bytes === undefined) throw invalidArgType("namespace must be a string, ArrayBuffer or ArrayBufferView");
  if (bytes.byteLength !== 16) throw invalidArgValue("Namespace must be exactly 16 bytes");
  return bytes;
}

export function uuidV5Bytes(namespace: Uint8Array, name: Uint8Array): Uint8Array {
  const hash = createHash("sha1").update(namespace).update(name).digest();
  const bytes = new Uint8Array(hash.buffer, hash.byteOffset, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes;
}
