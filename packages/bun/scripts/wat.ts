// WebAssembly text to binary with wabt, SIMD on; shared by the generator and the test that checks it.
import { readFileSync } from "node:fs";
import wabt from "wabt";

/** The binary module for the .wat file at `path`. */
export async function compileWat(path: string): Promise<Uint8Array> {
  const toolkit = await wabt();
  const parsed = toolkit.parseWat(path, readFileSync(path, "utf8"), { simd: true });
  try {
    parsed.validate();
    return parsed.toBinary({ write_debug_names: false }).buffer;
  } finally {
    parsed.destroy();
  }
}
