// Plain Node: zlib.gzipSync with its defaults (level 6, 16 KiB output chunks).
import { gzipSync } from "node:zlib";
import { ndjson, run } from "../lib.mjs";

const input = ndjson();
run((data) => gzipSync(data), input, { rounds: 3, uncompressedBytes: input.length });
