// The commands Bun 1.4.5 runs in-process on POSIX (its `cat` and `cp` are
// disabled there and spawn the system's; it has no `unset`).
import type { Builtin } from "./context.ts";
import { cd } from "./cd.ts";
import { exportBuiltin } from "./export.ts";
import { mkdir, mv, rm, touch } from "./fs-builtins.ts";
import { ls } from "./ls.ts";
import { seq } from "./seq.ts";
import { basename, dirname, echo, exit, falseBuiltin, pwd, trueBuiltin, yes } from "./simple.ts";
import { which } from "./which.ts";

const builtins: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["touch", touch],
  ["mkdir", mkdir],
  ["export", exportBuiltin],
  ["cd", cd],
  ["echo", echo],
  ["pwd", pwd],
  ["which", which],
  ["rm", rm],
  ["mv", mv],
  ["ls", ls],
  ["exit", exit],
  ["true", trueBuiltin],
  ["false", falseBuiltin],
  ["yes", yes],
  ["seq", seq],
  ["dirname", dirname],
  ["basename", basename],
]);

export function builtin(name: string): Builtin | undefined {
  return builtins.get(name);
}
