// Bun.Terminal and Bun.spawn(cmd, { terminal }): behaviour on the addon, and
// ERR_DX_COMPAT_NOT_IMPLEMENTED on the TypeScript twin (Node has no ptys).
import { backend } from "@dx-compat/native";
import { describe, expect, it } from "vitest";
import { spawn } from "../src/spawn.ts";
import { Terminal } from "../src/terminal.ts";

const native = backend() === "native" && process.platform === "linux";
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errorOf(f: () => unknown): { name?: string; message?: string; code?: string } {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error("did not throw");
}

describe.runIf(!native)("Bun.Terminal without the addon", () => {
  it("throws ERR_DX_COMPAT_NOT_IMPLEMENTED", () => {
    expect(errorOf(() => new Terminal({}))).toMatchObject({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" });
    expect(errorOf(() => spawn(["true"], { terminal: {} }))).toMatchObject({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" });
    // Argument errors come first, as in Bun.
    expect(errorOf(() => new Terminal(5 as never))).toMatchObject({ message: "Terminal constructor requires an options object" });
    expect(errorOf(() => spawn(["true"], { terminal: 0 as never }))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });
});

describe.runIf(native)("Bun.Terminal", () => {
  it("runs a child on the pty: tty, size, echo, CRLF, exit on EIO", { timeout: 10_000 }, async () => {
    let out = "";
    const exits: unknown[][] = [];
    const proc = spawn(["sh", "-c", "tty >/dev/null && echo tty; stty size; read x; echo got $x; exit 3"], {
      terminal: { cols: 100, rows: 30, data: (_t, d) => void (out += Buffer.from(d).toString()), exit: (t, code, signal) => void exits.push([code, signal, t.closed]) },
    });
    const terminal = proc.terminal as InstanceType<typeof Terminal>;
    expect([proc.stdin, proc.stdout, proc.stderr]).toEqual([null, null, null]);
    expect(terminal).toBeInstanceOf(Terminal);
    expect(terminal.closed).toBe(false);
    expect([terminal.inputFlags, terminal.outputFlags, terminal.localFlags, terminal.controlFlags]).toEqual([27906, 5, 35387, 1215]);
    await sleep(50);
    expect(terminal.write("hello\n")).toBe(6);
    expect(await proc.exited).toBe(3);
    for (let i = 0; i < 100 && exits.length === 0; i++) await sleep(10);
    expect(out).toBe("tty\r\n30 100\r\nhello\r\ngot hello\r\n");
    expect(exits).toEqual([[1, null, false]]);
    expect(() => spawn(["true"], { terminal })).toThrow("terminal was created inline by a previous spawn and cannot be reused");
    terminal.close();
    expect(terminal.closed).toBe(true);
    expect(terminal.inputFlags).toBe(0);
    expect(() => terminal.write("x")).toThrow("Terminal is closed");
  });

  it("a Terminal is reusable across spawns; resize and raw mode reach the child", { timeout: 10_000 }, async () => {
    let out = "";
    const terminal = new Terminal({ cols: 50, rows: 10, data: (_t, d) => void (out += Buffer.from(d).toString()) });
    try {
      await spawn(["stty", "size"], { terminal }).exited;
      terminal.resize(70, 7);
      await spawn(["stty", "size"], { terminal }).exited;
      terminal.setRawMode(true);
      expect(terminal.localFlags & 0o10).toBe(0);
      await spawn(["sh", "-c", "stty -a | grep -o -- '-echo ' | head -1"], { terminal }).exited;
      terminal.setRawMode(false);
      expect(terminal.localFlags).toBe(35387);
      await sleep(50);
      expect(out).toBe("10 50\r\n7 70\r\n-echo \r\n");
    } finally {
      terminal.close();
    }
  });

  it("close() reports a clean end once; asyncDispose reports nothing", async () => {
    const log: string[] = [];
    const a = new Terminal({ exit: (t, code, signal) => void log.push(`a:${code}:${signal}:${t.closed}`) });
    a.close();
    a.close();
    const b = new Terminal({ exit: () => void log.push("b") });
    await b[Symbol.asyncDispose]();
    expect(b.closed).toBe(true);
    expect(log).toEqual(["a:0:null:true"]);
  });

  it("writes: byte counts, echo, drain, Bun's argument errors", { timeout: 10_000 }, async () => {
    const log: string[] = [];
    const terminal = new Terminal({ data: (_t, d) => void log.push(Buffer.from(d).toString()), drain: () => void log.push("drain") });
    try {
      expect(terminal.write("")).toBe(0);
      expect(terminal.write("é€")).toBe(5);
      expect(terminal.write(new Uint16Array(1))).toBe(2);
      expect(terminal.write(new ArrayBuffer(1))).toBe(1);
      expect(errorOf(() => terminal.write(undefined as never)).message).toBe("write() requires data argument");
      expect(errorOf(() => terminal.write(5 as never)).message).toBe("write() argument must be a string or ArrayBuffer");
      expect(errorOf(() => terminal.resize(0, 5)).message).toBe("resize() requires valid cols argument");
      expect(errorOf(() => terminal.resize(5, 65536)).message).toBe("resize() requires valid rows argument");
      await sleep(50);
      // One drain for the writes of one tick, once they are flushed.
      expect(log.filter((entry) => entry === "drain").length).toBe(1);
      terminal.setRawMode(true);
      // Nobody reads the slave: the master takes about 4 KiB, the rest is queued.
      expect(terminal.write("x".repeat(100_000))).toBe(100_000);
      terminal.localFlags = -5;
      expect(terminal.localFlags).toBe(0);
      terminal.localFlags = 2 ** 40;
      expect(terminal.localFlags).toBe(0xffff_ffff);
    } finally {
      terminal.close();
    }
  });

  it("Bun's option and shape errors", () => {
    expect(errorOf(() => (Terminal as unknown as () => void)())).toMatchObject({ name: "TypeError", code: "ERR_ILLEGAL_CONSTRUCTOR" });
    expect(errorOf(() => new Terminal(undefined as never)).message).toBe("Terminal constructor requires an options object");
    expect(errorOf(() => new Terminal({ name: "x".repeat(129) })).message).toBe("Terminal name too long (max 128 characters)");
    expect(errorOf(() => new Terminal({ name: 5 as never }))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "name" property must be of type string, got number' });
    expect(errorOf(() => spawn(["true"], { terminal: false as never })).message).toBe("terminal must be a Terminal object or options object");
    expect(spawn(["true"], { terminal: "" as never }).terminal).toBeUndefined();
    const closed = new Terminal({});
    closed.close();
    expect(errorOf(() => spawn(["true"], { terminal: closed }))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: "terminal is closed" });
    expect(Object.getOwnPropertyNames(Terminal.prototype)).toEqual(["close", "closed", "controlFlags", "inputFlags", "localFlags", "outputFlags", "ref", "resize", "setRawMode", "unref", "write", "constructor"]);
    expect([Terminal.name, Terminal.length, Object.prototype.toString.call(closed)]).toEqual(["Terminal", 0, "[object Terminal]"]);
  });
});
