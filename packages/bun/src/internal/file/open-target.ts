// What Bun.file(…) points at: a path (string, file: URL, or path bytes) or a descriptor.
import { invalidArgType, outOfRange } from "../errors.ts";
import type { FileTarget } from "./target.ts";

/** A descriptor as Bun validates one: an integer in 0..2^31-1, else Bun's RangeError. */
function validFd(fd: number): number {
  if (!Number.isInteger(fd)) {
    throw outOfRange(`The value of "fd" is out of range. It must be an integer. Received ${String(fd)}`);
  }
  if (fd < 0 || fd > 0x7fff_ffff) {
    throw outOfRange(`The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received ${String(fd)}`);
  }
  return fd;
}

const decoder = new TextDecoder();

export function openTarget(pathOrFd: unknown, urlPath: (url: URL) => string): FileTarget {
  if (typeof pathOrFd === "string") return { kind: "path", path: pathOrFd };
  if (typeof pathOrFd === "number") return { kind: "fd", fd: validFd(pathOrFd) };
  if (pathOrFd instanceof URL) return { kind: "path", path: urlPath(pathOrFd) };
  // Bytes name a path (Bun's PathLike), decoded as UTF-8.
  if (ArrayBuffer.isView(pathOrFd)) {
    return { kind: "path", path: decoder.decode(new Uint8Array(pathOrFd.buffer, pathOrFd.byteOffset, pathOrFd.byteLength)) };
  }
  if (pathOrFd instanceof ArrayBuffer || pathOrFd instanceof SharedArrayBuffer) {
    return { kind: "path", path: decoder.decode(new Uint8Array(pathOrFd)) };
  }
  throw invalidArgType("Expected file path string or file descriptor");
}
