// Bun and Node + dx-compat: Bun.hash (wyhash) on 32-byte strings — the per-call crossing.
import { runSmall } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { hash } = Bun;
runSmall((key) => hash(key));
