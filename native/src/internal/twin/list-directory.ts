// The twin of rust/list_dir.rs: one directory's entries as
// `kinds + "/" + names.join("/")`, through Node's readdir (name order, where
// the addon keeps the file system's own order).
import { readdirSync, type Dirent } from "node:fs";

const WITH_TYPES = { withFileTypes: true } as const;

function kindOf(entry: Dirent): string {
  if (entry.isFile()) return "f";
  if (entry.isDirectory()) return "d";
  if (entry.isSymbolicLink()) return "l";
  return "o";
}

export function listDirectory(path: string): string | number {
  let entries: Dirent[];
  try {
    entries = readdirSync(path, WITH_TYPES);
  } catch (error) {
    return -((error as NodeJS.ErrnoException).errno ?? -22);
  }
  if (entries.length === 0) return "";
  let kinds = "";
  let names = "";
  for (const entry of entries) {
    kinds += kindOf(entry);
    names += `/${entry.name}`;
  }
  return kinds + names;
}
