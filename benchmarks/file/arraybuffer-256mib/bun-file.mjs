// Bun.file(path).arrayBuffer(): real Bun, and Node + dx-compat (the same program under dx-compat/register).
import { run } from "./fixture.mjs";

// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
await run((path) => Bun.file(path).arrayBuffer());
