// The glob workloads' shared tree and loop. The tree — 50 555 files in 1 111
// directories (10 × 10 × 10 leaf directories of 50 files, five files in each
// inner directory), five extensions in turn — is built once per machine in the
// OS temp directory, atomically (built under a temporary name, then renamed),
// and reused by every later run. Each program scans it `rounds` times after
// one warm-up scan (which also warms the page and dentry caches) and prints
// {"ops": matched paths, "ms": elapsed}; the number of paths goes to stderr.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const VERSION = 1;
const EXTENSIONS = [".ts", ".js", ".json", ".md", ".d.ts"];

function build(dir, depth) {
  mkdirSync(dir);
  const files = depth === 3 ? 50 : 5;
  for (let i = 0; i < files; i++) writeFileSync(join(dir, `file${i}${EXTENSIONS[i % EXTENSIONS.length]}`), "");
  if (depth < 3) for (let i = 0; i < 10; i++) build(join(dir, `dir${depth}-${i}`), depth + 1);
}

/** The tree's root (created on first use). */
export function tree() {
  const root = join(tmpdir(), `dx-compat-bench-glob-tree-v${VERSION}`);
  if (existsSync(root)) return root;
  const staging = `${root}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  build(staging, 0);
  try {
    renameSync(staging, root);
  } catch {
    // Another process finished first: keep its tree.
    rmSync(staging, { recursive: true, force: true });
  }
  return root;
}

/** Scans `rounds` times with `scan(cwd)` (an async iterable of paths) after a warm-up scan. */
export async function runScan(scan, { rounds = 5 } = {}) {
  const cwd = tree();
  const count = async () => {
    let n = 0;
    for await (const _path of scan(cwd)) n++;
    return n;
  };
  const expected = await count();
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    const n = await count();
    if (n !== expected) throw new Error(`round ${r} matched ${n} paths, the warm-up ${expected}`);
  }
  const ms = performance.now() - start;
  process.stderr.write(`paths ${expected}\n`);
  console.log(JSON.stringify({ ops: expected * rounds, ms }));
}
