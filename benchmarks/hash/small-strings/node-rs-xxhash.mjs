// The npm alternative: @node-rs/xxhash's XXH3-64 on the same 32-byte strings.
import { xxh3 } from "@node-rs/xxhash";
import { runSmall } from "../lib.mjs";

runSmall((key) => xxh3.xxh64(key));
