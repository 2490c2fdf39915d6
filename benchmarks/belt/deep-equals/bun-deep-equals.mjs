// Bun and Node + dx-compat: Bun.deepEquals in strict mode (toStrictEqual's comparison).
import { runDeepEquals } from "../lib.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
const { deepEquals } = Bun;
runDeepEquals((a, b) => deepEquals(a, b, true));
