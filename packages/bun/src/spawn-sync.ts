import { spawnSync as nativeSpawnSync, type SpawnSyncOutcome } from "@dx-compat/native";
import { notImplemented } from "@dx-compat/shared/errors";
import { closeSync, constants } from "node:fs";
import { getSystemErrorName as errname } from "node:util";
import { readBlobSync } from "./internal/blob-sync.ts";
import { openStdioFile, parseSpawnArguments, spawnFailure, type InputSpec, type OutputSpec, type ParsedSpawn } from "./internal/spawn/options.ts";
import { resourceUsageObject } from "./internal/spawn/resource-usage.ts";
import { signalName } from "./internal/spawn/signals.ts";

type BunSpawnSync = typeof import("bun").spawnSync;

const API = "Bun.spawnSync";

function stdinSlot(spec: InputSpec, parsed: ParsedSpawn, opened: number[]): number | Uint8Array {
  switch (spec.kind) {
    case "ignore":
    case "pipe":
      return -1;
    case "inherit":
      return 0;
    case "fd":
      return spec.fd;
    case "path":
      return openStdioFile(spec.path, constants.O_RDONLY, parsed, opened);
    case "bytes":
      return spec.bytes;
    case "blob":
      return readBlobSync(spec.blob);
    case "stream":
      throw notImplemented(API, "a Response, Request or ReadableStream stdin cannot be read synchronously on Node (its stream needs this thread); pass its bytes (`await response.bytes()`) instead");
  }
}

function outputSlot(spec: OutputSpec, own: number, parsed: ParsedSpawn, opened: number[]): number {
  switch (spec.kind) {
    case "ignore":
      return -1;
    case "pipe":
      return -2;
    case "inherit":
      return own;
    case "fd":
      return spec.fd;
    case "path":
      return openStdioFile(spec.path, constants.O_WRONLY, parsed, opened);
  }
}

/** What `stdout`/`stderr` hold in the result: the captured Buffer, the fd number given, or undefined. */
function outputValue(spec: OutputSpec, captured: Buffer | null): Buffer | number | undefined {
  if (spec.kind === "pipe") return captured ?? Buffer.alloc(0);
  if (spec.kind === "fd") return spec.fd;
  return undefined;
}

function nativeOutcome(parsed: ParsedSpawn): SpawnSyncOutcome {
  const opened: number[] = [];
  try {
    const stdin = stdinSlot(parsed.stdin, parsed, opened);
    const stdout = outputSlot(parsed.stdout, 1, parsed, opened);
    const stderr = outputSlot(parsed.stderr, 2, parsed, opened);
    return nativeSpawnSync({
      file: parsed.file,
      argv: parsed.argv,
      env: parsed.env,
      cwd: parsed.cwd,
      stdin,
      stdout,
      stderr,
      timeoutMs: parsed.timeout,
      killSignal: parsed.killSignal,
      maxBuffer: parsed.maxBuffer,
    });
  } finally {
    for (const fd of opened) closeSync(fd);
  }
}

const twinUsage = {
  get(): never {
    throw notImplemented(API, "resourceUsage needs the native addon (wait4's rusage); Node's spawnSync does not report it");
  },
  enumerable: true,
  configurable: true,
};

/**
 * `Bun.spawnSync(cmd, options)` / `Bun.spawnSync({ cmd, ... })`: runs a process
 * to completion and returns `{ exitCode, signalCode?, stdout, stderr, success,
 * resourceUsage, exitedDueToTimeout?, exitedDueToMaxBuffer?, pid }` in Bun's
 * key order. The executable is resolved along PATH first; a missing one, a bad
 * cwd or bad options throw Bun's errors synchronously.
 *
 * @example
 * ```ts
 * import { spawnSync } from "@dx-compat/bun";
 * const { stdout } = spawnSync(["echo", "hi"]);
 * stdout.toString(); // "hi\n"
 * ```
 */
export const spawnSync: BunSpawnSync = function spawnSync(cmds: unknown, options?: unknown) {
  const parsed = parseSpawnArguments(API, cmds, options, true);
  const outcome = nativeOutcome(parsed);
  if (outcome.errno !== 0) {
    const code = errname(-outcome.errno);
    throw spawnFailure(code, -outcome.errno, parsed.displayPath);
  }
  const result: Record<string, unknown> = { exitCode: outcome.exitCode };
  if (outcome.signalCode !== null) result["signalCode"] = signalName(outcome.signalCode);
  result["stdout"] = outputValue(parsed.stdout, outcome.stdout);
  result["stderr"] = outputValue(parsed.stderr, outcome.stderr);
  result["success"] = outcome.exitCode === 0;
  if (outcome.resourceUsage !== null) result["resourceUsage"] = resourceUsageObject(outcome.resourceUsage);
  else Object.defineProperty(result, "resourceUsage", twinUsage);
  if (parsed.timeout > 0) result["exitedDueToTimeout"] = outcome.timedOut;
  if (parsed.maxBuffer > 0) result["exitedDueToMaxBuffer"] = outcome.maxBufferExceeded;
  result["pid"] = outcome.pid;
  return result;
} as unknown as BunSpawnSync;
