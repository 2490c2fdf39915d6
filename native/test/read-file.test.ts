// Whole-file reads: the bytes Node's fs reads, Node's errors, and nothing past
// the end of a file that changes size while being read.
import { scratchDir } from "@dx-compat/oracle";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync as fsReadFileSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile as fsReadFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFile, readFileSync, readSmallFileSync } from "../src/index.ts";

const dir = scratchDir("dx-compat-native-read-");

function errorShape(error: unknown): Record<string, unknown> {
  const e = error as NodeJS.ErrnoException;
  return { name: e.name, message: e.message, errno: e.errno, code: e.code, syscall: e.syscall, path: e.path };
}

async function failure(read: () => unknown): Promise<Record<string, unknown>> {
  try {
    await read();
  } catch (error) {
    return errorShape(error);
  }
  throw new Error("expected a failure");
}

describe("readFile / readFileSync", () => {
  it("returns exactly the file's bytes, for any content and size", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 70_000 }), async (content) => {
        const path = join(dir, "any.bin");
        writeFileSync(path, content);
        expect(Buffer.compare(readFileSync(path), Buffer.from(content))).toBe(0);
        expect(Buffer.compare(await readFile(path), Buffer.from(content))).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it("reads an empty file and a 64 MiB file", async () => {
    const empty = join(dir, "empty");
    writeFileSync(empty, "");
    expect(readFileSync(empty)).toEqual(Buffer.alloc(0));
    const big = join(dir, "big.bin");
    const content = Buffer.alloc(64 << 20, "dx-compat");
    writeFileSync(big, content);
    const read = await readFile(big);
    expect(read.length).toBe(content.length);
    expect(read.equals(content)).toBe(true);
    expect(Buffer.isBuffer(read)).toBe(true);
  });

  it("reads files whose stat size is 0 but which have content (/proc)", () => {
    expect(readFileSync("/proc/version").toString()).toBe(fsReadFileSync("/proc/version", "utf8"));
  });

  it("throws Node's own errors: ENOENT, EISDIR, ENOTDIR, and the path checks", async () => {
    const file = join(dir, "plain.txt");
    writeFileSync(file, "x");
    const cases = [join(dir, "missing"), dir, join(file, "below"), "a\0b"];
    for (const path of cases) {
      expect(await failure(() => readFileSync(path))).toEqual(await failure(() => fsReadFileSync(path)));
      expect(await failure(() => readFile(path))).toEqual(await failure(() => fsReadFile(path)));
    }
  });

  it("reads a stream whose size fstat cannot tell (a FIFO) through every growth step, past the mapped-buffer threshold", async () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const size = (40 << 20) + 3;
    // The writer sends a pattern no buffer starts out holding: byte i is i * 7 mod 251.
    const writer = spawn(process.execPath, [
      "-e",
      `const fs = require("fs"); const b = Buffer.alloc(${size}); for (let i = 0; i < b.length; i++) b[i] = (i * 7) % 251; fs.writeFileSync(${JSON.stringify(fifo)}, b);`,
    ]);
    const bytes = readFileSync(fifo);
    await new Promise((resolve) => writer.on("exit", resolve));
    expect(bytes.length).toBe(size);
    const expected = Buffer.alloc(size);
    for (let i = 0; i < size; i++) expected[i] = (i * 7) % 251;
    expect(bytes.equals(expected)).toBe(true);
  });

  it("never returns bytes past the end while another process shrinks and grows the file", async () => {
    const path = join(dir, "churn.bin");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, Buffer.alloc(1 << 20, 1));
    // Each generation g rewrites the file with 4 KiB..1 MiB bytes, all equal to g (never 0).
    const writer = spawn(process.execPath, [
      "-e",
      `const fs = require("fs"); let g = 1; const end = Date.now() + 1500;
       while (Date.now() < end) { g = (g % 250) + 1; const n = 4096 + ((g * 7919) % 256) * 4096; fs.writeFileSync(${JSON.stringify(path)}, Buffer.alloc(n, g)); }`,
    ]);
    const exited = new Promise((resolve) => writer.on("exit", resolve));
    let reads = 0;
    while (writer.exitCode === null && reads < 400) {
      const bytes = reads % 2 === 0 ? readFileSync(path) : await readFile(path);
      expect(bytes.length).toBeLessThanOrEqual(1 << 20);
      // A read may straddle two generations, but can never contain a byte no writer wrote.
      expect(bytes.includes(0)).toBe(false);
      reads++;
    }
    await exited;
    expect(reads).toBeGreaterThan(10);
  });
});

describe("readSmallFileSync", () => {
  it("reads a regular file below the limit and declines one at or above it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 4000 }), (bytes, limit) => {
        const file = join(dir, "small.bin");
        writeFileSync(file, bytes);
        const read = readSmallFileSync(file, limit);
        if (bytes.length < limit) expect(read && Buffer.from(bytes).equals(read)).toBe(true);
        else expect(read).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("declines a directory, a FIFO and a device without reading them", () => {
    const fifo = join(dir, "declined-pipe");
    execFileSync("mkfifo", [fifo]);
    // Opening a FIFO for reading blocks until a writer comes: keep one attached.
    const writer = spawn("sh", ["-c", `sleep 2 > ${JSON.stringify(fifo)}`]);
    try {
      expect(readSmallFileSync(dir, 1 << 20)).toBeUndefined();
      expect(readSmallFileSync("/dev/zero", 1 << 20)).toBeUndefined();
      expect(readSmallFileSync(fifo, 1 << 20)).toBeUndefined();
    } finally {
      writer.kill();
    }
  });

  it("throws Node's own errors and checks its limit", async () => {
    const file = join(dir, "plain-small.txt");
    writeFileSync(file, "x");
    for (const path of [join(dir, "missing"), join(file, "below"), "a\0b"]) {
      expect(await failure(() => readSmallFileSync(path, 10))).toEqual(await failure(() => fsReadFileSync(path)));
    }
    for (const limit of [0, -1, 1.5, 2 ** 32, Number.NaN]) expect(() => readSmallFileSync(file, limit)).toThrow(RangeError);
  });
});
