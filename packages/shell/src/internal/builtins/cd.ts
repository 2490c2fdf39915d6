// `cd [dir]`: no argument or `~` is HOME, `-` the previous directory.
import { statSync } from "node:fs";
import { normalize } from "node:path";
import { fail, resolvePath, type BuiltinContext } from "./context.ts";

export async function cd(ctx: BuiltinContext): Promise<number> {
  if (ctx.args.length > 1) return fail(ctx, "cd: too many arguments\n");
  const { state } = ctx;
  const arg = ctx.args[0];
  const home = state.exported.get("HOME") ?? "";
  const target = arg === undefined || arg.startsWith("~") ? home : arg.startsWith("-") ? state.prevCwd : arg;
  const path = normalize(resolvePath(state.cwd, target)).replace(/(.)\/$/, "$1");
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) return fail(ctx, `cd: not a directory: ${target}\n`);
  state.prevCwd = state.cwd;
  state.cwd = path;
  return 0;
}
