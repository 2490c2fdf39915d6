// The file-system built-ins: mkdir, touch, rm, mv (Bun's flags and messages; ls is in ls.ts).
import { existsSync, lstatSync, mkdirSync, renameSync, rmdirSync, statSync, unlinkSync, utimesSync, closeSync, openSync } from "node:fs";
import { code, directoryOrder, errnoText, fail, letters, out, resolvePath, splitFlags, type BuiltinContext } from "./context.ts";

const USAGE = {
  mkdir: "usage: mkdir [-pv] [-m mode] directory_name ...\n",
  touch: "usage: touch [-A [-][[hh]mm]SS] [-achm] [-r file] [-t [[CC]YY]MMDDhhmm[.SS]]\n       [-d YYYY-MM-DDThh:mm:SS[.frac][tz]] file ...\n",
  rm: "usage: rm [-f | -i] [-dIPRrvWx] file ...\n       unlink [--] file\n",
  mv: "usage: mv [-f | -i | -n] [-hv] source target\n       mv [-f | -i | -n] [-v] source ... directory\n",
};

function errnoNumber(error: unknown): number {
  return Math.abs((error as NodeJS.ErrnoException | undefined)?.errno ?? 1);
}


function illegalOption(ctx: BuiltinContext, name: string, flags: readonly string[], allowed: string): Promise<number> | null {
  for (const letter of letters(flags)) if (!allowed.includes(letter)) return fail(ctx, `${name}: illegal option -- ${letter}\n`);
  return null;
}

export async function mkdir(ctx: BuiltinContext): Promise<number> {
  const { flags, rest } = splitFlags(ctx.args);
  // Bun's message drops the offending letter.
  for (const letter of letters(flags)) if (!"pv".includes(letter)) return fail(ctx, "mkdir: illegal option -- \n");
  const opts = new Set(letters(flags));
  if (rest.length === 0) return fail(ctx, USAGE.mkdir);
  for (const path of rest) {
    const full = resolvePath(ctx.state.cwd, path).replace(/(.)\/+$/, "$1");
    try {
      if (opts.has("p")) {
        const created: string[] = [];
        let at = full;
        while (!existsSync(at)) {
          created.unshift(at);
          at = at.slice(0, at.lastIndexOf("/")) || "/";
        }
        mkdirSync(full, { recursive: true });
        if (opts.has("v")) await out(ctx, created.map((dir) => `${dir}\n`).join(""));
      } else {
        mkdirSync(full);
        if (opts.has("v")) await out(ctx, `${full}\n`);
      }
    } catch (error) {
      return fail(ctx, `mkdir: ${full}: ${errnoText(code(error))}\n`);
    }
  }
  return 0;
}

export async function touch(ctx: BuiltinContext): Promise<number> {
  const { flags, rest } = splitFlags(ctx.args);
  if (flags.length > 0) return fail(ctx, `touch: unsupported option, please open a GitHub issue -- ${flags[0]}\n`);
  if (rest.length === 0) return fail(ctx, USAGE.touch);
  for (const path of rest) {
    const full = resolvePath(ctx.state.cwd, path);
    try {
      const now = new Date();
      if (existsSync(full)) utimesSync(full, now, now);
      else closeSync(openSync(full, "a"));
    } catch (error) {
      return fail(ctx, `touch: ${full}: ${errnoText(code(error))}\n`);
    }
  }
  return 0;
}

function removeTree(full: string, shown: string, removed: string[]): void {
  const stats = lstatSync(full);
  if (stats.isDirectory()) {
    for (const name of directoryOrder(full)) removeTree(`${full}/${name}`, `${shown}/${name}`, removed);
    rmdirSync(full);
  } else unlinkSync(full);
  removed.push(shown);
}

export async function rm(ctx: BuiltinContext): Promise<number> {
  const { flags, rest } = splitFlags(ctx.args);
  const illegal = illegalOption(ctx, "rm", flags, "frRdv");
  if (illegal) return illegal;
  const opts = new Set(letters(flags));
  const recursive = opts.has("r") || opts.has("R");
  if (rest.length === 0) return fail(ctx, USAGE.rm);
  // Files first, then directories: Bun removes directory operands on another thread, so it prints its -v lines in either order.
  const isDir = (path: string): boolean => statSync(resolvePath(ctx.state.cwd, path), { throwIfNoEntry: false })?.isDirectory() === true;
  for (const path of [...rest.filter((p) => !isDir(p)), ...rest.filter(isDir)]) {
    const full = resolvePath(ctx.state.cwd, path).replace(/(.)\/+$/, "$1");
    if (full === "/" || full.lastIndexOf("/") === 0) {
      if (!existsSync(full) || full === "/") return fail(ctx, `rm: "${path}" may not be removed\n`);
    }
    if (path === "." || path === ".." || path.endsWith("/.") || path.endsWith("/..")) return fail(ctx, `rm: ${path}: Invalid argument\n`);
    const removed: string[] = [];
    try {
      const stats = lstatSync(full);
      if (stats.isDirectory()) {
        if (recursive) removeTree(full, path, removed);
        else if (opts.has("d")) {
          rmdirSync(full);
          removed.push(path);
        } else return fail(ctx, `rm: ${path}: Is a directory\n`);
      } else {
        unlinkSync(full);
        removed.push(path);
      }
    } catch (error) {
      if (code(error) === "ENOENT" && opts.has("f")) continue;
      return fail(ctx, `rm: ${path}: ${errnoText(code(error))}\n`);
    } finally {
      if (opts.has("v") && removed.length > 0) await out(ctx, removed.map((p) => `${p}\n`).join(""));
    }
  }
  return 0;
}

export async function mv(ctx: BuiltinContext): Promise<number> {
  const { flags, rest } = splitFlags(ctx.args);
  const illegal = illegalOption(ctx, "mv", flags, "fnv");
  if (illegal) return illegal;
  if (rest.length < 2) return fail(ctx, USAGE.mv);
  const target = rest[rest.length - 1] as string;
  const sources = rest.slice(0, -1);
  const targetFull = resolvePath(ctx.state.cwd, target);
  let targetIsDir = false;
  try {
    targetIsDir = statSync(targetFull).isDirectory();
  } catch (error) {
    if (sources.length > 1) return fail(ctx, `mv: ${target}: ${errnoText(code(error))}\n`);
  }
  for (const source of sources) {
    const sourceFull = resolvePath(ctx.state.cwd, source);
    const destination = targetIsDir ? `${targetFull}/${sourceFull.replace(/\/+$/, "").split("/").pop()}` : targetFull;
    try {
      renameSync(sourceFull, destination);
    } catch (error) {
      // Bun's exit code here is the errno.
      return fail(ctx, `mv: ${source}: ${errnoText(code(error))}\n`, errnoNumber(error));
    }
  }
  return 0;
}
