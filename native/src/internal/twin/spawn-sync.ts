import { spawnSync as nodeSpawnSync, type SpawnSyncOptions, type StdioOptions } from "node:child_process";
import { constants } from "node:os";
import type { SpawnSyncOutcome, SpawnSyncRequest } from "../binding.ts";
import { launchEnvironment } from "../../launch-environment.ts";

type StdioSlot = "ignore" | "pipe" | number;

/** -1 is /dev/null, -2 a captured pipe, anything else an fd to hand over. */
function slot(value: number): StdioSlot {
  if (value === -1) return "ignore";
  if (value === -2) return "pipe";
  return value;
}

/** "KEY=value" entries back into the object Node wants; the first "=" after the first character splits. */
function envObject(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const split = entry.indexOf("=", 1);
    if (split === -1) env[entry] = "";
    else env[entry.slice(0, split)] = entry.slice(split + 1);
  }
  return env;
}

function options(request: SpawnSyncRequest): SpawnSyncOptions {
  const stdin = typeof request.stdin === "number" ? slot(request.stdin) : "pipe";
  const stdio: StdioOptions = [stdin, slot(request.stdout), slot(request.stderr)];
  return {
    argv0: request.argv[0] ?? request.file,
    // null: this process's environment (Node's default).
    env: request.env === null ? process.env : envObject(request.env === "launch" ? launchEnvironment() : request.env),
    cwd: request.cwd === "" ? undefined : request.cwd,
    stdio,
    input: typeof request.stdin === "number" ? undefined : request.stdin,
    timeout: request.timeoutMs > 0 ? request.timeoutMs : undefined,
    killSignal: request.killSignal,
    // Node's own default is 1 MiB; 0 means unlimited here.
    maxBuffer: request.maxBuffer > 0 ? request.maxBuffer : Infinity,
    windowsHide: true,
  };
}

function hasNul(request: SpawnSyncRequest): boolean {
  const strings = [request.file, request.cwd, ...request.argv, ...(Array.isArray(request.env) ? request.env : [])];
  return strings.some((text) => text.includes("\0"));
}

function failed(errno: number): SpawnSyncOutcome {
  return {
    pid: 0,
    errno,
    stdout: null,
    stderr: null,
    exitCode: null,
    signalCode: null,
    timedOut: false,
    maxBufferExceeded: false,
    resourceUsage: null,
  };
}

function errnoOf(code: string | undefined): number {
  const errno = code === undefined ? undefined : (constants.errno as Record<string, number | undefined>)[code];
  return errno ?? constants.errno.EINVAL;
}

/**
 * The TypeScript twin of the native spawn: Node's `spawnSync`. It cannot
 * report the child's resource usage (Node does not collect it), so
 * `resourceUsage` is null.
 */
export function spawnSync(request: SpawnSyncRequest): SpawnSyncOutcome {
  if (hasNul(request)) return failed(constants.errno.EINVAL);
  const result = nodeSpawnSync(request.file, request.argv.slice(1), options(request));
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  // Node reports pid 0 for a process that never started. Other errors of a
  // started one are about its streams (EPIPE: it did not read all of stdin,
  // which Bun ignores) or limits (flagged below).
  if (result.error && !(result.pid > 0)) return failed(errnoOf(code));
  const signal = result.signal === null ? null : (constants.signals[result.signal] ?? null);
  return {
    pid: result.pid,
    errno: 0,
    stdout: (result.stdout as Buffer | null | undefined) ?? null,
    stderr: (result.stderr as Buffer | null | undefined) ?? null,
    exitCode: signal === null ? result.status : null,
    signalCode: signal,
    timedOut: code === "ETIMEDOUT",
    maxBufferExceeded: code === "ENOBUFS",
    resourceUsage: null,
  };
}
