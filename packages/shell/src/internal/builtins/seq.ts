// `seq [-w] [-s sep] [-t terminator] [first [incr]] last`.
import { fail, out, type BuiltinContext } from "./context.ts";

const USAGE = "usage: seq [-w] [-f format] [-s string] [-t string] [first [incr]] last\n";

export async function seq(ctx: BuiltinContext): Promise<number> {
  const args = [...ctx.args];
  let separator = "\n";
  let terminator = "";
  const numbers: string[] = [];
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg.startsWith("-s") || arg.startsWith("-t")) {
      const value = arg.length > 2 ? arg.slice(2) : args.shift();
      if (value === undefined) return fail(ctx, USAGE);
      if (arg.startsWith("-s")) separator = value;
      else terminator = value;
    } else if (arg === "-w") continue;
    else if (arg.startsWith("-") && !/^-\d/.test(arg)) return fail(ctx, "seq: invalid argument\n");
    else numbers.push(arg);
  }
  if (numbers.length === 0) return fail(ctx, USAGE);
  const parsed = numbers.slice(0, 3).map(Number);
  if (parsed.some((n) => Number.isNaN(n)) || numbers.some((n) => n.trim() === "")) return fail(ctx, "seq: invalid argument\n");
  let [first, step, last] = [1, 1, 1];
  if (parsed.length === 1) last = parsed[0] as number;
  else if (parsed.length === 2) [first, last] = parsed as [number, number];
  else [first, step, last] = parsed as [number, number, number];
  if (parsed.length < 3 && first > last) step = -1;
  if (step === 0) return fail(ctx, "seq: zero increment\n");
  let text = "";
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) text += `${n}${separator}`;
  await out(ctx, text + terminator);
  return 0;
}
