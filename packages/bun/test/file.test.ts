// Bun.file / Bun.write / FileSink in-process: what Node's own APIs see, laziness,
// backpressure, the read paths (quick synchronous, asynchronous, ranges,
// descriptors) and the edges the differential suite cannot reach.
import { bunBinary, nodeBinary, registerURL, scratchDir } from "@dx-compat/oracle";
import fc from "fast-check";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { file, stdout, write } from "../src/index.ts";

const dir = scratchDir("dx-compat-bun-file-");
let serial = 0;
function fixture(content: string | Uint8Array, name = "f.bin"): string {
  const path = join(dir, `${serial++}-${name}`);
  writeFileSync(path, content);
  return path;
}

describe("BunFile is a Blob that Node's own APIs accept", () => {
  const path = fixture("hello, blob ✓", "blob.txt");

  it("is a Blob, with Bun's name, type and size", () => {
    const f = file(path);
    expect(f).toBeInstanceOf(Blob);
    expect(f.name).toBe(path);
    expect(f.type).toBe("text/plain;charset=utf-8");
    expect(f.size).toBe(Buffer.byteLength("hello, blob ✓"));
    expect(inspect(f)).toBe(`FileRef (${JSON.stringify(path)}) {\n  type: "text/plain;charset=utf-8"\n}`);
  });

  it("gives its bytes to new Blob, new File, Response, FormData, structuredClone and object URLs", async () => {
    const f = file(path);
    expect(await new Blob([f, "!"]).text()).toBe("hello, blob ✓!");
    expect(await new File([f], "x.txt").text()).toBe("hello, blob ✓");
    expect(await new Response(f).text()).toBe("hello, blob ✓");
    const form = new FormData();
    form.append("upload", f);
    expect(await (form.get("upload") as Blob).text()).toBe("hello, blob ✓");
    expect(await structuredClone(f).text()).toBe("hello, blob ✓");
    const url = URL.createObjectURL(f);
    try {
      const { resolveObjectURL } = await import("node:buffer");
      expect(await resolveObjectURL(url)?.text()).toBe("hello, blob ✓");
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it("is lazy: made for a missing file, it reads as 0 bytes until the file appears", async () => {
    const later = join(dir, "appears-later.json");
    const f = file(later);
    expect(f.size).toBe(0);
    expect(await f.exists()).toBe(false);
    writeFileSync(later, '{"late":true}');
    expect(await f.exists()).toBe(true);
    expect(await f.json()).toEqual({ late: true });
  });
});

describe("reading", () => {
  it("round-trips random bytes through write and read, whole and sliced (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 70_000 }), fc.nat(), fc.nat(), async (bytes, a, b) => {
        const path = join(dir, `${serial++}-prop.bin`);
        expect(await write(path, bytes)).toBe(bytes.length);
        const f = file(path);
        expect(Buffer.from(await f.bytes()).equals(Buffer.from(bytes))).toBe(true);
        expect(f.size).toBe(bytes.length); // sized now: slices count from the real end
        const [start, end] = [a % (bytes.length + 2), b % (bytes.length + 2)];
        const expected = bytes.slice(start, end);
        expect(Buffer.from(await f.slice(start, end).bytes()).equals(Buffer.from(expected))).toBe(true);
        expect(Buffer.from(await f.slice(start - bytes.length, end).arrayBuffer()).equals(Buffer.from(bytes.slice(start - bytes.length, end)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("reads files past the quick-read limit, and FIFOs, asynchronously and whole", async () => {
    const big = Uint8Array.from({ length: (1 << 20) + 5 }, (_, i) => (i * 13) & 0xff);
    expect(Buffer.from(await file(fixture(big)).bytes()).equals(Buffer.from(big))).toBe(true);
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `printf 'through a fifo' > ${JSON.stringify(fifo)}`]);
    const exited = new Promise((resolve) => writer.on("exit", resolve));
    expect(await file(fifo).text()).toBe("through a fifo");
    expect(await exited).toBe(0);
  });

  it("streams in chunks, pulling only as the reader asks (backpressure)", async () => {
    const path = fixture(new Uint8Array(3 << 20));
    const reader = file(path).stream().getReader();
    const first = await reader.read();
    expect(first.value?.length).toBe(256 * 1024);
    const second = await reader.read();
    expect(second.value?.length).toBe(512 * 1024);
    await reader.cancel();
    // A stream nobody reads has not opened the file: a missing one errors only when read.
    const pending = file(join(dir, "never-there")).stream();
    await expect(pending.getReader().read()).rejects.toMatchObject({ code: "ENOENT", syscall: "open" });
  });

  it("reads a descriptor from where it stands", async () => {
    const fd = openSync(fixture("abcdef"), "r");
    try {
      expect(await file(fd).text()).toBe("abcdef");
      expect(await file(fd).text()).toBe("");
    } finally {
      closeSync(fd);
    }
  });

  it("counts a negative start on a never-sized file from 2^52 - 1, and reads nothing there (documented divergence)", async () => {
    const f = file(fixture("0123456789"));
    const tail = f.slice(-5);
    expect(tail.size).toBe(5);
    // Bun 1.4.5's bytes() gives the first five bytes here while its stream() gives none; we give none for both.
    expect(await tail.text()).toBe("");
    expect(f.size).toBe(10);
    expect(await f.slice(-5).text()).toBe("56789");
  });

  it("reports Bun's EACCES for a file it may not read, as Bun does", async () => {
    const secret = fixture("secret");
    chmodSync(secret, 0o000);
    if (process.getuid?.() !== 0) {
      await expect(file(secret).text()).rejects.toMatchObject({ code: "EACCES", syscall: "open", path: secret });
      return;
    }
    // Root reads anything while it holds CAP_DAC_OVERRIDE: run both runtimes without capabilities
    // (util-linux's setpriv), so the file's mode binds, and compare what each reports.
    const program = `try { await Bun.file(${JSON.stringify(secret)}).text(); } catch (e) { console.log(JSON.stringify([e.name, e.message, e.code, e.errno, e.syscall, e.path, Object.keys(e)])); }`;
    const script = fixture(program, "eacces.mjs");
    const withoutCaps = ["--inh-caps=-all", "--bounding-set=-all", "--"];
    const bun = spawnSync("setpriv", [...withoutCaps, bunBinary(), script], { cwd: dir, encoding: "utf8" });
    const node = spawnSync("setpriv", [...withoutCaps, nodeBinary(), "--import", registerURL(), script], { cwd: dir, encoding: "utf8" });
    expect(bun.stdout).toContain('"EACCES"');
    expect(node.stdout).toBe(bun.stdout);
  });
});

describe("writing", () => {
  it("creates missing folders by default and refuses to with createPath: false", async () => {
    const nested = join(dir, "deep", "er", "file.txt");
    expect(await write(nested, "x")).toBe(1);
    await expect(write(join(dir, "absent", "file.txt"), "x", { createPath: false })).rejects.toMatchObject({ code: "ENOENT", syscall: "open" });
  });

  it("writes to a file: URL, a BunFile and a descriptor, and through BunFile.write", async () => {
    const path = join(dir, "targets.txt");
    expect(await write(pathToFileURL(path), "url")).toBe(3);
    expect(await write(file(path), "bunfile")).toBe(7);
    expect(await file(path).write("method")).toBe(6);
    expect(readFileSync(path, "utf8")).toBe("method");
  });

  it("copies a whole file through the kernel and says how many bytes", async () => {
    const source = fixture(new Uint8Array(5 << 20).fill(7));
    const target = join(dir, "copied", "to.bin");
    expect(await write(target, file(source))).toBe(5 << 20);
    expect(readFileSync(target).equals(readFileSync(source))).toBe(true);
  });

  it("rejects, without reporting bytes written, when the write fails", async () => {
    mkdirSync(join(dir, "a-dir"));
    await expect(write(join(dir, "a-dir"), "x")).rejects.toMatchObject({ code: "EISDIR" });
    const fd = openSync(fixture("x"), "r");
    try {
      await expect(write(fd as never, "not writable")).rejects.toMatchObject({ code: "EBADF", syscall: "write" });
    } finally {
      closeSync(fd);
    }
  });

  it("writes to stdout", async () => {
    const script = fixture(`import { write, stdout } from ${JSON.stringify(new URL("../src/index.ts", import.meta.url).href)}; console.log(await write(stdout, "out\\n"));`, "stdout.ts");
    const run = spawnSync(process.execPath, ["--conditions=@dx-compat/source", script], { encoding: "utf8" });
    expect(run.stdout).toBe("out\n4\n");
    expect(stdout.type).toBe("application/octet-stream");
  });
});

describe("FileSink", () => {
  it("buffers until flush, writes through at 64 KiB, and keeps the rest of an existing file", () => {
    const path = fixture("0123456789");
    const sink = file(path).writer();
    expect(sink.write("ab")).toBe(2);
    expect(readFileSync(path, "utf8")).toBe("0123456789");
    expect(sink.flush()).toBe(2);
    expect(readFileSync(path, "utf8")).toBe("ab23456789");
    sink.write(new Uint8Array(70_000).fill(65));
    expect(readFileSync(path).length).toBe(70_002);
    expect(sink.end()).toBe(0);
  });

  it("fails at the first write when the file cannot be opened", () => {
    const sink = file(join(dir, "no", "such", "dir", "x")).writer();
    expect(() => sink.write("x")).toThrow(expect.objectContaining({ code: "ENOENT", syscall: "open" }));
  });

  it("writes to a descriptor it does not close", () => {
    const path = fixture("");
    const fd = openSync(path, "w");
    const sink = file(fd).writer();
    sink.write("via fd");
    sink.end();
    writeSync(fd, "!");
    closeSync(fd);
    expect(readFileSync(path, "utf8")).toBe("via fd!");
  });
});
