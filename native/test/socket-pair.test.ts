import { closeSync, fstatSync, readFileSync, readSync, writeSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backend, socketPair, spawn } from "../src/index.ts";

const native = backend() === "native" && process.platform === "linux";
const O_CLOEXEC = 0o2000000;

function openFlags(fd: number): number {
  const line = readFileSync(`/proc/self/fdinfo/${fd}`, "utf8").split("\n").find((text) => text.startsWith("flags:"));
  return Number.parseInt(line?.split(/\s+/)[1] ?? "", 8);
}

function exitOf(request: Parameters<typeof spawn>[0]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(request, (exitCode) => resolve(exitCode));
    if (child.pid === 0) resolve(-child.errno);
  });
}

describe("socketPair", () => {
  it.runIf(!native)("the twin reports ENOSYS", () => {
    expect(socketPair()).toBe(38);
  });

  it.runIf(native)("gives two connected, blocking, close-on-exec ends of a Unix stream socket", () => {
    const pair = socketPair();
    if (typeof pair === "number") throw new Error(`errno ${pair}`);
    try {
      for (const fd of [pair.read, pair.write]) {
        expect(openFlags(fd) & O_CLOEXEC).toBe(O_CLOEXEC);
        expect(openFlags(fd) & 0o4000).toBe(0);
        expect(fstatSync(fd).isSocket()).toBe(true);
      }
      expect(writeSync(pair.write, "bytes")).toBe(5);
      const buffer = Buffer.alloc(16);
      expect(buffer.subarray(0, readSync(pair.read, buffer)).toString()).toBe("bytes");
    } finally {
      closeSync(pair.read);
      closeSync(pair.write);
    }
  });

  it.runIf(native)("joins two children without this process touching the bytes", async () => {
    const pair = socketPair();
    if (typeof pair === "number") throw new Error(`errno ${pair}`);
    const out = socketPair();
    if (typeof out === "number") throw new Error(`errno ${out}`);
    const env = ["PATH=/usr/bin:/bin"];
    const writer = exitOf({ file: "/usr/bin/seq", argv: ["seq", "1", "50000"], env, cwd: "", stdin: -1, stdout: pair.write, stderr: -1 });
    const reader = exitOf({ file: "/usr/bin/wc", argv: ["wc", "-l"], env, cwd: "", stdin: pair.read, stdout: out.write, stderr: -1 });
    // The children hold their copies: once ours are closed, wc sees the end of its input when seq exits.
    closeSync(pair.read);
    closeSync(pair.write);
    closeSync(out.write);
    expect(await Promise.all([writer, reader])).toEqual([0, 0]);
    const buffer = Buffer.alloc(64);
    expect(buffer.subarray(0, readSync(out.read, buffer)).toString().trim()).toBe("50000");
    closeSync(out.read);
  });
});
