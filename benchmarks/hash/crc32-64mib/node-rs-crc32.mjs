// The npm alternative: @node-rs/crc32 (a Rust N-API addon, SIMD).
import { crc32 } from "@node-rs/crc32";
import { runLarge } from "../lib.mjs";

runLarge((input) => crc32(input), { rounds: 16 });
