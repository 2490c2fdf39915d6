// Bun.spawnSync(["true"]): real Bun, and Node + dx-compat's Bun.spawnSync on the same file.
import { runSync } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
runSync(() => Bun.spawnSync(["true"]).exitCode === 0);
