// listDirectory: the addon's listing (openat + getdents64) and the twin's
// (opendir) hold the same entries with the same kinds, in the same order (the
// file system's, never sorted); empty directories, odd names, FIFOs,
// symlinks and failures (as errno numbers).
import { scratchDir } from "@dx-compat/oracle";
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { listDirectory, type DirectoryListing } from "../src/index.ts";
import { listDirectory as twinList } from "../src/internal/twin/list-directory.ts";

const native = process.env["DX_COMPAT_NATIVE"] !== "0";
const root = scratchDir("dx-compat-native-list-");

/** The listing as sorted [kind, name] pairs (the addon keeps the file system's order). */
function pairs(listing: DirectoryListing | number): [string, string][] | number {
  if (typeof listing === "number") return listing;
  expect(listing.kinds.length).toBe(listing.names.length);
  return listing.names.map((name, i): [string, string] => [listing.kinds[i] as string, name]).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

/** The twin's raw string, parsed the same way the facade parses the addon's. */
function twinPairs(path: string): [string, string][] | number {
  const raw = twinList(path);
  if (typeof raw === "number" || raw === "") return typeof raw === "number" ? raw : [];
  const names = raw.split("/");
  const kinds = names.shift() as string;
  return pairs({ kinds, names });
}

describe("listDirectory", () => {
  it("gives each entry's kind: file, directory, symlink (followed or not, broken or not), anything else", () => {
    const dir = join(root, "kinds");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "file.txt"), "x");
    symlinkSync("file.txt", join(dir, "to-file"));
    symlinkSync("sub", join(dir, "to-dir"));
    symlinkSync("nowhere", join(dir, "broken"));
    execFileSync("mkfifo", [join(dir, "fifo")]);
    const expected = [["l", "broken"], ["o", "fifo"], ["f", "file.txt"], ["d", "sub"], ["l", "to-dir"], ["l", "to-file"]];
    expect(pairs(listDirectory(dir))).toEqual(expected);
    expect(twinPairs(dir)).toEqual(expected);
    expect(listDirectory(join(dir, "sub"))).toEqual({ kinds: "", names: [] });
  });

  it("reports failures as positive errno numbers: ENOENT, ENOTDIR, EINVAL for a NUL", () => {
    const file = join(root, "plain");
    writeFileSync(file, "");
    expect(listDirectory(join(root, "missing"))).toBe(2);
    expect(listDirectory(file)).toBe(20);
    expect(twinList(join(root, "missing"))).toBe(2);
    expect(twinList(file)).toBe(20);
    expect(listDirectory(`${root}\0/x`)).toBe(22);
  });

  it("decodes a name that is not UTF-8 as readdir does (U+FFFD)", () => {
    const dir = join(root, "bytes");
    mkdirSync(dir);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/a`), Buffer.from([0xff, 0xfe]), Buffer.from("b")]), "");
    expect(pairs(listDirectory(dir))).toEqual([["f", readdirSync(dir)[0] as string]]);
    expect(readdirSync(dir)).toEqual(["a\ufffd\ufffdb"]);
  });

  it("follows a symlink to a directory given as the path itself, as open(2) does", () => {
    const dir = join(root, "linked");
    mkdirSync(join(dir, "real"), { recursive: true });
    writeFileSync(join(dir, "real", "a"), "");
    symlinkSync("real", join(dir, "alias"));
    expect(pairs(listDirectory(join(dir, "alias")))).toEqual([["f", "a"]]);
  });

  it.runIf(native)("agrees with the twin and with readdir on random names, including unicode and shell characters (fast-check)", () => {
    const nameChar = fc.constantFrom(..."aZ09 ._-~!$&'()*+,;=@[]{}#%^`é中😀\t\n".split(""), "\u{1F600}", "\u00e9");
    const name = fc.string({ unit: nameChar, minLength: 1, maxLength: 12 }).filter((n) => n !== "." && n !== "..");
    let round = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, fc.boolean()), { selector: ([n]) => n, maxLength: 40 }), (entries) => {
        const dir = join(root, `random-${round++}`);
        mkdirSync(dir);
        for (const [entry, isDir] of entries) {
          if (isDir) mkdirSync(join(dir, entry));
          else writeFileSync(join(dir, entry), "");
        }
        // The same sequence from both: the file system's order (hash order on ext4), not sorted.
        const twinRaw = twinList(dir);
        const raw = listDirectory(dir) as DirectoryListing;
        expect(raw.names.length === 0 ? "" : `${raw.kinds}/${raw.names.join("/")}`).toBe(twinRaw);
        const listed = pairs(raw);
        expect(listed).toEqual(twinPairs(dir));
        expect((listed as [string, string][]).map(([, n]) => n)).toEqual(readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        rmSync(dir, { recursive: true });
      }),
      { numRuns: 100 },
    );
  });

  it.runIf(native)("lists a directory larger than one getdents buffer", () => {
    const dir = join(root, "large");
    mkdirSync(dir);
    // Long names: 3 000 × ~100-byte records is several 64 KiB buffers.
    const names = Array.from({ length: 3000 }, (_, i) => `${"n".repeat(80)}-${String(i).padStart(5, "0")}`);
    for (const entry of names) writeFileSync(join(dir, entry), "");
    const listing = listDirectory(dir) as DirectoryListing;
    expect([...listing.names].sort()).toEqual(names);
    expect(listing.kinds).toBe("f".repeat(3000));
  });
});
