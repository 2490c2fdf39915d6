// What a built-in command gets: its arguments, the shell's state and its stdio.
import { listDirectory } from "@dx-compat/native";
import { getSystemErrorName } from "node:util";
import type { Env } from "../env.ts";
import { write, type Stdio } from "../io.ts";

/** One shell's mutable state (a subshell or pipeline stage works on a copy). */
export interface ShellState {
  cwd: string;
  prevCwd: string;
  /** Exported variables: the environment of spawned commands. */
  readonly exported: Env;
  /** Plain `NAME=value` shell variables (not exported). */
  readonly local: Map<string, string>;
}

export interface BuiltinContext {
  readonly args: readonly string[];
  readonly state: ShellState;
  readonly io: Stdio;
  /** PATH lookup as the shell does it (for `which`). */
  which(name: string): string | null;
}

export type Builtin = (ctx: BuiltinContext) => number | Promise<number>;

export function out(ctx: BuiltinContext, data: string | Uint8Array): void | Promise<void> {
  return write(ctx.io.stdout, data);
}

function err(ctx: BuiltinContext, data: string | Uint8Array): void | Promise<void> {
  return write(ctx.io.stderr, data);
}

/** Writes `text` to stderr and finishes with `code`. */
export async function fail(ctx: BuiltinContext, text: string, code = 1): Promise<number> {
  await err(ctx, text);
  return code;
}

export function resolvePath(cwd: string, path: string): string {
  if (path.startsWith("/")) return path;
  return cwd === "/" ? `/${path}` : `${cwd}/${path}`;
}

/** The C library's text for an errno code, as Bun prints it. */
export function errnoText(code: string | undefined): string {
  const table: Record<string, string> = {
    ENOENT: "No such file or directory",
    EISDIR: "Is a directory",
    ENOTDIR: "Not a directory",
    EACCES: "Permission denied",
    EPERM: "Operation not permitted",
    EEXIST: "File exists",
    ENOTEMPTY: "Directory not empty",
    EINVAL: "Invalid argument",
    ENOEXEC: "Exec format error",
    EBUSY: "Resource busy",
    EXDEV: "Cross-device link",
    ELOOP: "Too many levels of symbolic links",
    ENAMETOOLONG: "File name too long",
    EROFS: "Read-only file system",
  };
  return (code !== undefined && table[code]) || "Unknown error";
}

/** A failure's `code` (ENOENT, …), if it has one. */
export function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The option letters of `-xyz` flag arguments, in order. */
export function letters(flags: readonly string[]): string[] {
  return flags.flatMap((flag) => [...flag.slice(1)]);
}

/** Splits leading `-xyz` flag arguments from the rest (Bun stops at the first non-flag). */
export function splitFlags(args: readonly string[]): { flags: string[]; rest: string[] } {
  let i = 0;
  const flags: string[] = [];
  while (i < args.length && (args[i] as string).startsWith("-") && args[i] !== "-") flags.push(args[i++] as string);
  return { flags, rest: args.slice(i) };
}

/** A directory entry: its name, and whether it is a directory (not following a symlink). */
export interface DirectoryEntry {
  readonly name: string;
  readonly directory: boolean;
}

const DIRECTORY_KIND = 0x64; // "d" in @dx-compat/native's listing

/**
 * A directory's entries in the order the file system gives them (Bun does
 * not sort; Node's readdir does), through @dx-compat/native's listing;
 * throws a Node-style error (`code` ENOENT, ENOTDIR, …) when it cannot be read.
 */
export function directoryEntries(path: string): DirectoryEntry[] {
  const listing = listDirectory(path);
  if (typeof listing === "number") throw Object.assign(new Error(`cannot list ${path}`), { code: getSystemErrorName(-listing), errno: -listing });
  return listing.names.map((name, i) => ({ name, directory: listing.kinds.charCodeAt(i) === DIRECTORY_KIND }));
}

export function directoryOrder(path: string): string[] {
  return directoryEntries(path).map((entry) => entry.name);
}
