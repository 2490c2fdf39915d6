// Bun.spawn / Bun.spawnSync / Bun.which under real Bun and under Node +
// dx-compat: the same snippets, compared outcome by outcome (values, error
// name/message/code and the SystemError fields).
import { compareBatch, differential } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// Each input names a scenario (and its argument); the case module runs it and
// returns plain data, errors flattened with their own keys.
const caseModule = `
import { spawn, spawnSync, which, file } from "bun";
import { mkdtempSync, writeFileSync, readFileSync, openSync, closeSync, chmodSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
const dir = mkdtempSync(tmpdir() + "/dx-spawn-diff-");
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
mkdirSync(dir + "/sub");
writeFileSync(dir + "/sub/x.sh", "#!/bin/sh\\necho relexe\\n");
chmodSync(dir + "/sub/x.sh", 0o755);
const flat = (e) => ({ ctor: e?.constructor?.name, name: e?.name, message: e?.message, code: e?.code, errno: e?.errno, path: e?.path, syscall: e?.syscall, keys: Object.keys(e ?? {}) });
const attempt = (f) => { try { return { ok: f() }; } catch (e) { return { error: flat(e) }; } };
const sync = (r) => ({ keys: Object.keys(r), exitCode: r.exitCode, signalCode: r.signalCode, success: r.success, stdout: r.stdout === undefined || typeof r.stdout === "number" ? typeof r.stdout : r.stdout.toString(), stderr: r.stderr === undefined || typeof r.stderr === "number" ? typeof r.stderr : r.stderr.toString(), exitedDueToTimeout: r.exitedDueToTimeout, exitedDueToMaxBuffer: r.exitedDueToMaxBuffer });
async function proc(p, read = true) {
  const before = [p.exitCode, p.signalCode, p.killed, typeof p.pid, p.stdin === undefined ? "undefined" : typeof p.stdin, p.stdout === undefined ? "undefined" : p.stdout?.constructor?.name, p.stderr === undefined ? "undefined" : p.stderr?.constructor?.name, p.stdio];
  const out = read && p.stdout?.text ? await p.stdout.text() : undefined;
  const err = read && p.stderr?.text ? await p.stderr.text() : undefined;
  const code = await p.exited;
  return { before, out, err, code, after: [p.exitCode, p.signalCode, p.killed] };
}
const stdinKinds = {
  blob: () => new Blob(["blob data"]),
  u8: () => new TextEncoder().encode("u8 data"),
  empty: () => new Uint8Array(0),
  ab: () => new TextEncoder().encode("ab data").buffer,
  dv: () => new DataView(new TextEncoder().encode("dv data").buffer),
  u16: () => new Uint16Array([0x4141, 0x4242]),
  response: () => new Response("resp data"),
  request: () => new Request("http://x/", { method: "POST", body: "req data" }),
  stream: () => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("rs data")); c.close(); } }),
  ignore: () => "ignore",
  null: () => null,
};
const scenarios = {
  sync: ([cmd, opts]) => attempt(() => sync(spawnSync(cmd, opts))),
  syncObject: (opts) => attempt(() => sync(spawnSync(opts))),
  spawnError: ([cmd, opts]) => attempt(() => { spawn(cmd, opts); return "spawned"; }),
  spawnObjectError: (opts) => attempt(() => { spawn(opts); return "spawned"; }),
  spawn: async ([cmd, opts]) => proc(spawn(cmd, opts)),
  stdin: async (kind) => { const p = spawn(["cat"], { stdin: stdinKinds[kind]() }); return proc(p); },
  syncStdin: (kind) => attempt(() => sync(spawnSync(["cat"], { stdin: stdinKinds[kind]() }))),
  pipeSink: async () => { const p = spawn(["cat"], { stdin: "pipe" }); const s = p.stdin; const r = [s.flush(), s.write(""), s.write("héllo"), s.write(new ArrayBuffer(3)), s.write(new Uint16Array(2)), s.end(), s.write("x"), s.end(), s.flush()]; return [r, (await p.stdout.bytes()).length, await p.exited]; },
  kill: async (signal) => { const p = spawn(["sleep", "5"]); let thrown; try { p.kill(signal); } catch (e) { thrown = flat(e); p.kill(9); } return [thrown, await p.exited, p.exitCode, p.signalCode, p.killed]; },
  killSignal: async (signal) => { try { const p = spawn(["sleep", "5"], { timeout: 30, killSignal: signal }); return [await p.exited, p.signalCode]; } catch (e) { return flat(e); } },
  onExit: async (script) => { let args; const p = spawn(["sh", "-c", script], { onExit: (...a) => { args = a; } }); await p.exited; await new Promise((r) => setTimeout(r, 20)); return [args[0] === p, args.slice(1), args.length]; },
  toFile: (_) => { const path = dir + "/out.txt"; writeFileSync(path, "AAAAAAAAAA\\n"); const r = spawnSync(["echo", "hi"], { stdout: file(path) }); return [sync(r), readFileSync(path, "utf8")]; },
  stdoutJson: async (out) => { try { return { value: await spawn(["printf", "%s", out]).stdout.json() }; } catch (e) { return { threw: [e.name, e.message] }; } },
  fromFile: (_) => { const path = dir + "/in.txt"; writeFileSync(path, "file input"); return sync(spawnSync(["cat"], { stdin: file(path) })); },
  // Bun feeds the whole file even for a slice of it.
  fromFileSlice: (_) => { const path = dir + "/in-slice.txt"; writeFileSync(path, "file input"); return sync(spawnSync(["cat"], { stdin: file(path).slice(1, 3) })); },
  toFd: (_) => { const path = dir + "/fd.txt"; const fd = openSync(path, "w"); const r = spawnSync(["echo", "fd"], { stdout: fd }); closeSync(fd); return [r.stdout === fd, readFileSync(path, "utf8")]; },
  abortBefore: (reason) => { const c = new AbortController(); c.abort(reason); try { spawn(["true"], { signal: c.signal }); } catch (e) { return [flat(e), e.cause === reason || typeof e.cause]; } },
  abortAfter: async () => { const c = new AbortController(); const p = spawn(["sleep", "5"], { signal: c.signal }); setTimeout(() => c.abort(), 20); return [await p.exited, p.signalCode]; },
  cwdRelative: (_) => attempt(() => sync(spawnSync(["./x.sh"], { cwd: dir + "/sub" }))),
  which: ([bin, opts]) => attempt(() => which(bin, opts)),
  whichIn: ([bin, opts]) => attempt(() => { const r = which(bin, { ...opts, cwd: opts.cwd === undefined ? undefined : dir + opts.cwd, PATH: opts.PATH?.replace("$DIR", dir) }); return r?.replace(dir, "$DIR") ?? null; }),
  stdoutKind: async (kind) => { try { const p = spawn(["echo", "x"], { stdout: stdinKinds[kind]() }); return proc(p); } catch (e) { return flat(e); } },
  argv: (args) => { const r = spawnSync(["sh", "-c", 'for a in "$@"; do printf "%s\\\\0" "$a"; done', "sh", ...args]); return r.stdout.toString().split("\\0").slice(0, -1); },
};
export default ([name, arg]) => scenarios[name](arg);
`;

async function expectSame(inputs: unknown[]): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000 });
  expect(mismatches.map((mismatch) => JSON.stringify(mismatch))).toEqual([]);
}

describe("Bun.spawnSync against Bun", () => {
  it("exit codes, signals, env, cwd, argv0, timeouts, maxBuffer", async () => {
    await expectSame([
      ["sync", [["sh", "-c", "echo out; echo err >&2; exit 3"]]],
      ["sync", [["sh", "-c", "kill -TERM $$"]]],
      ["sync", [["sh", "-c", "kill -USR1 $$"]]],
      ["sync", [["sh", "-c", "echo $FOO-$BAR"], { env: { FOO: "1", BAR: undefined, N: 5 } }]],
      ["sync", [["env"], { env: { FOO: "1", N: 5, O: null, E: "" } }]],
      ["sync", [["sh", "-c", "echo $0"], { argv0: "custom" }]],
      ["sync", [["pwd"], { cwd: "/tmp" }]],
      ["sync", [["echo", 1, true, null, undefined]]],
      ["sync", [["sleep", "5"], { timeout: 50 }]],
      ["sync", [["true"], { timeout: 1000 }]],
      ["sync", [["sh", "-c", "yes | head -c 100000; sleep 5"], { maxBuffer: 100, stdout: "ignore" }]],
      ["sync", [["echo", "x"], { stdout: "inherit", stderr: "ignore" }]],
      ["sync", [["cat"], { stdin: "pipe" }]],
      ["syncObject", { cmd: ["echo", "object"] }],
      ["toFile", 0],
      ["fromFile", 0],
      ["fromFileSlice", 0],
      ...["{bad", "", "[1,]", "\ufeff{}", '{"a":[1,2]}', "nul"].map((out) => ["stdoutJson", out]),
      ["toFd", 0],
      ["cwdRelative", 0],
    ]);
  });

  it("stdin inputs of every kind", async () => {
    await expectSame(["blob", "u8", "empty", "ab", "dv", "u16", "ignore", "null"].map((kind) => ["syncStdin", kind]));
  });

  it("error shapes: missing executable, bad cwd, bad options", async () => {
    await expectSame([
      ["sync", [["definitely-not-here-xyz"]]],
      ["sync", [["echo"], { cwd: "/nonexistent/dir" }]],
      ["sync", [["echo"], { cwd: "/nonexistent/dir", argv0: "shown" }]],
      ["sync", [["pwd"], { cwd: "/etc/passwd" }]],
      ["sync", [["/tmp"]]],
      ["sync", [["/tmp/nope/x"]]],
      ["sync", [["./nope"]]],
      ["sync", [[""]]],
      ["sync", [[null]]],
      ["sync", [[]]],
      ["sync", [["sh"], { env: { PATH: "/nonexistent" } }]],
      ["sync", [["true"], { env: "x" }]],
      ["sync", [["true"], { env: { A: "a\0b" } }]],
      ["sync", [["echo", "a\0b"]]],
      ["sync", [["ec\0ho"]]],
      ["sync", [["true"], { terminal: {} }]],
      ["sync", [["true"], { stdio: 5 }]],
      ["sync", [["true"], { stdin: "bogus" }]],
      ["sync", [["true"], { stdin: {} }]],
      ["sync", [["true"], { stdin: -1 }]],
      ["sync", [["true"], { stdin: 1 }]],
      ["sync", [["true"], { stdout: 0 }]],
      ["sync", [["true"], { stdin: 2 ** 31 }]],
      ["sync", [["true"], { stdout: new Uint8Array(4) }]],
      ["sync", [["true"], { timeout: -1 }]],
      ["sync", [["true"], { timeout: "100" }]],
      ["sync", [["true"], { timeout: 1.5 }]],
      ["sync", [["true"], { timeout: NaN }]],
      ["sync", [["true"], { killSignal: "SIGFOO" }]],
      ["sync", [["true"], { killSignal: 999 }]],
      ["sync", [["true"], { killSignal: 0 }]],
      ["sync", [["true"], { onExit: 5 }]],
      ["syncObject", {}],
      ["syncObject", { cmd: 5 }],
      ["syncObject", { cmd: [] }],
      ["syncStdin", "stream"],
    ]);
  });
});

describe("Bun.spawn against Bun", () => {
  it("stdio wiring, exit codes and the Subprocess members", async () => {
    await expectSame([
      ["spawn", [["echo", "hi"]]],
      ["spawn", [["sh", "-c", "echo out; echo err >&2; exit 7"], { stdio: ["ignore", "pipe", "pipe"] }]],
      ["spawn", [["echo", "x"], { stdout: "ignore", stderr: null }]],
      ["spawn", [["sh", "-c", "kill -USR1 $$"]]],
      ["spawn", [["sh", "-c", "yes | head -c 100000; sleep 5"], { maxBuffer: 100, stdout: "ignore", stderr: "pipe" }]],
      ["spawn", [["sleep", "5"], { timeout: 50 }]],
      ["spawn", [["sleep", "5"], { timeout: 50, killSignal: "SIGKILL" }]],
      ...Object.keys({ blob: 0, u8: 0, empty: 0, ab: 0, dv: 0, u16: 0, response: 0, request: 0, stream: 0, ignore: 0, null: 0 }).map((kind) => ["stdin", kind]),
      ["pipeSink", 0],
      ["onExit", "exit 3"],
      ["onExit", "kill -TERM $$"],
      ["abortAfter", 0],
      ["abortBefore", "why"],
    ]);
  });

  it("kill() and killSignal accept what Bun accepts", async () => {
    await expectSame([
      ...[undefined, null, "", NaN, 0, 2, 9, 31, 32, -1, 1.5, Infinity, "SIGINT", "int", "SIGIOT", "15", true, {}].map((s) => ["kill", s]),
      ...[undefined, null, "SIGKILL", 2, 0, -1, 1.5, "SIGFOO", true].map((s) => ["killSignal", s]),
    ]);
  });

  it("synchronous errors", async () => {
    await expectSame([
      ["spawnError", [["definitely-not-here-xyz"]]],
      ["spawnError", [["echo"], { cwd: "/nonexistent/dir" }]],
      ["spawnError", [["/tmp"]]],
      ["spawnError", [["true"], { signal: {} }]],
      ["spawnError", [["true"], { ipc() {}, serialization: "foo" }]],
      ["spawnError", [["true"], { ipc() {}, serialization: 5 }]],
      ["stdoutKind", "blob"],
      ["stdoutKind", "response"],
      ["stdoutKind", "stream"],
      ["spawnObjectError", { cmd: "echo" }],
      ["spawnObjectError", { cmd: null }],
    ]);
  });
});

describe("Bun.which against Bun", () => {
  it("lookups, relative paths, odd arguments", async () => {
    await expectSame([
      ["which", ["sh"]],
      ["which", ["definitely-not-here"]],
      ["which", ["/bin/sh"]],
      ["which", ["/bin/nope"]],
      ["which", ["/tmp"]],
      ["which", [""]],
      ["which", [undefined]],
      ["which", [null]],
      ["which", [5]],
      ["which", [true]],
      ["which", ["sh", 5]],
      ["which", ["sh", { PATH: "" }]],
      ["which", ["sh", { PATH: null }]],
      ["which", ["sh", { PATH: "/nonexistent::/bin" }]],
      ["which", ["sh/"]],
      ["which", ["a".repeat(5000)]],
      ["whichIn", ["./x.sh", { cwd: "/sub" }]],
      ["whichIn", ["x.sh", { cwd: "/sub", PATH: "" }]],
      ["whichIn", ["x.sh", { PATH: "$DIR/sub/" }]],
      ["whichIn", ["x.sh", { PATH: "sub", cwd: "" }]],
      ["whichIn", ["x.sh", { PATH: ".", cwd: "/sub" }]],
      ["whichIn", ["../sub/x.sh", { cwd: "/sub" }]],
      ["whichIn", ["sub/x.sh", { cwd: "" }]],
    ]);
  });
});

describe("argv reaches the child exactly (fast-check, both runtimes)", () => {
  it("random argv strings: spaces, quotes, unicode, empty strings", async () => {
    const arg = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 }), fc.constantFrom("", " ", '"', "'", "a b", "\\", "$HOME", "*", "\n", "é", "😀"));
    const inputs = fc.sample(fc.array(arg.filter((s) => !s.includes("\0")), { maxLength: 8 }), 150).map((args) => ["argv", args]);
    const { mismatches, node } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000 });
    expect(mismatches).toEqual([]);
    node.forEach((outcome, index) => expect(outcome).toEqual({ returns: (inputs[index] as [string, string[]])[1] }));
  });

  it("prints an onExit that throws or rejects and goes on, ending with exit code 1, as Bun", { timeout: 60_000 }, async () => {
    for (const mode of ["sync", "async"]) {
      const { bun, node } = await differential(`
const onExit = ${JSON.stringify(mode)} === "async" ? async () => { console.log("onExit"); throw new Error("rejected by onExit"); } : () => { console.log("onExit"); throw new Error("thrown by onExit"); };
const child = Bun.spawn(["true"], { onExit });
console.log("exited", await child.exited);
await new Promise((resolve) => setTimeout(resolve, 100));
console.log("still running");
`);
      const errorLines = (stderr: string): string[] => stderr.split("\n").flatMap((line) => /^(?:error|Error): (.*)$/.exec(line)?.slice(1) ?? []);
      expect({ mode, stdout: node.stdout, printed: errorLines(node.stderr), code: node.code }).toEqual({ mode, stdout: bun.stdout, printed: errorLines(bun.stderr), code: bun.code });
    }
  });
});
