// `dx-compat run <file> [args…]`: run a Bun program on Node, through
// `node --import dx-compat/register <file> [args…]` in place of this process
// (execve where the platform has it), so argv, signals and the exit code are
// the program's own: Bun.argv is [node, /abs/file, ...args] as in Bun.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

const usage = `Usage: dx-compat run <file> [args…]

Runs a Bun program (.js .mjs .cjs .ts .tsx .jsx .mts .cts) on Node.js with
dx-compat's runtime: the Bun global, the bun / bun:sqlite / bun:ffi modules,
TypeScript and JSX, Bun's import.meta.

Commands:
  run <file> [args…]   run a program (also: dx-compat <file> [args…])

Options:
  -h, --help           show this help
  -v, --version        print dx-compat's version
`;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n\n${usage}`);
  process.exit(1);
}

function runProgram(file: string, args: readonly string[]): void {
  const path = resolve(file);
  if (!existsSync(path)) {
    process.stderr.write(`error: Module not found "${file}"\n`);
    process.exit(1);
  }
  const nodeArgs = ["--import", import.meta.resolve("dx-compat/register"), path, ...args];
  if (typeof process.execve === "function") {
    process.execve(process.execPath, [process.execPath, ...nodeArgs], process.env);
  }
  // No execve (Windows): a child with our stdio, whose exit we mirror.
  const child = spawn(process.execPath, nodeArgs, { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

/** Dispatch one command line (without the `node cli.js` prefix). */
export function main(argv: readonly string[]): void {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    process.stdout.write(usage);
    if (first === undefined) process.exitCode = 1;
    return;
  }
  if (first === "-v" || first === "--version") {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (first === "run") {
    const [file, ...args] = rest;
    if (file === undefined) fail("`run` needs a file to run");
    runProgram(file, args);
    return;
  }
  if (first.startsWith("-")) fail(`unknown option ${first}`);
  runProgram(first, rest);
}
