import { notImplemented } from "@dx-compat/shared/errors";
import type { MmapBinding } from "../binding.ts";

/** A mapping is memory shared with the file: there is nothing to emulate it with in JavaScript. */
export const mmap: MmapBinding["mmap"] = () => {
  throw notImplemented("Bun.mmap", "mapping a file needs @dx-compat/native's addon (not loaded, or DX_COMPAT_NATIVE=0)");
};
