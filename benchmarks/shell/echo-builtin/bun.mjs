// Bun and Node + dx-compat: the echo built-in through the whole `$` machinery.
import { runShell } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { $ } = Bun;
await runShell(() => $`echo hi`.text(), "hi\n", { count: 20_000, warmUp: 2_000 });
