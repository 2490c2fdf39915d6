// Long-running programs (servers) under Bun and under Node + dx-compat: start the
// same script under each runtime, wait until it announces itself on stdout, let
// the test talk to it over the network, then stop it and collect its output.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { bunBinary, nodeBinary, registerURL, writeFiles } from "./index.ts";

export type Runtime = "bun" | "node";

export interface StartOptions {
  /** File name of the script (picks the extension; default `server.mjs`). */
  name?: string;
  /** Extra files written next to the script. */
  files?: Record<string, string>;
  env?: Record<string, string | undefined>;
  args?: readonly string[];
  /** Give up waiting for the first stdout line after this many milliseconds (default 20 s). */
  readyTimeoutMs?: number;
}

export interface RunningProgram {
  runtime: Runtime;
  /** The first line the program printed, parsed as JSON when it is JSON (e.g. `{"port":1234}`). */
  ready: unknown;
  /** The scratch directory holding the script (its working directory). */
  dir: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Wait for the program to exit by itself (within `timeoutMs`, default 10 s; then SIGKILL). */
  exited(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (then SIGKILL after 3 s), wait for the exit, delete the scratch directory. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function commandFor(runtime: Runtime, file: string, args: readonly string[]): [string, string[]] {
  if (runtime === "bun") return [bunBinary(), [file, ...args]];
  const sourceArgs = process.env["DX_COMPAT_ORACLE_SOURCE"] === "1" ? ["--conditions=@dx-compat/source"] : [];
  return [nodeBinary(), [...sourceArgs, "--import", registerURL(), file, ...args]];
}

function parseReady(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}

/**
 * Start `source` under `runtime` and resolve once it has printed its first line
 * (a server prints its port or URL when it listens). Rejects with the program's
 * output if it exits or stays silent first.
 *
 * @example
 * ```ts
 * const server = await startProgram("node", `const s = Bun.serve({ port: 0, fetch: () => new Response("hi") }); console.log(JSON.stringify({ port: s.port }));`);
 * const text = await (await fetch(`http://127.0.0.1:${(server.ready as { port: number }).port}/`)).text();
 * await server.stop();
 * ```
 */
export function startProgram(runtime: Runtime, source: string, options: StartOptions = {}): Promise<RunningProgram> {
  const name = options.name ?? "server.mjs";
  const dir = writeFiles({ ...options.files, [name]: source });
  const [command, args] = commandFor(runtime, join(dir, name), options.args ?? []);
  const { NODE_PATH: _nodePath, NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
  const child = spawn(command, args, { cwd: dir, env: { ...inherited, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on("close", (code, signal) => resolveExit({ code, signal }));
  });
  const waitExit = async (timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    try {
      return await exit;
    } finally {
      clearTimeout(timer);
    }
  };
  const program: Omit<RunningProgram, "ready"> = {
    runtime,
    dir,
    child,
    stdout: () => out,
    stderr: () => err,
    exited: (timeoutMs = 10_000) => waitExit(timeoutMs),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const result = await waitExit(3_000);
      rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => {
      void program.stop().then(() => reject(new Error(`${runtime}: no output within ${options.readyTimeoutMs ?? 20_000} ms\nstdout: ${out}\nstderr: ${err}`)));
    }, options.readyTimeoutMs ?? 20_000);
    const onData = (): void => {
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolveReady({ ...program, ready: parseReady(out.slice(0, newline)) });
    };
    child.stdout.on("data", onData);
    void exit.then(({ code, signal }) => {
      if (out.includes("\n")) return;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`${runtime}: exited (code ${code}, signal ${signal}) before printing a line\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** Start the same program under Bun and under Node + dx-compat (concurrently). */
export async function startBoth(source: string, options: StartOptions = {}): Promise<{ bun: RunningProgram; node: RunningProgram }> {
  const [bun, node] = await Promise.allSettled([startProgram("bun", source, options), startProgram("node", source, options)]);
  if (bun.status === "fulfilled" && node.status === "fulfilled") return { bun: bun.value, node: node.value };
  if (bun.status === "fulfilled") await bun.value.stop();
  if (node.status === "fulfilled") await node.value.stop();
  throw bun.status === "rejected" ? bun.reason : (node as PromiseRejectedResult).reason;
}
