// Bun.Terminal and Bun.spawn(cmd, { terminal }) under real Bun and under
// Node + dx-compat: what the child sees, what `data` collects (chunking
// aside), exit/closed states, resize, raw mode, and the error shapes.
import { backend } from "@dx-compat/native";
import { compareBatch, differential } from "@dx-compat/oracle";
import { describe, expect, it } from "vitest";

const caseModule = `
import { spawn, Terminal } from "bun";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const flat = (e) => ({ ctor: e?.constructor?.name, name: e?.name, message: e?.message, code: e?.code, keys: Object.keys(e ?? {}) });
const attempt = (f) => { try { const r = f(); return { ok: r === undefined ? "undefined" : r }; } catch (e) { return { error: flat(e) }; } };
const pts = (s) => s.replace(/\\/dev\\/pts\\/\\d+/g, "/dev/pts/N");
async function settle(until) { for (let i = 0; i < 200 && !until(); i++) await sleep(10); }
const scenarios = {
  session: async ([script, opts, input]) => {
    let out = ""; const exits = [];
    const proc = spawn(["sh", "-c", script], { timeout: 5000, terminal: { ...opts, data: (t, d) => { out += Buffer.from(d).toString("latin1"); }, exit: (t, code, signal) => { exits.push([code, signal, t.closed]); } } });
    const t = proc.terminal;
    // ECHO (0o10) is left out of the local flags: a child running \`stty -echo\` may
    // already have cleared it by now, under either runtime (it raced once in CI).
    const before = [proc.stdin, proc.stdout, proc.stderr, t.constructor.name, t.closed, t.inputFlags, t.outputFlags, t.localFlags & ~0o10, t.controlFlags];
    await sleep(100);
    const wrote = input === undefined ? null : t.write(input);
    const code = await proc.exited;
    await settle(() => exits.length > 0);
    const after = [t.closed, pts(out), exits];
    t.close();
    return { before, wrote, code, after, closed: t.closed };
  },
  reuse: async ([cols, rows, steps]) => {
    let out = ""; const exits = [];
    const t = new Terminal({ cols, rows, data: (_t, d) => { out += Buffer.from(d).toString("latin1"); }, exit: (_t, c) => exits.push(c) });
    const codes = [];
    for (const step of steps) {
      if (step[0] === "resize") codes.push(attempt(() => t.resize(step[1], step[2])));
      else if (step[0] === "raw") { t.setRawMode(step[1]); codes.push(t.localFlags); }
      else if (step[0] === "write") { codes.push(t.write(step[1])); await sleep(50); }
      else codes.push(await spawn(step, { terminal: t, timeout: 5000 }).exited);
    }
    await sleep(50);
    t.close();
    return { codes, out: pts(out), exits, closed: t.closed };
  },
  ctorError: (options) => attempt(() => { const t = new Terminal(options); t.close(); return "made"; }),
  spawnError: (terminal) => attempt(() => { const p = spawn(["true"], { terminal }); const t = p.terminal; t?.close(); return t === undefined ? "no terminal" : "terminal"; }),
  method: async ([name, args]) => { const t = new Terminal({}); try { return attempt(() => t[name](...args)); } finally { t.close(); } },
  closedUse: () => { const log = []; const t = new Terminal({ exit: (tt, c, s) => log.push([c, s, tt.closed]) }); t.close(); t.close(); const r = [attempt(() => t.write("x")), attempt(() => t.resize(2, 2)), attempt(() => t.setRawMode(true)), t.inputFlags, attempt(() => { t.localFlags = 3; }), attempt(() => spawn(["true"], { terminal: t }))]; return [log, r]; },
  flags: (value) => { const t = new Terminal({}); try { t.localFlags = value; return t.localFlags; } finally { t.close(); } },
  shape: () => [Object.getOwnPropertyNames(Terminal.prototype), Terminal.name, Terminal.length, ["write", "resize", "setRawMode", "ref", "unref", "close"].map((k) => Terminal.prototype[k].length), attempt(() => Terminal({}))],
};
export default async function run([name, arg]) { return scenarios[name](arg); }
`;

async function expectSame(inputs: unknown[]): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000 });
  expect(mismatches.map((mismatch) => JSON.stringify(mismatch))).toEqual([]);
}

const native = backend() === "native" && process.platform === "linux";

describe.runIf(native)("Bun.Terminal against Bun", () => {
  it("a child on an inline terminal: tty, size, TERM, echo, CRLF, exit codes", { timeout: 90_000 }, async () => {
    await expectSame([
      ["session", ["tty >/dev/null && echo tty; stty size; read x; echo got $x", { cols: 100, rows: 30 }, "hello\n"]],
      ["session", ["tty; stty size; exit 7", {}, undefined]],
      ["session", ["echo T=$TERM; stty size", { name: "vt100", cols: "40", rows: true }, undefined]],
      ["session", ["printf 'a\\nb\\n'; echo err >&2; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all-tty", { cols: 65535, rows: 0 }, undefined]],
      ["session", ["stty -echo; read x; echo got $x", {}, "secret\n"]],
    ]);
  });

  it("a Terminal reused across spawns, resize and raw mode", { timeout: 90_000 }, async () => {
    await expectSame([
      ["reuse", [50, 10, [["stty", "size"], ["resize", 70, 7], ["stty", "size"], ["resize", 0, 7], ["resize", 10.9, 65536]]]],
      ["reuse", [80, 24, [["write", "abc\n"], ["raw", true], ["write", "def\n"], ["raw", true], ["raw", false], ["write", "ghi\n"]]]],
      ["reuse", [80, 24, [["raw", true], ["sh", "-c", "stty -a | grep -o -- '-echo ' | head -1"], ["raw", false], ["sh", "-c", "stty -a | grep -o -- ' echo ' | head -1"]]]],
    ]);
  });

  it("error shapes, closed terminals, flags, the class's shape", { timeout: 90_000 }, async () => {
    await expectSame([
      ...[undefined, null, 5, "abc", {}, { name: "x".repeat(129) }, { name: "x".repeat(128) }, { name: 5 }, { name: null }, { cols: -1 }, { cols: {} }].map((options) => ["ctorError", options]),
      ...[5, "x", true, false, 0, null, "", [], { name: 7 }].map((terminal) => ["spawnError", terminal]),
      ["method", ["write", []]],
      ["method", ["write", [null]]],
      ["method", ["write", [5]]],
      ["method", ["write", [{}]]],
      ["method", ["write", ["é€"]]],
      ["method", ["write", [""]]],
      ["method", ["resize", []]],
      ["method", ["resize", ["10", 10]]],
      ["method", ["resize", [10, -1]]],
      ["method", ["setRawMode", [1]]],
      ["closedUse", null],
      ...[0, -5, 2 ** 40, 1.9, "35387", 27906].map((value) => ["flags", value]),
      ["shape", null],
    ]);
  });

  it("a data or exit callback that throws is printed and the process goes on, ending with exit code 1", { timeout: 60_000 }, async () => {
    for (const mode of ["data", "exit"]) {
      const { bun, node } = await differential(`
const mode = ${JSON.stringify(mode)};
const child = Bun.spawn(["echo", "hi"], {
  terminal: {
    data() { if (mode === "data") throw new Error("thrown by data"); },
    exit() { if (mode === "exit") throw new Error("thrown by exit"); },
  },
});
await child.exited;
await new Promise((resolve) => setTimeout(resolve, 200));
console.log("still running");
`);
      const errorLines = (stderr: string): string[] => stderr.split("\n").flatMap((line) => /^(?:error|Error): (.*)$/.exec(line)?.slice(1) ?? []);
      expect({ mode, stdout: node.stdout, printed: errorLines(node.stderr), code: node.code }).toEqual({ mode, stdout: bun.stdout, printed: errorLines(bun.stderr), code: bun.code });
    }
  });
});
