import { closeSync, fstatSync, openSync, readFileSync as fsReadFileSync } from "node:fs";
import { readFile as fsReadFile } from "node:fs/promises";
import type { FileBinding } from "../binding.ts";

function readSmallFileSync(path: string, smallerThan: number): Buffer | undefined {
  const fd = openSync(path, "r");
  try {
    const stats = fstatSync(fd);
    return stats.isFile() && stats.size < smallerThan ? fsReadFileSync(fd) : undefined;
  } finally {
    closeSync(fd);
  }
}

/** The TypeScript path for whole-file reads is Node's own `fs`. */
export const readFileSync = ((path: string, smallerThan?: number) =>
  smallerThan === undefined ? fsReadFileSync(path) : readSmallFileSync(path, smallerThan)) as FileBinding["readFileSync"];

export const readFile: FileBinding["readFile"] = (path) => fsReadFile(path);
