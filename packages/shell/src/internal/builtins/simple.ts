// The small built-ins: echo, pwd, true, false, exit, yes, dirname, basename.
import { fail, out, type BuiltinContext } from "./context.ts";

function echoEscapes(text: string): string {
  const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", a: "\x07", b: "\b", f: "\f", v: "\v", e: "\x1b" };
  return text.replace(/\\(.)/gs, (whole, c: string) => map[c] ?? whole);
}

export async function echo(ctx: BuiltinContext): Promise<number> {
  let args = ctx.args;
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0] as string)) {
    const flag = args[0] as string;
    if (flag.includes("n")) newline = false;
    if (flag.includes("e")) escapes = true;
    if (flag.includes("E")) escapes = false;
    args = args.slice(1);
  }
  let text = args.join(" ");
  if (escapes) text = echoEscapes(text);
  await out(ctx, newline ? `${text}\n` : text);
  return 0;
}

export async function pwd(ctx: BuiltinContext): Promise<number> {
  if (ctx.args.length > 0) return fail(ctx, "pwd: too many arguments\n");
  await out(ctx, `${ctx.state.cwd}\n`);
  return 0;
}

export const trueBuiltin = (): number => 0;
export const falseBuiltin = (): number => 1;

export async function exit(ctx: BuiltinContext): Promise<number> {
  if (ctx.args.length > 1) return fail(ctx, "exit: too many arguments\n");
  if (ctx.args.length === 0) return 0;
  const arg = ctx.args[0] as string;
  if (!/^\d+$/.test(arg)) return fail(ctx, "exit: numeric argument required\n");
  return Number(BigInt(arg) % 256n);
}

export async function yes(ctx: BuiltinContext): Promise<number> {
  const line = Buffer.from(`${ctx.args.length > 0 ? ctx.args.join(" ") : "y"}\n`);
  // Write in batches, as the line repeats forever until the reader goes away.
  const batch = Buffer.concat(Array.from({ length: Math.max(1, Math.floor(8192 / line.length)) }, () => line));
  // Like Bun's, it only stops when its reader goes away (the write throws
  // BrokenPipe, and the command fails). A turn of the event loop after each
  // batch the reader took at once, so a fast reader or a capture cannot starve it.
  for (;;) {
    const pending = out(ctx, batch);
    await (pending ?? new Promise((resolve) => setImmediate(resolve)));
  }
}

function dirnameOf(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return path.startsWith("/") ? "/" : ".";
  const slash = trimmed.lastIndexOf("/");
  if (slash < 0) return ".";
  const head = trimmed.slice(0, slash).replace(/\/+$/, "");
  return head === "" ? "/" : head;
}

function basenameOf(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return path.startsWith("/") ? "/" : "";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

export async function dirname(ctx: BuiltinContext): Promise<number> {
  if (ctx.args.length === 0) return fail(ctx, "usage: dirname string\n");
  await out(ctx, ctx.args.map((arg) => `${dirnameOf(arg)}\n`).join(""));
  return 0;
}

export async function basename(ctx: BuiltinContext): Promise<number> {
  if (ctx.args.length === 0) return fail(ctx, "usage: basename string\n");
  await out(ctx, ctx.args.map((arg) => `${basenameOf(arg)}\n`).join(""));
  return 0;
}
