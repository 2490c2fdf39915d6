// Bun and Node + dx-compat: Bun.semver.satisfies over the shared pairs.
import { runSatisfies } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { satisfies } = Bun.semver;
runSatisfies(satisfies);
