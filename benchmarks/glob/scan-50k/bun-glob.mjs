// Bun.Glob("**/*.ts").scan({ cwd }): real Bun, and Node + dx-compat (the same program under dx-compat/register).
import { runScan } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const glob = new Bun.Glob("**/*.ts");
await runScan((cwd) => glob.scan({ cwd }));
