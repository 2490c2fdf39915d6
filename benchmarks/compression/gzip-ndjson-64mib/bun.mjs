// Bun and Node + dx-compat: Bun.gzipSync on 64 MiB of NDJSON, default options (level 6).
import { ndjson, run } from "../lib.mjs";

const input = ndjson();
// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
run((data) => Bun.gzipSync(data), input, { rounds: 3, uncompressedBytes: input.length });
