import * as members from "./internal/belt/unsafe.ts";

type Unsafe = typeof import("bun").unsafe;

/**
 * `Bun.unsafe`: `arrayBufferToString` (bytes as a Latin-1 string, or a
 * (U)Int16Array's code units as UTF-16: Bun avoids the copy, Node cannot),
 * `memoryFootprint` (Linux: PSS from /proc/self/smaps_rollup, as Bun; macOS:
 * RSS), `gcAggressionLevel` (reads 0 and accepts 0; V8 cannot collect "more
 * often", so 1 and 2 throw `ERR_DX_COMPAT_NOT_IMPLEMENTED`), `setJITPolicy`
 * (Bun's argument errors; 1 is V8's normal policy, any other scale throws
 * `ERR_DX_COMPAT_NOT_IMPLEMENTED`), `mimallocDump` (no mimalloc on Node:
 * `ERR_DX_COMPAT_NOT_IMPLEMENTED`).
 *
 * @example
 * ```ts
 * import { unsafe } from "@dx-compat/bun";
 * unsafe.arrayBufferToString(new Uint8Array([104, 105])); // "hi"
 * ```
 */
export const unsafe: Unsafe = {
  gcAggressionLevel: function gcAggressionLevel(): 0 | 1 | 2 {
    // eslint-disable-next-line prefer-rest-params -- an absent level and an undefined one both only read
    return members.gcAggressionLevel(arguments);
  },
  arrayBufferToString: function arrayBufferToString(buffer: Uint8Array<ArrayBuffer> | ArrayBufferLike | Uint16Array): string {
    return members.arrayBufferToString(buffer);
  },
  mimallocDump: function mimallocDump(): void {
    members.mimallocDump();
  },
  memoryFootprint: function memoryFootprint(): number | undefined {
    return members.memoryFootprint();
  },
  setJITPolicy: function setJITPolicy(scale: number): void {
    members.setJITPolicy(scale);
  },
} as Unsafe;
