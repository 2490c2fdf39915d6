// `$` and `new $.Shell()`: tagged template functions carrying their own
// default cwd, env and throw setting (the methods live on a shared prototype).
import { expandBraces, tokenizeBraces } from "./braces.ts";
import { escape } from "./escape.ts";
import { ShellError } from "./shell-output.ts";
import { ShellPromise, type EnvObject } from "./shell-promise.ts";
import { compile } from "./template.ts";

const cwdKey: unique symbol = Symbol("cwd");
const envKey: unique symbol = Symbol("env");
const throwsKey: unique symbol = Symbol("throws");

interface Defaults {
  [cwdKey]: string | undefined;
  [envKey]: EnvObject | undefined;
  [throwsKey]: boolean;
}

type TemplateShell = ((strings: TemplateStringsArray, ...values: unknown[]) => ShellPromise) & Defaults;

class ShellPrototype {
  env(this: Defaults, newEnv?: EnvObject): unknown {
    if (newEnv === undefined || newEnv === process.env) this[envKey] = undefined;
    else if (newEnv) this[envKey] = { ...newEnv };
    else throw new TypeError("env must be an object or undefined");
    return this;
  }

  cwd(this: Defaults, newCwd?: string): unknown {
    if (newCwd !== undefined && typeof newCwd !== "string") throw new TypeError("cwd must be a string or undefined");
    this[cwdKey] = newCwd === "." || newCwd === "" || newCwd === "./" ? undefined : newCwd;
    return this;
  }

  nothrow(this: Defaults): unknown {
    this[throwsKey] = false;
    return this;
  }

  throws(this: Defaults, shouldThrow?: boolean): unknown {
    this[throwsKey] = !!shouldThrow;
    return this;
  }
}

function templateShell(name: string): TemplateShell {
  const shell = {
    [name](first: TemplateStringsArray, ...rest: unknown[]): ShellPromise {
      if (first?.raw === undefined) throw new Error("Please use '$' as a tagged template function: $`cmd arg1 arg2`");
      const template = compile(first, rest);
      return new ShellPromise({ template, cwd: shell[cwdKey], env: shell[envKey], quiet: false }, shell[throwsKey]);
    },
  }[name] as TemplateShell;
  shell[cwdKey] = undefined;
  shell[envKey] = undefined;
  shell[throwsKey] = true;
  Object.setPrototypeOf(shell, ShellPrototype.prototype);
  return shell;
}

function Shell(this: unknown): TemplateShell {
  if (!new.target) throw new TypeError("Class constructor Shell cannot be invoked without 'new'");
  const shell = templateShell("Shell");
  Object.defineProperty(shell, "name", { value: "Shell", configurable: true, enumerable: true });
  return shell;
}
Shell.prototype = ShellPrototype.prototype;
Object.setPrototypeOf(Shell, ShellPrototype);

function braces(pattern: string): string[] {
  return expandBraces(tokenizeBraces(String(pattern)));
}

/** Builds the `$` function (once, lazily: module top level stays side-effect free). */
export function createDollar(): TemplateShell {
  const dollar = templateShell("BunShell");
  Object.defineProperties(dollar, {
    Shell: { value: Shell, enumerable: true },
    ShellPromise: { value: ShellPromise, enumerable: true },
    ShellError: { value: ShellError, enumerable: true },
    braces: { value: braces, enumerable: true, writable: true, configurable: true },
    escape: { value: escape, enumerable: true, writable: true, configurable: true },
  });
  return dollar;
}
