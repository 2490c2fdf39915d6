import { closeSync, readSync, writeSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backend, ptyGetFlags, ptyOpen, ptyResize, ptySetFlag, ptySetRawMode, ptySupported, spawn } from "../src/index.ts";

const native = backend() === "native" && process.platform === "linux";

describe("pseudo-terminals", () => {
  it.runIf(!native)("the twin reports ENOSYS", () => {
    expect(ptySupported()).toBe(false);
    expect(ptyOpen(80, 24)).toBe(38);
    expect(ptyResize(0, 80, 24)).toBe(38);
    expect(ptyGetFlags(0)).toBe(38);
  });

  it.runIf(native)("opens a pair with Bun's defaults; flags, raw mode and size", () => {
    expect(ptySupported()).toBe(true);
    expect(ptyOpen(0, 24)).toBe(22);
    const pty = ptyOpen(100, 30);
    if (typeof pty === "number") throw new Error(`errno ${pty}`);
    try {
      expect(ptyGetFlags(pty.master)).toEqual([27906, 5, 35387, 1215]);
      const saved = new Uint8Array(64);
      expect(ptySetRawMode(pty.master, true, saved)).toBe(0);
      expect(ptyGetFlags(pty.master)).toEqual([26624, 5, 2608, 1215]);
      expect(ptySetRawMode(pty.master, false, saved)).toBe(0);
      expect(ptySetFlag(pty.master, 2, 0)).toBe(0);
      expect((ptyGetFlags(pty.master) as number[])[2]).toBe(0);
      expect(ptyResize(pty.master, 70, 7)).toBe(0);
      expect(ptyResize(-1, 70, 7)).toBe(9);
    } finally {
      for (const fd of [pty.master, pty.reader, pty.slave]) closeSync(fd);
    }
  });

  it.runIf(native)("spawns a session leader with the slave as its controlling terminal", async () => {
    const pty = ptyOpen(90, 20);
    if (typeof pty === "number") throw new Error(`errno ${pty}`);
    const exited = new Promise<number | null>((resolve) => {
      const child = spawn(
        { file: "/bin/sh", argv: ["sh", "-c", "[ $$ = $(ps -o sid= -p $$ | tr -d ' ') ] && tty >/dev/null && stty size"], env: ["PATH=/usr/bin:/bin"], cwd: "", stdin: -1, stdout: -1, stderr: -1, terminal: pty.slave },
        (code) => resolve(code),
      );
      expect(child.errno).toBe(0);
    });
    closeSync(pty.slave);
    expect(await exited).toBe(0);
    const buffer = Buffer.alloc(256);
    const read = readSync(pty.reader, buffer);
    expect(buffer.subarray(0, read).toString()).toBe("20 90\r\n");
    expect(writeSync(pty.master, "x")).toBe(1);
    closeSync(pty.master);
    closeSync(pty.reader);
  });
});
