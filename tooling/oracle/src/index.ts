// The Bun oracle: real Bun (the pinned `bun` npm package) is the specification.
// Run a program — or a batch of inputs through one function — under Bun and
// under Node + dx-compat, and compare what each printed, returned or threw.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
// @ts-expect-error -- plain JS shared with the runner, no declarations
import { encode } from "./codec.mjs";

const require = createRequire(import.meta.url);
const runnerPath = fileURLToPath(new URL("./runner.mjs", import.meta.url));

/** The real Bun binary from the pinned `bun` dev dependency. */
export function bunBinary(): string {
  // The npm package names its binary bun.exe on every platform.
  return join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe");
}

/** The Node under test: the one running the tests (Node 24, or Node 22 in the Node 22 suite). */
export function nodeBinary(): string {
  return process.env["DX_COMPAT_TEST_NODE"] ?? process.execPath;
}

/**
 * `file:` URL of the built `dx-compat/register` — what `node --import dx-compat/register`
 * loads for a user. Read from the manifest's `default` condition rather than resolved,
 * because under vitest resolution prefers the `@dx-compat/source` condition.
 */
export function registerURL(): string {
  const manifestPath = require.resolve("dx-compat/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    exports: Record<string, { default: string; "@dx-compat/source": string }>;
  };
  const condition = fromSource() ? "@dx-compat/source" : "default";
  const entry = manifest.exports["./register"]?.[condition] ?? "./dist/register.js";
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}

/**
 * `DX_COMPAT_ORACLE_SOURCE=1` (a development loop on Node 24, never CI): Node + dx-compat
 * runs the TypeScript sources through Node's type stripping, so a differential test
 * needs no build. CI leaves it unset and tests what users install.
 */
function fromSource(): boolean {
  return process.env["DX_COMPAT_ORACLE_SOURCE"] === "1";
}

export interface RunOptions {
  args?: readonly string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Kill the run after this many milliseconds (default 30 s); a killed run reports `signal`. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    // pnpm's bin shims export NODE_PATH (its virtual store): a user's program would not
    // see it, and it would let packages resolve that a real install lacks.
    const { NODE_PATH: _nodePath, NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
    const sourceArgs = fromSource() && command === nodeBinary() ? ["--conditions=@dx-compat/source"] : [];
    const child = spawn(command, [...sourceArgs, ...args], {
      cwd: options.cwd,
      env: { ...inherited, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

/** Run `file` with real Bun: `bun <file> ...args`. */
export function runBun(file: string, options: RunOptions = {}): Promise<RunResult> {
  return runProcess(bunBinary(), [file, ...(options.args ?? [])], options);
}

/** Run `file` with Node + dx-compat: `node --import dx-compat/register <file> ...args`. */
export function runNode(file: string, options: RunOptions = {}): Promise<RunResult> {
  return runProcess(nodeBinary(), ["--import", registerURL(), file, ...(options.args ?? [])], options);
}

/** Run the same file under both runtimes (concurrently). */
export async function runBoth(file: string, options: RunOptions = {}): Promise<{ bun: RunResult; node: RunResult }> {
  const [bun, node] = await Promise.all([runBun(file, options), runNode(file, options)]);
  return { bun, node };
}

/** A fresh scratch directory for one test. */
export function scratchDir(prefix = "dx-compat-oracle-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write `files` (relative path → text) into a fresh scratch directory and return it. */
export function writeFiles(files: Record<string, string>, dir: string = scratchDir()): string {
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/** Write `source` to a scratch file (`name` picks the extension) and run it under both runtimes. */
export async function differential(source: string, options: RunOptions & { name?: string } = {}): Promise<{ bun: RunResult; node: RunResult; file: string }> {
  const dir = writeFiles({ [options.name ?? "main.mjs"]: source });
  const file = join(dir, options.name ?? "main.mjs");
  return { ...(await runBoth(file, { cwd: dir, ...options })), file };
}

/** One input's outcome, encoded losslessly (see codec.mjs). */
export type Outcome = { returns: unknown } | { throws: unknown } | { resolves: unknown } | { rejects: unknown };

function parseOutcomes(runtime: string, result: RunResult): Outcome[] {
  const marker = "\n@@dx-compat-oracle@@";
  const at = result.stdout.lastIndexOf(marker);
  if (at === -1) {
    throw new Error(`${runtime} produced no batch results (exit ${result.code}, signal ${result.signal}):\n${result.stderr || result.stdout}`);
  }
  return JSON.parse(result.stdout.slice(at + marker.length)) as Outcome[];
}

export interface BatchMismatch {
  index: number;
  input: unknown;
  bun: Outcome;
  node: Outcome;
}

export interface BatchResult {
  bun: Outcome[];
  node: Outcome[];
  /** Every input on which the two runtimes disagree. */
  mismatches: BatchMismatch[];
}

/**
 * Feed every input to `caseSource`'s default export, once in one Bun process and
 * once in one Node + dx-compat process, and compare outcome by outcome. One
 * process per runtime per batch, however many inputs: fast-check's generated
 * cases go through `fc.sample(arbitrary, n)` into `inputs`.
 *
 * @example
 * ```ts
 * const { mismatches } = await compareBatch(
 *   `export default (ms) => Bun.sleepSync(ms)`,
 *   fc.sample(fc.double(), 500),
 * );
 * expect(mismatches).toEqual([]);
 * ```
 */
export async function compareBatch(caseSource: string, inputs: readonly unknown[], options: RunOptions = {}): Promise<BatchResult> {
  const dir = writeFiles({ "case.mjs": caseSource, "inputs.json": JSON.stringify(encode(inputs)) });
  const args = [join(dir, "case.mjs"), join(dir, "inputs.json")];
  const [bunRun, nodeRun] = await Promise.all([
    runProcess(bunBinary(), [runnerPath, ...args], { cwd: dir, ...options }),
    runProcess(nodeBinary(), ["--import", registerURL(), runnerPath, ...args], { cwd: dir, ...options }),
  ]);
  const bun = parseOutcomes("bun", bunRun);
  const node = parseOutcomes("node", nodeRun);
  const mismatches: BatchMismatch[] = [];
  inputs.forEach((input, index) => {
    const [b, n] = [bun[index], node[index]];
    if (JSON.stringify(b) !== JSON.stringify(n)) mismatches.push({ index, input, bun: b as Outcome, node: n as Outcome });
  });
  return { bun, node, mismatches };
}

export { startBoth, startProgram, type RunningProgram, type Runtime, type StartOptions } from "./server.ts";
