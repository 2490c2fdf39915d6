// Bun and Node + dx-compat: await Bun.password.hash(password, "bcrypt") with Bun's default cost 10.
import { PASSWORD, runHashes } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { password } = Bun;
await runHashes(() => password.hash(PASSWORD, "bcrypt"), { count: 24 });
