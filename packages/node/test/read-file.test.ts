// readFile / readFileSync are drop-ins: for every path and option shape, the
// same result or the same error as node:fs. Runs on the native addon and again
// with DX_COMPAT_NATIVE=0.
import { scratchDir } from "@dx-compat/oracle";
import fc from "fast-check";
import { readFileSync as nodeReadFileSync, openSync, closeSync, writeFileSync } from "node:fs";
import { readFile as nodeReadFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { readFile, readFileSync } from "../src/index.ts";

const dir = scratchDir("dx-compat-node-read-");
const file = join(dir, "data.txt");
writeFileSync(file, "héllo\u0000wörld 😀\n".repeat(50));

type Outcome = { value: unknown } | { error: Record<string, unknown> };

function describeError(error: unknown): Record<string, unknown> {
  const e = error as NodeJS.ErrnoException;
  return { name: e.name, code: e.code, message: e.message, errno: e.errno, syscall: e.syscall, path: e.path };
}

async function outcome(read: () => unknown): Promise<Outcome> {
  try {
    return { value: await read() };
  } catch (error) {
    return { error: describeError(error) };
  }
}

const paths: unknown[] = [file, pathToFileURL(file), Buffer.from(file), join(dir, "missing"), dir, join(file, "x"), "a\0b", 42_000, {}, undefined];
const options: unknown[] = [
  undefined,
  null,
  "utf8",
  "latin1",
  "base64",
  "hex",
  "buffer",
  "no-such-encoding",
  { encoding: "utf8" },
  { encoding: null },
  { flag: "r" },
  { flag: "r+" },
  { flag: "w" },
  { encoding: "ucs2", flag: "r" },
  { signal: new AbortController().signal },
  { encoding: 5 },
  5,
];

describe("readFile and readFileSync match node:fs", () => {
  it("for every path kind and option shape (results and errors)", async () => {
    for (const path of paths) {
      for (const option of options) {
        const label = `${String(path)} ${JSON.stringify(option)}`;
        const ours = await outcome(() => readFile(path as never, option as never));
        const theirs = await outcome(() => nodeReadFile(path as never, option as never));
        expect(ours, label).toEqual(theirs);
        const oursSync = await outcome(() => readFileSync(path as never, option as never));
        const theirsSync = await outcome(() => nodeReadFileSync(path as never, option as never));
        expect(oursSync, label).toEqual(theirsSync);
      }
    }
  });

  it("reads a file descriptor through Node", async () => {
    const fd = openSync(file, "r");
    try {
      expect(readFileSync(fd)).toEqual(nodeReadFileSync(file));
    } finally {
      closeSync(fd);
    }
  });

  it("returns the same bytes and text for any content", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), fc.constantFrom(undefined, "utf8", "latin1", "base64"), async (content, encoding) => {
        const path = join(dir, "random.bin");
        writeFileSync(path, content);
        expect(await readFile(path, encoding as never)).toEqual(await nodeReadFile(path, encoding as never));
        expect(readFileSync(path, encoding as never)).toEqual(nodeReadFileSync(path, encoding as never));
      }),
      { numRuns: 100 },
    );
  });

  it("has Node's function shape", () => {
    expect(readFile.name).toBe("readFile");
    expect(readFileSync.name).toBe("readFileSync");
  });
});
