// Plain Node: zlib.gunzipSync with its defaults (16 KiB output chunks, then one concatenation).
import { gunzipSync } from "node:zlib";
import { gzippedNdjson, run } from "../lib.mjs";

const input = gzippedNdjson();
const uncompressedBytes = new DataView(input.buffer).getUint32(input.length - 4, true);
run((data) => gunzipSync(data), input, { rounds: 12, uncompressedBytes });
