// The twin of rust/list_dir.rs: one directory's entries as
// `kinds + "/" + names.join("/")`, in the file system's own order as the
// addon's (Node's `opendir` reads them as `getdents` gives them; `readdir`
// would sort them).
import { opendirSync, type Dirent } from "node:fs";

/** Entries fetched per read from the kernel (Node's default is 32). */
const BUFFER_SIZE = 256;

function kindOf(entry: Dirent): string {
  if (entry.isFile()) return "f";
  if (entry.isDirectory()) return "d";
  if (entry.isSymbolicLink()) return "l";
  return "o";
}

export function listDirectory(path: string): string | number {
  let kinds = "";
  let names = "";
  try {
    const dir = opendirSync(path, { bufferSize: BUFFER_SIZE });
    try {
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        kinds += kindOf(entry);
        names += `/${entry.name}`;
      }
    } finally {
      dir.closeSync();
    }
  } catch (error) {
    return -((error as NodeJS.ErrnoException).errno ?? -22);
  }
  return kinds === "" ? "" : kinds + names;
}
