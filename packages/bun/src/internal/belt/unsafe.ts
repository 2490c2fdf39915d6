// The members of Bun.unsafe that Node can serve, and named errors for the ones
// it cannot (Bun 1.4.5's argument rules and errors in both cases).
import { readFileSync } from "node:fs";
import { types } from "node:util";
import { notImplemented } from "@dx-compat/shared/errors";
import { invalidArgType, outOfRange } from "../errors.ts";

/** Bytes as a string without decoding: Latin-1 for bytes, UTF-16 code units for a (U)Int16Array. */
export function arrayBufferToString(buffer: unknown): string {
  if (types.isUint16Array(buffer) || types.isInt16Array(buffer)) {
    const view = buffer as Uint16Array;
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("utf16le");
  }
  if (types.isTypedArray(buffer)) {
    const view = buffer as Uint8Array;
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("latin1");
  }
  if (types.isArrayBuffer(buffer) || types.isSharedArrayBuffer(buffer)) return Buffer.from(buffer as ArrayBuffer).toString("latin1");
  throw invalidArgType("Expected an ArrayBuffer");
}

// Bun reads BUN_GARBAGE_COLLECTOR_LEVEL at start-up; V8 has no such knob, so
// only level 0 (the default: no extra collections) exists here.
let aggression = 0;

/** The previous level; a new level of 0 to 2 (after number conversion) is taken, anything else ignored. */
export function gcAggressionLevel(args: ArrayLike<unknown>): 0 | 1 | 2 {
  const previous = aggression as 0 | 1 | 2;
  if (args.length === 0 || args[0] === undefined) return previous;
  const level = Math.trunc(Number(args[0]));
  if (!(level >= 0 && level <= 2)) return previous;
  if (level !== 0) {
    throw notImplemented("Bun.unsafe.gcAggressionLevel", `V8 has no setting to collect garbage more often; level ${level} cannot be honoured (only 0, the default)`);
  }
  aggression = level;
  return previous;
}

export function mimallocDump(): never {
  throw notImplemented("Bun.unsafe.mimallocDump", "Node does not allocate through mimalloc, so there is no mimalloc heap to dump");
}

/**
 * Memory only this process keeps from the machine: on Linux the `Pss:` of
 * /proc/self/smaps_rollup (as Bun reads it), on macOS the resident set size
 * (the phys_footprint Bun reads is what `process.memoryUsage.rss()` reports
 * there); undefined where neither can be read.
 */
export function memoryFootprint(): number | undefined {
  if (process.platform === "darwin") return process.memoryUsage.rss();
  if (process.platform !== "linux") return undefined;
  try {
    const rollup = readFileSync("/proc/self/smaps_rollup", "latin1");
    const match = /^Pss:\s+(\d+) kB$/m.exec(rollup);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Scale 1 is the engine's normal JIT policy, which V8 keeps; any other scale cannot be set on V8. */
export function setJITPolicy(scale: unknown): void {
  if (typeof scale !== "number") throw invalidArgType("scale must be a number");
  if (!Number.isFinite(scale) || scale < 1) throw outOfRange(`The value of "scale" is out of range. It must be a finite number >= 1. Received ${scale}`);
  if (scale !== 1) throw notImplemented("Bun.unsafe.setJITPolicy", `V8's tier-up thresholds cannot be scaled at run time; only the normal policy (1) is available, not ${scale}`);
}
