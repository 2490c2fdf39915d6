// The TypeScript twin of the Rust addon: the same contract (../binding.ts),
// the same results, no binary. Inputs become bytes here; each algorithm file
// works on a Uint8Array.
import type { HashInput, NativeBinding } from "../binding.ts";
import { adler32 } from "./adler32.ts";
import { cityHash32, cityHash64 } from "./city-hash.ts";
import { crc32 } from "./crc32.ts";
import { murmur32v2, murmur32v3, murmur64v2 } from "./murmur.ts";
import { rapidhash } from "./rapidhash.ts";
import { listDirectory } from "./list-directory.ts";
import { mmap } from "./mmap.ts";
import { readFile, readFileSync } from "./read-file.ts";
import { spawnSync } from "./spawn-sync.ts";
import { which } from "./which.ts";
import { wyhash } from "./wyhash.ts";
import { xxHash3 } from "./xxhash3.ts";
import { xxHash32 } from "./xxhash32.ts";
import { xxHash64 } from "./xxhash64.ts";

const ENOSYS = 38;
const encoder = new TextEncoder();
/** Reused for strings short enough to encode without allocating a result. */
let scratch = new Uint8Array(4096);

function utf8(text: string): Uint8Array {
  // UTF-8 needs at most three bytes per UTF-16 unit.
  if (text.length * 3 > scratch.length) {
    if (text.length > 1 << 20) return encoder.encode(text);
    scratch = new Uint8Array(text.length * 3);
  }
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

function bytesOf(input: HashInput): Uint8Array {
  if (typeof input === "string") return utf8(input);
  if (input instanceof Uint8Array) return input;
  return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

export const twinBinding: NativeBinding = {
  wyhash: (input, lo = 0, hi = 0) => wyhash(bytesOf(input), lo, hi),
  adler32: (input) => adler32(bytesOf(input)),
  crc32: (input, lo = 0) => crc32(bytesOf(input), lo),
  cityHash32: (input) => cityHash32(bytesOf(input)),
  cityHash64: (input, lo = 0, hi = 0) => cityHash64(bytesOf(input), lo, hi),
  xxHash32: (input, lo = 0) => xxHash32(bytesOf(input), lo),
  xxHash64: (input, lo = 0, hi = 0) => xxHash64(bytesOf(input), lo, hi),
  xxHash3: (input, lo = 0) => xxHash3(bytesOf(input), lo, 0),
  murmur32v2: (input, lo = 0) => murmur32v2(bytesOf(input), lo),
  murmur32v3: (input, lo = 0) => murmur32v3(bytesOf(input), lo),
  murmur64v2: (input, lo = 0, hi = 0) => murmur64v2(bytesOf(input), lo, hi),
  rapidhash: (input, lo = 0, hi = 0) => rapidhash(bytesOf(input), lo, hi),
  readFileSync,
  readFile,
  mmap,
  spawnSync,
  // No raw descriptors without the addon: the facade (../../spawn.ts) uses child_process instead.
  spawn: () => undefined,
  spawnRef: () => {},
  // Node has no pseudo-terminals (no posix_openpt, no TIOCSCTTY): ENOSYS.
  ptyOpen: () => ENOSYS,
  ptyResize: () => ENOSYS,
  ptyGetFlags: () => ENOSYS,
  ptySetFlag: () => ENOSYS,
  ptySetRawMode: () => ENOSYS,
  which,
  // Node makes no bare socket pairs: callers keep their streams.
  socketPair: () => ENOSYS,
  listDirectory,
  // No OpenSSL without the addon: callers keep node:crypto.
  digest: () => 0,
  digestStep: () => 0,
  // Callers keep node:zlib.
  inflate: () => null,
  deflate: () => null,
  // No SQLite extension without the addon: there is never a connection to act on.
  sqliteAttach: () => undefined,
  sqliteFileControl: noConnection,
  sqliteLastError: noConnection,
  sqliteUpdateHook: noConnection,
  sqliteDetach: noConnection,
  sqliteRowBuffer: noConnection,
  sqliteAdoptStatement: noConnection,
  sqliteReleaseStatement: noConnection,
  sqliteReadRows: noConnection,
  sqliteRunStatement: noConnection,
  sqliteResetStatement: noConnection,
};

function noConnection(): never {
  throw new TypeError("the TypeScript twin has no SQLite connections (sqliteAttach gives undefined)");
}
