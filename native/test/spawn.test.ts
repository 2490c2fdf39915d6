// spawn (asynchronous), on whichever backend this run selected: output and
// input through the pipes, the exit (code, signal, resource usage) delivered
// once, failures as errno, many children at once, and an event loop that is
// held only while children run.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { Readable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { backend, spawn, type Collected, type ResourceUsage, type SpawnRequest } from "../src/index.ts";

const { errno, signals } = constants;
const native = backend() === "native";

interface Exit {
  exitCode: number | null;
  signalCode: number | null;
  usage: ResourceUsage | null;
}

function request(file: string, args: string[], over: Partial<SpawnRequest> = {}): SpawnRequest {
  return { file, argv: [file, ...args], env: ["PATH=/usr/bin:/bin"], cwd: "", stdin: -1, stdout: -2, stderr: -2, ...over };
}

async function collect(stream: Readable | null): Promise<string> {
  if (stream === null) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Spawns, reads stdout and stderr to their end, and waits for the exit. */
async function run(ask: SpawnRequest, input?: string): Promise<Exit & { stdout: string; stderr: string; pid: number }> {
  let exits = 0;
  let resolveExit: (exit: Exit) => void = () => {};
  const exited = new Promise<Exit>((resolve) => (resolveExit = resolve));
  const child = spawn(ask, (exitCode, signalCode, usage) => {
    exits++;
    resolveExit({ exitCode, signalCode, usage });
  });
  expect(child.errno).toBe(0);
  if (input !== undefined) child.stdin?.end(input);
  const [stdout, stderr, exit] = await Promise.all([collect(child.stdout), collect(child.stderr), exited]);
  expect(exits).toBe(1);
  return { ...exit, stdout, stderr, pid: child.pid };
}

describe("spawn", () => {
  it("runs a child, with its output through pipes and its exit code", async () => {
    const result = await run(request("/bin/sh", ["-c", 'printf "%s|" "$@"; echo err >&2; exit 3', "sh", "a b", "", "日本"]));
    expect([result.stdout, result.stderr, result.exitCode, result.signalCode]).toEqual(["a b||日本|", "err\n", 3, null]);
    expect(result.pid).toBeGreaterThan(0);
  });

  it("gives the child exactly the entries asked for, or with `env: null` this process's environment as it is now", async () => {
    expect((await run(request("/usr/bin/env", [], { env: ["ONLY=1"] }))).stdout).toBe("ONLY=1\n");
    process.env["DX_SPAWN_LATE"] = "set after start";
    try {
      const inherited = (await run(request("/usr/bin/env", [], { env: null }))).stdout.split("\n");
      expect(inherited).toContain("DX_SPAWN_LATE=set after start");
      expect(inherited).toContain(`PATH=${process.env["PATH"] ?? ""}`);
    } finally {
      delete process.env["DX_SPAWN_LATE"];
    }
    expect((await run(request("/usr/bin/env", [], { env: null }))).stdout).not.toContain("DX_SPAWN_LATE");
  });

  it("feeds stdin through a pipe", async () => {
    const input = "x".repeat(300_000);
    const result = await run(request("/bin/cat", [], { stdin: -2 }), input);
    expect(result.stdout.length).toBe(input.length);
  });

  it("reports the signal that ended the child", async () => {
    let resolveExit: (value: [number | null, number | null]) => void = () => {};
    const exited = new Promise<[number | null, number | null]>((resolve) => (resolveExit = resolve));
    const child = spawn(request("/bin/sleep", ["10"], { stdout: -1, stderr: -1 }), (code, signal) => resolveExit([code, signal]));
    process.kill(child.pid, "SIGTERM");
    expect(await exited).toEqual([null, signals.SIGTERM]);
  });

  it("reports resource usage natively (null from the twin)", async () => {
    const { usage } = await run(request("/bin/true", []));
    if (!native) return expect(usage).toBeNull();
    expect(usage?.maxRSS).toBeGreaterThan(0);
    expect(usage?.cpuTime.total).toBe((usage?.cpuTime.user ?? 0n) + (usage?.cpuTime.system ?? 0n));
  });

  it("reports a failed spawn as errno, and never calls onExit", async () => {
    let called = false;
    const missing = spawn(request("/nonexistent/program", []), () => (called = true));
    expect([missing.pid, missing.errno, missing.stdout]).toEqual([0, errno.ENOENT, null]);
    const badCwd = spawn(request("/bin/true", [], { cwd: "/nonexistent" }), () => (called = true));
    expect([badCwd.pid, badCwd.errno]).toEqual([0, errno.ENOENT]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(called).toBe(false);
  });

  it("runs many children at once", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => run(request("/bin/sh", ["-c", `echo ${i}; exit ${i % 7}`]))));
    results.forEach((result, i) => expect([result.stdout, result.exitCode]).toEqual([`${i}\n`, i % 7]));
  });

  it("survives a Worker that ends while its child still runs", async () => {
    const index = join(fileURLToPath(new URL("..", import.meta.url)), "src", "index.ts");
    const worker = new Worker(
      `import(${JSON.stringify(pathToFileURL(index).href)}).then(({ spawn }) => {
        spawn({ file: "/bin/sleep", argv: ["sleep", "0.3"], env: [], cwd: "", stdin: -1, stdout: -1, stderr: -1 }, () => {});
        require("node:worker_threads").parentPort.postMessage("spawned");
      });`,
      { eval: true },
    );
    await new Promise((resolve) => worker.once("message", resolve));
    await worker.terminate();
    // The waiter wakes after the worker's env is gone: it must not touch it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await run(request("/bin/true", []))).exitCode).toBe(0);
  });

  it("keeps the event loop alive while a child runs, and not after", () => {
    const index = join(fileURLToPath(new URL("..", import.meta.url)), "src", "index.ts");
    const script = `
      const { spawn } = await import(${JSON.stringify(index)});
      const started = Date.now();
      spawn({ file: "/bin/sleep", argv: ["sleep", "0.3"], env: [], cwd: "", stdin: -1, stdout: -1, stderr: -1 },
        (code) => console.log("exit", code, Date.now() - started >= 250));`;
    const started = Date.now();
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 10_000 });
    expect(output).toBe("exit 0 true\n");
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it("lets an unref'd child run without holding the event loop", () => {
    const index = join(fileURLToPath(new URL("..", import.meta.url)), "src", "index.ts");
    const script = `
      const { spawn } = await import(${JSON.stringify(index)});
      const child = spawn({ file: "/bin/sleep", argv: ["sleep", "5"], env: [], cwd: "", stdin: -1, stdout: -1, stderr: -1 },
        () => console.log("exit"));
      child.unref();
      child.unref();
      console.log("pid", child.pid > 0);`;
    const started = Date.now();
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 10_000 });
    expect(output).toBe("pid true\n");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("holds the event loop again after ref(), and counts each child once", () => {
    const index = join(fileURLToPath(new URL("..", import.meta.url)), "src", "index.ts");
    const script = `
      const { spawn } = await import(${JSON.stringify(index)});
      const started = Date.now();
      const sleep = (seconds, label) => spawn({ file: "/bin/sleep", argv: ["sleep", seconds], env: [], cwd: "", stdin: -1, stdout: -1, stderr: -1 },
        (code) => console.log(label, code, Date.now() - started >= Number(seconds) * 1000 - 50));
      const held = sleep("0.6", "held");
      held.unref();
      held.ref();
      held.ref();
      // A second child that ends first, unref'd and ref'd on the way: its exit must not release the first one's hold.
      const quick = sleep("0.1", "quick");
      quick.unref();
      quick.ref();`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 10_000 });
    expect(output).toBe("quick 0 true\nheld 0 true\n");
  });

  it("ignores ref() and unref() after the exit and on a failed spawn", async () => {
    let resolveExit: () => void = () => {};
    const exited = new Promise<void>((resolve) => (resolveExit = resolve));
    const child = spawn(request("/bin/true", [], { stdout: -1, stderr: -1 }), () => resolveExit());
    await exited;
    child.unref();
    child.ref();
    const missing = spawn(request("/nonexistent/program", []), () => {});
    missing.ref();
    missing.unref();
    // The loop is not held by the exited child: another spawn still delivers normally.
    expect((await run(request("/bin/true", []))).exitCode).toBe(0);
  });
});

/** Spawns with collected streams and waits for the one onExit that brings them. */
function runCollected(ask: SpawnRequest): Promise<Exit & { collected: Collected | null; streams: [unknown, unknown] }> {
  return new Promise((resolve) => {
    let calls = 0;
    const child = spawn(ask, (exitCode, signalCode, usage, _execErrno, collected) => {
      calls++;
      // A second call would resolve nothing new: check on the next turn that none came.
      setImmediate(() => expect(calls).toBe(1));
      resolve({ exitCode, signalCode, usage, collected, streams: [child.stdout, child.stderr] });
    });
    expect(child.errno).toBe(0);
  });
}

describe("spawn: collected streams (-3)", () => {
  it("brings stdout and stderr to onExit, whole, and hands out no stream for them", async () => {
    // 3 MiB on each, written alternately, so neither pipe can be left unread while the other fills.
    const script = 'i=0; while [ $i -lt 48 ]; do head -c 65536 /dev/zero | tr "\\0" o; head -c 65536 /dev/zero | tr "\\0" e >&2; i=$((i+1)); done; exit 5';
    const result = await runCollected(request("/bin/sh", ["-c", script], { stdout: -3, stderr: -3 }));
    expect(result.streams).toEqual([null, null]);
    expect([result.exitCode, result.signalCode]).toEqual([5, null]);
    expect(result.collected?.stdout?.length).toBe(3 * 1024 * 1024);
    expect(result.collected?.stderr?.length).toBe(3 * 1024 * 1024);
    expect(result.collected?.stdout?.every((byte) => byte === 0x6f)).toBe(true);
    expect(result.collected?.stderr?.every((byte) => byte === 0x65)).toBe(true);
  });

  it("collects one stream and hands out the other", async () => {
    let streamed: Promise<string> = Promise.resolve("");
    const exit = await new Promise<Collected | null>((resolve) => {
      const child = spawn(request("/bin/sh", ["-c", "echo out; echo err >&2"], { stdout: -2, stderr: -3 }), (...args) => resolve(args[4]));
      expect(child.stderr).toBeNull();
      streamed = collect(child.stdout);
    });
    expect(await streamed).toBe("out\n");
    expect(exit).toEqual({ stdout: null, stderr: Buffer.from("err\n") });
  });

  it("waits for the pipe's end when a grandchild holds it past the child's exit", async () => {
    const result = await runCollected(request("/bin/sh", ["-c", "(sleep 0.3; echo late) & echo early; exit 2"], { stdout: -3, stderr: -1 }));
    expect([result.exitCode, result.collected?.stdout?.toString(), result.collected?.stderr]).toEqual([2, "early\nlate\n", null]);
  });

  it("waits for the exit when the child closes its output and runs on", async () => {
    const started = Date.now();
    const result = await runCollected(request("/bin/sh", ["-c", "echo before; exec >&- 2>&-; sleep 0.3; exit 4"], { stdout: -3, stderr: -3 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect([result.exitCode, result.collected?.stdout?.toString(), result.collected?.stderr?.toString()]).toEqual([4, "before\n", ""]);
  });

  it("keeps what was written before a signal ended the child", async () => {
    const result = await runCollected(request("/bin/sh", ["-c", "echo partial; kill -TERM $$; echo never"], { stdout: -3, stderr: -3 }));
    expect([result.exitCode, result.signalCode, result.collected?.stdout?.toString()]).toEqual([null, signals.SIGTERM, "partial\n"]);
  });

  it("collects from many children at once, each its own bytes, and leaves no descriptor open", async () => {
    const openBefore = readdirSync("/proc/self/fd").length;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => runCollected(request("/bin/sh", ["-c", `echo out${i}; echo err${i} >&2; exit ${i % 5}`], { stdout: -3, stderr: -3 }))),
    );
    results.forEach((result, i) => {
      expect([result.exitCode, result.collected?.stdout?.toString(), result.collected?.stderr?.toString()]).toEqual([i % 5, `out${i}\n`, `err${i}\n`]);
    });
    if (native) expect(results.every((result) => result.usage !== null)).toBe(true);
    expect(readdirSync("/proc/self/fd").length).toBe(openBefore);
  });

  it("passes null for the collected bytes when nothing is collected", async () => {
    const collected = await new Promise((resolve) => spawn(request("/bin/true", [], { stdout: -1, stderr: -1 }), (...args) => resolve(args[4])));
    expect(collected).toBeNull();
  });
});
