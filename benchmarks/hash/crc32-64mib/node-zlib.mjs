// Plain Node: zlib.crc32 (Node >= 22.2), zlib's own CRC-32.
import { crc32 } from "node:zlib";
import { runLarge } from "../lib.mjs";

runLarge((input) => crc32(input), { rounds: 16 });
