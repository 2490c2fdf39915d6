import type { NativeBinding } from "./binding.ts";
import { loadNative, type Backend } from "./loader.ts";
import { twinBinding } from "./twin/index.ts";

interface Selection {
  backend: Backend;
  binding: NativeBinding;
  /** The addon's path, when it serves. */
  file: string | undefined;
}

let selection: Selection | undefined;

/** The backend this process uses, chosen on first use (see ./loader.ts). */
export function selected(): Selection {
  if (selection) return selection;
  const loaded = loadNative();
  selection = { backend: loaded.backend, binding: loaded.binding ?? twinBinding, file: loaded.file };
  return selection;
}
