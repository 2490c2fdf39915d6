import { closeSync, constants, fstatSync, openSync, readFileSync as fsReadFileSync, statSync } from "node:fs";
import { readFile as fsReadFile } from "node:fs/promises";
import type { FileBinding } from "../binding.ts";

function readSmallFileSync(path: string, smallerThan: number): Buffer | undefined {
  // stat before open: opening a FIFO blocks until a writer comes.
  const named = statSync(path, { throwIfNoEntry: false });
  // A path stat cannot see fails again at open, with the error Node's readFile gives.
  if (named === undefined) closeSync(openSync(path, "r"));
  if (!named?.isFile() || named.size >= smallerThan) return undefined;
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
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
