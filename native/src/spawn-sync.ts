import type { SpawnSyncOutcome, SpawnSyncRequest } from "./internal/binding.ts";
import { selected } from "./internal/selected.ts";
import { spawnSync as nodeSpawnSync } from "./internal/twin/spawn-sync.ts";

export type { ResourceUsage, SpawnSyncOutcome, SpawnSyncRequest } from "./internal/binding.ts";

/**
 * Runs a process to completion: `Bun.spawnSync`'s engine. Natively one
 * `clone(CLONE_VM | CLONE_VFORK)` then exec (vfork semantics, default signal dispositions and an empty
 * signal mask in the child), a `poll` loop that feeds stdin and drains the
 * captured streams, then `wait4` for the status and resource usage. The twin
 * is Node's `child_process.spawnSync`. A failed spawn is not thrown: it comes
 * back as `errno` (positive) with `pid` 0, for the caller to shape.
 *
 * @example
 * ```ts
 * import { spawnSync } from "@dx-compat/native";
 * const { exitCode, stdout } = spawnSync({
 *   file: "/bin/echo", argv: ["echo", "hi"], env: ["PATH=/usr/bin:/bin"], cwd: "",
 *   stdin: -1, stdout: -2, stderr: -1, timeoutMs: 0, killSignal: 15, maxBuffer: 0,
 * });
 * ```
 */
export function spawnSync(request: SpawnSyncRequest): SpawnSyncOutcome {
  return selected().binding.spawnSync(request) ?? nodeSpawnSync(request);
}
