// Bun and Node + dx-compat: built-in seq piped through grep and wc.
import { runShell } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { $ } = Bun;
await runShell(() => $`seq 1 100 | grep 5 | wc -l`.text(), "19\n", { count: 1_000, warmUp: 50 });
