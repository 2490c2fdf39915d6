import { readFileSync as fsReadFileSync } from "node:fs";
import { readFile as fsReadFile } from "node:fs/promises";
import type { FileBinding } from "../binding.ts";

/** The TypeScript path for whole-file reads is Node's own `fs`. */
export const readFileSync: FileBinding["readFileSync"] = (path) => fsReadFileSync(path);

export const readFile: FileBinding["readFile"] = (path) => fsReadFile(path);
