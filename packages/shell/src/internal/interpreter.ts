// Runs a parsed script: statements, `&&` / `||`, pipelines joined by pipes,
// subshells, `if`, `[[ ]]`, built-ins in-process and every other command
// spawned directly (never through /bin/sh) with the native spawn engine.
import { closeSync, openSync, constants, statSync } from "node:fs";
import { PassThrough } from "node:stream";
import { notImplemented } from "@dx-compat/shared/errors";
import type { Assign, CondExpr, Expr, Part, PipelineItem, Redirect, Word } from "./ast.ts";
import { builtin } from "./builtins/index.ts";
import { errnoText, resolvePath, type Builtin, type BuiltinContext, type ShellState } from "./builtins/context.ts";
import { expandToString, expandWord, NoMatchesError, substitutionsOf, type ExpandContext } from "./expand.ts";
import { spawnExternal, findExecutable } from "./external.ts";
import { BrokenPipe, Capture, write, type Input, type Output, type Stdio } from "./io.ts";
import { builtinStdio, PipeLink } from "./pipe-link.ts";
import type { JsValue } from "./template.ts";

function copyState(state: ShellState): ShellState {
  return { cwd: state.cwd, prevCwd: state.prevCwd, exported: state.exported.clone(), local: state.local.size === 0 ? new Map() : new Map(state.local) };
}

/** A built-in whose reader went away fails quietly, with 1, as in Bun. */
async function runBuiltin(run: Builtin, ctx: BuiltinContext): Promise<number> {
  try {
    return await run(ctx);
  } catch (error) {
    if (error instanceof BrokenPipe) return 1;
    throw error;
  }
}

/** A redirect that could not be set up: Bun prints `bun: <why>: <path>` (no newline) and the command fails. */
class RedirectError extends Error {}

/** The outputs of a command's substitutions, and the status of the last one (0 without any). */
interface Substituted {
  readonly outputs: ReadonlyMap<Part, string>;
  readonly status: number;
}

const NO_SUBSTITUTIONS: Substituted = { outputs: new Map(), status: 0 };

function isBunFile(value: object): value is Blob & { name: string } {
  return value instanceof Blob && typeof (value as { name?: unknown }).name === "string" && typeof (value as { writer?: unknown }).writer === "function";
}

function bytesOf(value: ArrayBufferView | ArrayBuffer): Uint8Array {
  return value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export class Interpreter {
  private readonly values: readonly JsValue[];
  private readonly argv: readonly string[];

  constructor(values: readonly JsValue[], argv: readonly string[]) {
    this.values = values;
    this.argv = argv;
  }

  async stmts(list: readonly Expr[], state: ShellState, io: Stdio): Promise<number> {
    let code = 0;
    for (const expr of list) {
      // Bun's `exit` sets the status but does not stop the script.
      code = await this.expr(expr, state, io);
    }
    return code;
  }

  private async expr(expr: Expr, state: ShellState, io: Stdio): Promise<number> {
    switch (expr.kind) {
      case "binary": {
        const left = await this.expr(expr.left, state, io);
        if ((expr.op === "&&") !== (left === 0)) return left;
        return this.expr(expr.right, state, io);
      }
      case "pipeline":
        return this.pipeline(expr.items, state, io);
      default:
        return this.item(expr, state, io);
    }
  }

  /**
   * Bun runs a pipeline's commands only: its assignments do nothing and take
   * no part in the piping. The status is the last command's, except with a
   * single command left, where Bun's bookkeeping gives 0.
   */
  private async pipeline(stages: readonly PipelineItem[], state: ShellState, io: Stdio): Promise<number> {
    const items = stages.filter((item) => item.kind !== "assigns");
    if (items.length < 2) {
      if (items.length === 1) await this.item(items[0] as PipelineItem, copyState(state), io);
      return 0;
    }
    // Two simple commands are joined by a socket pair; anything else (a subshell,
    // an `if`, whose several commands share the stage's ends) by a stream.
    const links = items.slice(1).map((item, i) => (item.kind === "cmd" && items[i]?.kind === "cmd" ? PipeLink.open() : null) ?? new PassThrough());
    const last = items.length - 1;
    const runs = items.map(async (item, i) => {
      const from = links[i - 1];
      const to = links[i];
      const stdin: Input = from === undefined ? io.stdin : from instanceof PipeLink ? { kind: "link", link: from } : { kind: "pipe", stream: from };
      const stdout: Output = to === undefined ? io.stdout : to instanceof PipeLink ? { kind: "link", link: to } : { kind: "pipe", stream: to };
      try {
        return await this.item(item, copyState(state), { stdin, stdout, stderr: io.stderr });
      } finally {
        if (to instanceof PipeLink) to.closeWrite();
        else to?.end();
        // The reader is done: writers upstream see a broken pipe.
        if (from instanceof PipeLink) from.closeRead();
        else from?.destroy();
      }
    });
    const codes = await Promise.all(runs);
    return codes[last] as number;
  }

  private async item(item: PipelineItem, state: ShellState, io: Stdio): Promise<number> {
    switch (item.kind) {
      case "cmd":
        return this.cmd(item.words, item.assigns, item.redirect, state, io);
      case "assigns":
        for (const assign of item.assigns) state.local.set(assign.name, await this.expandString(assign.value, state, io));
        return 0;
      case "subshell":
        return this.stmts(item.script.stmts, copyState(state), io);
      case "if":
        for (const branch of item.branches) {
          const cond = await this.stmts(branch.cond, state, io);
          if (cond === 0) return this.stmts(branch.body, state, io);
        }
        return item.otherwise === null ? 0 : this.stmts(item.otherwise, state, io);
      case "condexpr":
        return this.condExpr(item, state, io);
    }
  }

  private context(state: ShellState, substitutions: ReadonlyMap<Part, string>): ExpandContext {
    return {
      values: this.values,
      argv: this.argv,
      cwd: state.cwd,
      substitutions,
      lookup: (name) => state.local.get(name) ?? state.exported.get(name),
    };
  }

  /** Runs the words' command substitutions (their stdout captured, stderr the shell's). */
  private async substitutions(words: readonly Word[], state: ShellState, io: Stdio): Promise<Substituted> {
    const parts = substitutionsOf(words);
    if (parts.length === 0) return NO_SUBSTITUTIONS;
    const outputs = new Map<Part, string>();
    let status = 0;
    for (const part of parts) {
      if (part.kind !== "subst") continue;
      const capture = new Capture(null);
      // A quiet shell keeps no stderr of its substitutions (Bun's captured stderr lacks it).
      const stderr: Output = io.stderr.kind === "capture" && io.stderr.capture.echo === null ? { kind: "ignore" } : io.stderr;
      // A pipeline link's read end stays the stage's: the substitution's commands only borrow the descriptor.
      // A stream (no socket pair could be made) cannot be shared: fed to a substitution's
      // command, its bytes would be gone whether that command reads them or not.
      const stdin: Input = io.stdin.kind === "link" ? { kind: "fd", fd: io.stdin.link.readFd } : io.stdin.kind === "pipe" ? { kind: "null" } : io.stdin;
      status = await this.stmts(part.script.stmts, copyState(state), { stdin, stdout: { kind: "capture", capture }, stderr });
      // Bun drops NUL bytes from a substitution's output (as bash does).
      outputs.set(part, capture.toBuffer().toString().replaceAll("\0", ""));
    }
    return { outputs, status };
  }

  private async expandString(word: Word, state: ShellState, io: Stdio): Promise<string> {
    return expandToString(word, this.context(state, (await this.substitutions([word], state, io)).outputs));
  }

  private async condExpr(item: CondExpr, state: ShellState, io: Stdio): Promise<number> {
    const args: string[] = [];
    for (const word of item.args) args.push(await this.expandString(word, state, io));
    const [first = "", second = ""] = args;
    const stats = (): ReturnType<typeof statSync> | undefined => statSync(resolvePath(state.cwd, first), { throwIfNoEntry: false });
    const checks: Record<string, () => boolean> = {
      "-a": () => stats() !== undefined,
      "-e": () => stats() !== undefined,
      "-d": () => stats()?.isDirectory() === true,
      "-f": () => stats()?.isFile() === true,
      "-c": () => stats()?.isCharacterDevice() === true,
      "-z": () => first === "",
      "-n": () => first !== "",
      "==": () => first === second,
      "!=": () => first !== second,
    };
    return checks[item.op]?.() ? 0 : 1;
  }

  private async cmd(words: readonly Word[], assigns: readonly Assign[], redirect: Redirect | null, state: ShellState, io: Stdio): Promise<number> {
    const all = redirect?.target ? [...words, ...assigns.map((a) => a.value), redirect.target] : assigns.length > 0 ? [...words, ...assigns.map((a) => a.value)] : words;
    const substituted = await this.substitutions(all, state, io);
    const ctx = this.context(state, substituted.outputs);
    let argv: string[];
    try {
      argv = [];
      for (const word of words) expandWord(word, ctx, argv);
    } catch (error) {
      if (!(error instanceof NoMatchesError)) throw error;
      await write(io.stderr, error.message);
      return 1;
    }
    const env = new Map<string, string>();
    for (const assign of assigns) env.set(assign.name, expandToString(assign.value, ctx));
    const name = argv[0];
    // Nothing left to run: Bun gives a lone word's substitution status (`$(exit 3)` is 3), else 0.
    if (name === undefined) return words.length === 1 ? substituted.status : 0;
    const run = builtin(name);
    // Bun looks the command up before it opens any redirect: a missing one leaves no file behind,
    // and is reported on the shell's stderr, whatever the command's redirects.
    const file = run === undefined ? findExecutable(name, env.get("PATH") ?? state.exported.get("PATH"), state.cwd) : null;
    if (run === undefined && file === null) {
      await write(io.stderr, `bun: command not found: ${name}\n`);
      return 1;
    }
    const opened: number[] = [];
    try {
      let stdio: Stdio;
      try {
        stdio = redirect === null ? io : await this.redirected(redirect, ctx, io, opened, file ?? name);
      } catch (error) {
        if (!(error instanceof RedirectError)) throw error;
        await write(io.stderr, error.message);
        return 1;
      }
      if (run !== undefined) return await runBuiltin(run, this.builtinContext(argv.slice(1), state, builtinStdio(stdio), env));
      return await spawnExternal(file as string, argv, state, env, stdio, io.stderr);
    } finally {
      for (const fd of opened) closeSync(fd);
    }
  }

  private builtinContext(args: string[], state: ShellState, io: Stdio, env: Map<string, string>): BuiltinContext {
    return {
      args,
      state,
      io,
      which: (name) => findExecutable(name, env.get("PATH") ?? state.exported.get("PATH"), state.cwd),
    };
  }

  private openFile(path: string, redirect: Redirect, opened: number[], shown: string): number {
    const { flags } = redirect;
    const mode = flags.stdin ? constants.O_RDONLY : constants.O_WRONLY | constants.O_CREAT | (flags.append ? constants.O_APPEND : constants.O_TRUNC);
    try {
      const fd = openSync(path, mode, 0o666);
      opened.push(fd);
      return fd;
    } catch (error) {
      throw new RedirectError(`bun: ${errnoText((error as NodeJS.ErrnoException).code)}: ${shown}`);
    }
  }

  /** `command` is how Bun names the command in an ambiguous-redirect error: a built-in's name, an external's path. */
  private async redirected(redirect: Redirect, ctx: ExpandContext, io: Stdio, opened: number[], command: string): Promise<Stdio> {
    const { flags, target } = redirect;
    if (target === null) {
      // 2>&1 / 1>&2
      if (flags.stderr) return { ...io, stderr: io.stdout };
      return { ...io, stdout: io.stderr };
    }
    const only = target[0];
    const value = target.length === 1 && only?.kind === "js" ? this.values[only.index] : undefined;
    if (value?.kind === "object") return this.objectRedirect(value.value, redirect, io, opened);
    // One non-empty word, or Bun's ambiguous redirect (nothing, or braces giving several).
    const fields = expandWord(target, ctx);
    const path = fields.length === 1 ? (fields[0] as string) : "";
    if (path === "") throw new RedirectError(`bun: ambiguous redirect: at \`${command}\`\n`);
    const fd = this.openFile(resolvePath(ctx.cwd, path), redirect, opened, path);
    if (flags.stdin) return { ...io, stdin: { kind: "fd", fd } };
    const output: Output = { kind: "fd", fd };
    return { stdin: io.stdin, stdout: flags.stdout ? output : io.stdout, stderr: flags.stderr ? output : io.stderr };
  }

  private async objectRedirect(value: object, redirect: Redirect, io: Stdio, opened: number[]): Promise<Stdio> {
    const { flags } = redirect;
    if (flags.stdin) {
      if (isBunFile(value)) return { ...io, stdin: { kind: "fd", fd: this.openFile(value.name, redirect, opened, value.name) } };
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return { ...io, stdin: { kind: "bytes", data: bytesOf(value) } };
      if (value instanceof Blob || value instanceof Response) return { ...io, stdin: { kind: "bytes", data: new Uint8Array(await value.arrayBuffer()) } };
      if (value instanceof ReadableStream) return { ...io, stdin: { kind: "bytes", data: new Uint8Array(await new Response(value).arrayBuffer()) } };
    } else {
      let output: Output | null = null;
      if (isBunFile(value)) output = { kind: "fd", fd: this.openFile(value.name, redirect, opened, value.name) };
      else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) output = { kind: "buffer", bytes: bytesOf(value), offset: 0 };
      if (output !== null) return { stdin: io.stdin, stdout: flags.stdout ? output : io.stdout, stderr: flags.stderr ? output : io.stderr };
    }
    throw notImplemented("Bun.$", `redirecting ${flags.stdin ? "from" : "to"} a ${value.constructor.name} is not implemented`);
  }
}
