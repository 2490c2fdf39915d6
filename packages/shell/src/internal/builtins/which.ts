// `which name...`: the PATH lookup of the shell's env.
import { out, type BuiltinContext } from "./context.ts";

export async function which(ctx: BuiltinContext): Promise<number> {
  if (ctx.args.length === 0) {
    await out(ctx, "\n");
    return 1;
  }
  let code = 0;
  for (const name of ctx.args) {
    const found = ctx.which(name);
    if (found === null) code = 1;
    await out(ctx, found === null ? `which: ${name} not found\n` : `${found}\n`);
  }
  return code;
}
