// Bun and Node + dx-compat: Bun.gunzipSync back to 64 MiB of NDJSON.
import { gzippedNdjson, run } from "../lib.mjs";

const input = gzippedNdjson();
const uncompressedBytes = new DataView(input.buffer).getUint32(input.length - 4, true);
// eslint-disable-next-line no-restricted-globals -- the Bun global is what this workload exercises
run((data) => Bun.gunzipSync(data), input, { rounds: 12, uncompressedBytes });
