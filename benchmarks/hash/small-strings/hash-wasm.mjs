// The WebAssembly alternative: hash-wasm's XXH3-64, one reusable hasher (its fastest synchronous use).
import { createXXHash3 } from "hash-wasm";
import { runSmall } from "../lib.mjs";

const hasher = await createXXHash3();
runSmall((key) => hasher.init().update(key).digest("binary")[0]);
