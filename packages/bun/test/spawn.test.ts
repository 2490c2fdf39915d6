// Bun.spawn / Bun.spawnSync on Node: every Subprocess member, stdio wiring of
// each kind, exit codes and signals, and Bun's errors.
import { backend } from "@dx-compat/native";
import fc from "fast-check";
import { chmodSync, mkdtempSync, openSync, closeSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync as nodeSpawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "../src/spawn-sync.ts";
import { spawn } from "../src/spawn.ts";

const dir = mkdtempSync(join(tmpdir(), "dx-spawn-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const native = backend() === "native";

function errorOf(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    return { name: e.constructor.name, message: e.message, keys: Object.keys(e), code: e["code"], errno: e["errno"], path: e["path"], syscall: e["syscall"] };
  }
  throw new Error("did not throw");
}

describe("Bun.spawnSync", () => {
  it("captures stdout and stderr as Buffers, with Bun's keys in Bun's order", () => {
    const result = spawnSync(["sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(Object.keys(result)).toEqual(["exitCode", "stdout", "stderr", "success", "resourceUsage", "pid"]);
    expect(result.stdout).toEqual(Buffer.from("out\n"));
    expect(Buffer.isBuffer(result.stderr)).toBe(true);
    expect(result.stderr.toString()).toBe("err\n");
    expect(result.exitCode).toBe(3);
    expect(result.success).toBe(false);
    expect(result.pid).toBeGreaterThan(0);
  });

  it("reports a signal by name, a null exit code and no success", () => {
    const result = spawnSync(["sh", "-c", "kill -TERM $$"]);
    expect([result.exitCode, result.signalCode, result.success]).toEqual([null, "SIGTERM", false]);
    expect(Object.keys(result)).toEqual(["exitCode", "signalCode", "stdout", "stderr", "success", "resourceUsage", "pid"]);
  });

  it.runIf(native)("has the child's resource usage as Bun shapes it", () => {
    const usage = spawnSync(["true"]).resourceUsage;
    expect(Object.prototype.toString.call(usage)).toBe("[object ResourceUsage]");
    expect(Object.keys(usage)).toEqual([]);
    expect(typeof usage.cpuTime.total).toBe("bigint");
    expect(usage.cpuTime.total).toBe(usage.cpuTime.user + usage.cpuTime.system);
    expect(usage.maxRSS).toBeGreaterThan(0);
  });

  it.skipIf(native)("without the addon, reading resourceUsage throws notImplemented", () => {
    const result = spawnSync(["true"]);
    expect(() => result.resourceUsage).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
  });

  it("feeds stdin from bytes, ArrayBuffers and BunFile-less fds", () => {
    expect(spawnSync(["cat"], { stdin: new TextEncoder().encode("u8") }).stdout.toString()).toBe("u8");
    expect(spawnSync(["cat"], { stdin: new TextEncoder().encode("ab").buffer as never }).stdout.toString()).toBe("ab");
    expect(spawnSync(["cat"], { stdin: new Uint16Array([0x4141]) }).stdout.toString()).toBe("AA");
    const file = join(dir, "in.txt");
    writeFileSync(file, "from fd");
    const fd = openSync(file, "r");
    try {
      expect(spawnSync(["cat"], { stdin: fd }).stdout.toString()).toBe("from fd");
    } finally {
      closeSync(fd);
    }
    expect(spawnSync(["cat"], { stdin: "pipe" }).stdout.toString()).toBe("");
  });

  it("writes stdout to an fd and reports the fd number", () => {
    const file = join(dir, "out.txt");
    const fd = openSync(file, "w");
    try {
      const result = spawnSync(["echo", "to fd"], { stdout: fd, stderr: "ignore" });
      expect(result.stdout).toBe(fd);
      expect(result.stderr).toBeUndefined();
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, "utf8")).toBe("to fd\n");
  });

  it("times out and exceeds maxBuffer as Bun reports them", () => {
    const timed = spawnSync(["sleep", "5"], { timeout: 50 });
    expect([timed.exitCode, timed.signalCode, timed.exitedDueToTimeout]).toEqual([null, "SIGTERM", true]);
    const big = spawnSync(["sh", "-c", "yes | head -c 100000; sleep 5"], { maxBuffer: 100, killSignal: "SIGKILL" });
    expect([big.signalCode, big.exitedDueToMaxBuffer]).toEqual(["SIGKILL", true]);
    expect(Object.keys(spawnSync(["true"], { timeout: 1000 }))).toContain("exitedDueToTimeout");
  });

  it("passes env, cwd and argv0", () => {
    expect(spawnSync(["sh", "-c", "echo $FOO-$0"], { env: { FOO: "1", BAR: undefined }, argv0: "custom" }).stdout.toString()).toBe("1-custom\n");
    expect(spawnSync(["pwd"], { cwd: "/tmp" }).stdout.toString()).toBe("/tmp\n");
    expect(spawnSync({ cmd: ["echo", "object form"] }).stdout.toString()).toBe("object form\n");
  });

  it("refuses what Bun refuses, with Bun's errors", () => {
    expect(errorOf(() => spawnSync(["definitely-not-here-xyz"]))).toEqual({
      name: "Error",
      message: 'Executable not found in $PATH: "definitely-not-here-xyz"',
      keys: ["code", "path", "errno"],
      code: "ENOENT",
      errno: -2,
      path: "definitely-not-here-xyz",
      syscall: undefined,
    });
    expect(errorOf(() => spawnSync(["echo"], { cwd: "/nonexistent/dir" }))).toMatchObject({
      message: "ENOENT: no such file or directory, posix_spawn 'echo'",
      keys: ["code", "path", "syscall", "errno"],
      syscall: "posix_spawn",
    });
    expect(errorOf(() => spawnSync([]))).toMatchObject({ name: "TypeError", message: "cmd must not be empty", code: "ERR_INVALID_ARG_TYPE" });
    expect(errorOf(() => spawnSync("echo" as never))).toMatchObject({ message: "cmd must be an array" });
    expect(errorOf(() => spawnSync(["true"], { terminal: {} } as never))).toMatchObject({ message: "terminal option is only supported for Bun.spawn, not Bun.spawnSync" });
    expect(errorOf(() => spawnSync(["cat"], { stdin: new ReadableStream() }))).toMatchObject({ message: "'stdin' ReadableStream cannot be used in sync mode" });
    expect(errorOf(() => spawnSync(["echo"], { stdout: new Blob([]) as never }))).toMatchObject({ message: "Blobs are immutable, and cannot be used for stdout/stderr" });
    expect(errorOf(() => spawnSync(["echo", "a\0b"]))).toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
    expect(errorOf(() => spawnSync(["true"], { timeout: -1 }))).toMatchObject({ name: "RangeError", code: "ERR_OUT_OF_RANGE" });
  });

  it("reads a Blob stdin synchronously (through the reader worker), large ones too", () => {
    expect(spawnSync(["cat"], { stdin: new Blob(["x", new Uint8Array([0x79])]) }).stdout.toString()).toBe("xy");
    const big = new Uint8Array(3 << 20).map((_, i) => i & 0xff);
    expect(spawnSync(["cat"], { stdin: new Blob([big]) }).stdout.equals(Buffer.from(big))).toBe(true);
  });

  it("a Response or Request stdin cannot be read synchronously on Node: notImplemented", () => {
    expect(errorOf(() => spawnSync(["cat"], { stdin: new Response("x") }))).toMatchObject({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" });
  });

  it("property: any argv strings reach the child exactly", () => {
    const arg = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("", " ", '"', "'", "a b", "\\", "$HOME", "*", "\n"));
    fc.assert(
      fc.property(fc.array(arg.filter((s) => !s.includes("\0")), { maxLength: 6 }), (args) => {
        const script = "process.stdout.write(JSON.stringify(process.argv.slice(1)))";
        const result = spawnSync([process.execPath, "-e", script, ...args]);
        expect(JSON.parse(result.stdout.toString())).toEqual(args);
      }),
      { numRuns: 25 },
    );
  });
});

describe("Bun.spawn", () => {
  it("returns a Subprocess whose members Bun has", async () => {
    const proc = spawn(["echo", "hi"]);
    expect(String(proc)).toBe("[object Subprocess]");
    expect(typeof proc.pid).toBe("number");
    expect(proc.stdin).toBeUndefined();
    expect(proc.stderr).toBeUndefined();
    expect(proc.readable).toBe(proc.stdout);
    expect(proc.stdio).toEqual([null, null, null]);
    expect(proc.terminal).toBeUndefined();
    expect([proc.exitCode, proc.signalCode, proc.killed, proc.resourceUsage()]).toEqual([null, null, false, undefined]);
    expect(await proc.stdout.text()).toBe("hi\n");
    expect(await proc.exited).toBe(0);
    expect([proc.exitCode, proc.signalCode, proc.killed]).toEqual([0, null, true]);
    if (native) {
      // The addon's waiter reaps the child with wait4, so its rusage is known.
      const usage = proc.resourceUsage();
      expect(usage?.maxRSS).toBeGreaterThan(0);
      expect(usage?.cpuTime.total).toBeGreaterThanOrEqual(usage?.cpuTime.user ?? 0n);
    } else {
      expect(() => proc.resourceUsage()).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
    }
  });

  it("children with an IPC channel run on child_process, whose rusage is unknown after exit", async () => {
    const proc = spawn([process.execPath, "-e", "process.disconnect?.()"], { ipc() {} });
    await proc.exited;
    expect(() => proc.resourceUsage()).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
  });

  it("stdout has Bun's readers: chunks, json, bytes, blob", async () => {
    const chunks: string[] = [];
    for await (const chunk of spawn(["sh", "-c", "printf a; sleep 0.05; printf b"]).stdout) chunks.push(`${chunk.constructor.name}:${Buffer.from(chunk).toString()}`);
    expect(chunks.join("")).toContain("Uint8Array:");
    expect(await spawn(["echo", '{"a":1}']).stdout.json()).toEqual({ a: 1 });
    expect(await spawn(["echo", "x"]).stdout.bytes()).toEqual(new Uint8Array([120, 10]));
    expect((await spawn(["echo", "x"]).stdout.blob()).size).toBe(2);
  });

  it("stdin pipe is a FileSink with Bun's return values", async () => {
    const proc = spawn(["cat"], { stdin: "pipe" });
    expect(proc.stdin.constructor.name).toBe("FileSink");
    expect((proc as unknown as { writable: unknown }).writable).toBe(proc.stdin);
    expect([proc.stdin.write("abc"), proc.stdin.write(new Uint8Array([65, 66])), proc.stdin.flush(), proc.stdin.end()]).toEqual([3, 2, 5, 0]);
    expect(await proc.stdout.text()).toBe("abcAB");
    expect(() => spawn(["cat"], { stdin: "pipe" }).stdin.write(5 as never)).toThrow("write() expects a string, ArrayBufferView, or ArrayBuffer");
  });

  it("feeds every kind of stdin input", async () => {
    const through = async (stdin: unknown): Promise<string> => spawn(["cat"], { stdin: stdin as never }).stdout.text();
    expect(await through(new Blob(["blob"]))).toBe("blob");
    expect(await through(new Response("response"))).toBe("response");
    expect(await through(new Request("http://x/", { method: "POST", body: "request" }))).toBe("request");
    expect(await through(new TextEncoder().encode("bytes"))).toBe("bytes");
    const stream = new ReadableStream({ start: (c) => { c.enqueue(new TextEncoder().encode("stream")); c.close(); } });
    const proc = spawn(["cat"], { stdin: stream });
    expect(proc.stdin).toBe(stream);
    expect(await proc.stdout.text()).toBe("stream");
  });

  it("wires stdout/stderr to pipes, fds, ignore and inherit", async () => {
    const both = spawn(["sh", "-c", "echo out; echo err >&2"], { stdio: ["ignore", "pipe", "pipe"] });
    expect([await both.stdout.text(), await both.stderr.text()]).toEqual(["out\n", "err\n"]);
    const ignored = spawn(["echo"], { stdout: "ignore", stderr: null });
    expect([ignored.stdout, ignored.stderr, await ignored.exited]).toEqual([undefined, undefined, 0]);
    const file = join(dir, "async-out.txt");
    const fd = openSync(file, "w");
    const toFd = spawn(["echo", "fd"], { stdout: fd });
    expect(toFd.stdout).toBe(fd);
    await toFd.exited;
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe("fd\n");
  });

  it("exit codes, kill, signals and onExit", async () => {
    const exit = spawn(["sh", "-c", "exit 42"]);
    expect([await exit.exited, exit.exitCode, exit.signalCode]).toEqual([42, 42, null]);
    const killed = spawn(["sleep", "10"]);
    killed.kill("SIGINT");
    expect([await killed.exited, killed.exitCode, killed.signalCode, killed.killed]).toEqual([130, null, "SIGINT", true]);
    let seen: unknown[] = [];
    const order: string[] = [];
    const withExit = spawn(["sleep", "10"], { onExit: (...args: unknown[]) => { seen = args; order.push("onExit"); } });
    void withExit.exited.then(() => order.push("exited"));
    withExit.kill(9);
    await withExit.exited;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([seen[0] === withExit, ...seen.slice(1), seen.length]).toEqual([true, null, "SIGKILL", undefined, 4]);
    expect(order).toEqual(["exited", "onExit"]);
    expect(() => spawn(["true"]).kill("SIGFOO" as never)).toThrow(/^signal must be one of 'SIGHUP'/);
  });

  it("timeout, killSignal, AbortSignal and maxBuffer kill the child", async () => {
    const timed = spawn(["sleep", "5"], { timeout: 50, killSignal: "SIGKILL" });
    expect([await timed.exited, timed.signalCode]).toEqual([137, "SIGKILL"]);
    const controller = new AbortController();
    const aborted = spawn(["sleep", "5"], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect([await aborted.exited, aborted.signalCode]).toEqual([143, "SIGTERM"]);
    const already = new AbortController();
    already.abort("why");
    expect(errorOf(() => spawn(["true"], { signal: already.signal }))).toMatchObject({ name: "Error", message: "The operation was aborted", keys: [], code: "ABORT_ERR" });
    const big = spawn(["sh", "-c", "yes | head -c 100000; sleep 5"], { maxBuffer: 100 });
    expect([await big.exited, big.signalCode]).toEqual([143, "SIGTERM"]);
  });

  it("an unref'd child does not keep Node running; a ref'd one does", () => {
    const entry = new URL("../src/index.ts", import.meta.url).href;
    // A Node that waited for its child would be cut off by this timeout (status null).
    const run = (code: string): { status: number | null; out: string } => {
      const result = nodeSpawnSync(process.execPath, ["--conditions=@dx-compat/source", "--input-type=module", "-e", `import { spawn } from ${JSON.stringify(entry)};\n${code}`], { encoding: "utf8", timeout: 30_000 });
      return { status: result.status, out: result.stdout };
    };
    // stderr not inherited: a sleeping child holding Node's stderr would hold up spawnSync here.
    const quiet = `{ stdio: ["ignore", "pipe", "ignore"] }`;
    expect(run(`spawn(["sleep", "3"], ${quiet}).unref(); console.log("left");`)).toMatchObject({ status: 0, out: "left\n" });
    // Node is gone while its unref'd child still sleeps: no clock involved.
    const orphan = run(`const p = spawn(["sleep", "60"], ${quiet}); p.unref(); console.log(p.pid);`);
    expect(orphan.status).toBe(0);
    const pid = Number(orphan.out);
    expect(() => process.kill(pid, 0)).not.toThrow();
    process.kill(pid, "SIGKILL");
    expect(run(`const p = spawn(["sleep", "0.3"]); p.unref(); p.ref(); p.exited.then((c) => console.log("exited", c));`).out).toBe("exited 0\n");
  });

  it("ref/unref, send without IPC, disconnect, asyncDispose", async () => {
    const proc = spawn(["sleep", "5"]);
    expect([proc.ref(), proc.unref(), proc.ref()]).toEqual([undefined, undefined, undefined]);
    expect(() => proc.send("x")).toThrow("Subprocess.send() can only be used if an IPC channel is open.");
    expect([proc.disconnect(), (proc as unknown as { connected: boolean }).connected]).toEqual([undefined, false]);
    await proc[Symbol.asyncDispose]();
    expect(proc.signalCode).toBe("SIGTERM");
  });

  it("IPC: send and receive messages, then disconnect", async () => {
    const messages: unknown[] = [];
    let disconnected = false;
    const child = "process.on('message', (m) => { process.send({ echo: m }); if (m === 'bye') process.disconnect(); });";
    const proc = spawn([process.execPath, "-e", child], {
      ipc: (message) => messages.push(message),
      serialization: "json",
      onDisconnect: () => { disconnected = true; },
    });
    expect((proc as unknown as { connected: boolean }).connected).toBe(true);
    proc.send("hello");
    proc.send("bye");
    await proc.exited;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages).toEqual([{ echo: "hello" }, { echo: "bye" }]);
    expect(disconnected).toBe(true);
  });

  // Once a (file, cwd) pair has exec'd, the addon's spawns return before the
  // child's exec; each child then owns the memory its exec reads until it is reaped.
  it("property: concurrent spawns of a known program each get their own argv, env and cwd", async () => {
    const arg = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\0"));
    const script = "process.stdout.write(JSON.stringify([process.argv.slice(1), process.env.DX_VALUE, process.cwd()]))";
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.array(arg, { maxLength: 4 }), arg, fc.boolean()), { minLength: 8, maxLength: 24 }), async (runs) => {
        const children = runs.map(([args, value, inDir]) =>
          spawn([process.execPath, "-e", script, ...args], { env: { DX_VALUE: value }, cwd: inDir ? dir : "/", stdout: "pipe" }),
        );
        const outputs = await Promise.all(children.map((child) => child.stdout.text()));
        expect(outputs.map((output) => JSON.parse(output) as unknown)).toEqual(runs.map(([args, value, inDir]) => [args, value, inDir ? dir : "/"]));
      }),
      { numRuns: 6 },
    );
  });

  it.runIf(native)("a known program whose exec fails after spawn returned exits 127 with the error in onExit", async () => {
    const program = join(dir, "changes.sh");
    writeFileSync(program, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    expect(await spawn([program]).exited).toBe(0);
    // Not executable any more: the first spawn after the change cannot know it.
    chmodSync(program, 0o644);
    const ended = Promise.withResolvers<unknown[]>();
    const child = spawn([program], { onExit: (...args) => ended.resolve(args) });
    expect(typeof child.pid).toBe("number");
    const [, exitCode, signalCode, error] = await ended.promise;
    expect([exitCode, signalCode, await child.exited]).toEqual([127, null, 127]);
    expect(error).toMatchObject({ code: "EACCES", syscall: "posix_spawn", path: program });
    // The failure is remembered: the next spawn waits for the exec and throws, as Bun does.
    expect(errorOf(() => spawn([program]))).toMatchObject({ code: "EACCES", message: `EACCES: permission denied, posix_spawn '${program}'` });
  });

  it("terminal (PTY) needs the addon; bad options throw Bun's errors synchronously", () => {
    if (!native) expect(errorOf(() => spawn(["true"], { terminal: {} } as never))).toMatchObject({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" });
    expect(errorOf(() => spawn(["true"], { terminal: 5 } as never))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: "terminal must be a Terminal object or options object" });
    expect(errorOf(() => spawn(["nope-xyz"]))).toMatchObject({ code: "ENOENT", message: 'Executable not found in $PATH: "nope-xyz"' });
    expect(errorOf(() => spawn(["/tmp"]))).toMatchObject({ code: "EACCES", message: "EACCES: permission denied, posix_spawn '/tmp'" });
    expect(errorOf(() => spawn(["true"], { onExit: 5 } as never))).toMatchObject({ message: "onExit must be a function or undefined" });
    expect(errorOf(() => spawn(["true"], { signal: {} } as never))).toMatchObject({ message: 'The "signal" argument must be of type AbortSignal. Received an instance of Object' });
    expect(errorOf(() => spawn(["true"], { stdin: 1 }))).toMatchObject({ message: "stdout and stderr cannot be used for stdin" });
  });
});
