// `ls` as Bun 1.4.5 runs it: entries in the directory's own order (never
// sorted), `-a`/`-A` for dot entries, `-d` for the operands themselves, `-l`
// for Bun's long format and `-R` to descend into every subdirectory (hidden
// ones too, as Bun does, even when their entries are not shown).
import { lstatSync, statSync, type Stats } from "node:fs";
import { code, directoryEntries, errnoText, fail, letters, out, resolvePath, splitFlags, type BuiltinContext } from "./context.ts";

interface Options {
  all: boolean;
  almostAll: boolean;
  directories: boolean;
  long: boolean;
  recursive: boolean;
  /** Seconds since the epoch, taken once per command for the long format's dates. */
  now: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SIX_MONTHS_SECONDS = 180 * 24 * 60 * 60;
const S_IFMT = 0o170000;
const TYPE_LETTERS = new Map([
  [0o040000, "d"],
  [0o120000, "l"],
  [0o060000, "b"],
  [0o020000, "c"],
  [0o010000, "p"],
  [0o140000, "s"],
]);

function shown(name: string, options: Options): boolean {
  if (options.all) return true;
  return name.startsWith(".") ? options.almostAll && name !== "." && name !== ".." : true;
}

/** `rwx` with setuid/setgid/sticky folded in as `s`/`S`/`t`/`T`. */
function permissions(mode: number): string {
  const triple = (shift: number, special: number, set: string): string => {
    const bits = (mode >> shift) & 7;
    const execute = (bits & 1) !== 0;
    const last = (mode & special) !== 0 ? (execute ? set : set.toUpperCase()) : execute ? "x" : "-";
    return `${bits & 4 ? "r" : "-"}${bits & 2 ? "w" : "-"}${last}`;
  };
  return triple(6, 0o4000, "s") + triple(3, 0o2000, "s") + triple(0, 0o1000, "t");
}

/** Bun's date column, in UTC: "Mon DD HH:MM" within six months of now, else "Mon DD  YYYY". */
function dateColumn(mtimeSeconds: number, now: number): string {
  const seconds = Math.max(0, mtimeSeconds);
  const date = new Date(seconds * 1000);
  const day = `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, "0")}`;
  const recent = seconds > now - SIX_MONTHS_SECONDS && seconds <= now + SIX_MONTHS_SECONDS;
  if (recent) return `${day} ${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  return `${day}  ${String(date.getUTCFullYear()).padStart(4, " ")}`;
}

/** One long-format line for `path`, shown as `name` (lstat: a link is listed as a link). */
function longLine(path: string, name: string, now: number): string {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return `?????????? ? ? ? ?            ? ${name}\n`;
  }
  const type = TYPE_LETTERS.get(stats.mode & S_IFMT) ?? "-";
  const columns = [String(stats.nlink).padStart(3), String(stats.uid).padStart(5), String(stats.gid).padStart(5), String(stats.size).padStart(8)];
  return `${type}${permissions(stats.mode)} ${columns.join(" ")} ${dateColumn(Math.floor(stats.mtimeMs / 1000), now)} ${name}\n`;
}

function entryLine(directory: string, name: string, options: Options): string {
  return options.long ? longLine(`${directory}/${name}`, name, options.now) : `${name}\n`;
}

/** Bun joins a subdirectory's path without normalising it (`./sub`, `d//x` stays as typed before the name). */
function joinShown(parent: string, name: string): string {
  return parent.endsWith("/") ? `${parent}${name}` : `${parent}/${name}`;
}

/** One directory's listing; the subdirectories found (for -R) are pushed onto `below`. */
function listDirectory(full: string, shownPath: string, header: boolean, options: Options, below: [string, string][]): string {
  let text = header ? `${shownPath}:\n` : "";
  if (options.all) text += entryLine(full, ".", options) + entryLine(full, "..", options);
  for (const entry of directoryEntries(full)) {
    if (shown(entry.name, options)) text += entryLine(full, entry.name, options);
    if (options.recursive && entry.directory) below.push([`${full}/${entry.name}`, joinShown(shownPath, entry.name)]);
  }
  return text;
}

export async function ls(ctx: BuiltinContext): Promise<number> {
  const { flags, rest } = splitFlags(ctx.args);
  const opts = new Set(letters(flags));
  const options: Options = {
    all: opts.has("a"),
    almostAll: opts.has("A"),
    directories: opts.has("d"),
    long: opts.has("l"),
    recursive: opts.has("R"),
    now: Math.floor(Date.now() / 1000),
  };
  const paths = rest.length === 0 ? ["."] : rest;
  let status = 0;
  for (const path of paths) {
    const full = resolvePath(ctx.state.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(full).isDirectory();
    } catch (error) {
      await fail(ctx, `ls: ${path}: ${errnoText(code(error))}\n`);
      status = 1;
      continue;
    }
    // -d shows the operand itself, in the short form even with -l (as Bun).
    if (options.directories && isDirectory) {
      await out(ctx, `${path}\n`);
      continue;
    }
    if (!isDirectory) {
      await out(ctx, options.long ? longLine(full, path, options.now) : `${path}\n`);
      continue;
    }
    // Each directory is one task in Bun: its subdirectories follow it, nearest first.
    const queue: [string, string, boolean][] = [[full, path, paths.length > 1]];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const below: [string, string][] = [];
      let text: string;
      try {
        text = listDirectory(next[0], next[1], next[2], options, below);
      } catch (error) {
        await fail(ctx, `ls: ${next[1]}: ${errnoText(code(error))}\n`);
        status = 1;
        continue;
      }
      await out(ctx, text);
      for (const [childFull, childShown] of below) queue.push([childFull, childShown, true]);
    }
  }
  return status;
}
