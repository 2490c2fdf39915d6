// Bun and Node + dx-compat: await Bun.password.hash(password) with Bun's defaults (argon2id, 64 MiB, t=2).
import { PASSWORD, runHashes } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { password } = Bun;
await runHashes(() => password.hash(PASSWORD), { count: 16 });
