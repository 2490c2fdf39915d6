// `export [NAME=value...]`: with no argument, the exported env sorted by name.
import { out, type BuiltinContext } from "./context.ts";

export async function exportBuiltin(ctx: BuiltinContext): Promise<number> {
  const { exported } = ctx.state;
  if (ctx.args.length === 0) {
    const entries = exported.entries().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await out(ctx, entries.map(([name, value]) => `${name}=${value}\n`).join(""));
    return 0;
  }
  for (const arg of ctx.args) {
    const eq = arg.indexOf("=");
    // Bun ignores arguments without a value (and empty names).
    if (eq <= 0) continue;
    exported.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return 0;
}
