// Bun and Node + dx-compat: one external command, its stdout captured.
import { runShell } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { $ } = Bun;
await runShell(() => $`/bin/echo hi`.text(), "hi\n", { count: 2_000, warmUp: 100 });
