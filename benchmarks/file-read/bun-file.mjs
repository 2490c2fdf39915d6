// Real Bun: Bun.file(path).arrayBuffer(), the read dx-compat's native readFile is measured against.
import { run } from "./fixture.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
await run((path) => Bun.file(path).arrayBuffer());
