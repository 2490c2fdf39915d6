// The runner's contract, checked on fixture workloads in a temporary directory:
// tables, JSON, failures and exit codes. Nothing here asserts timing — only
// that numbers exist and are consistent with each other.
//
//   node --test benchmarks/test/bench.test.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const runner = fileURLToPath(new URL("../bin/bench.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "dx-compat-bench-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function workload(name, manifest, files) {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, "workload.json"), JSON.stringify(manifest));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, name, file), text);
}

const selfMeasured = 'const start = performance.now(); let x = 0; for (let i = 0; i < 1e5; i++) x += i; console.log(JSON.stringify({ ops: 1e5, ms: performance.now() - start + 1e-3 }));\n';
workload("ok", { description: "fixture", unit: "ops/s", runs: 2, competitors: { bun: { runtime: "bun", file: "w.mjs" }, node: { runtime: "node", file: "w.mjs" } } }, { "w.mjs": selfMeasured });
workload(
  "broken",
  { description: "fixture", measure: "process", expect: "ok", runs: 2, competitors: { bun: { runtime: "bun", file: "ok.mjs" }, crash: { runtime: "node", file: "crash.mjs" }, silent: { runtime: "node", file: "silent.mjs" } } },
  { "ok.mjs": 'console.log("ok");\n', "crash.mjs": 'console.error("boom"); process.exit(3);\n', "silent.mjs": "" },
);

// A group folder with two workloads; one competitor gets its own environment variable.
const envEcho = 'if (process.env.BENCH_FIXTURE !== "on") process.exit(4); console.log(JSON.stringify({ ops: 1, ms: 1 }));\n';
mkdirSync(join(dir, "grp"));
workload("grp/a", { description: "fixture", runs: 1, competitors: { bun: { runtime: "bun", file: "w.mjs" }, env: { runtime: "node", file: "e.mjs", env: { BENCH_FIXTURE: "on" } } } }, { "w.mjs": selfMeasured, "e.mjs": envEcho });
workload("grp/b", { description: "fixture", runs: 1, competitors: { bun: { runtime: "bun", file: "w.mjs" } } }, { "w.mjs": selfMeasured });

// Block mode (--interleave): the workloads' shared timed() helper, imported by URL.
const timedURL = new URL("../lib/timed.mjs", import.meta.url).href;
const blockWork = `import { timed } from ${JSON.stringify(timedURL)};\nlet blocks = 0;\nawait timed(() => {\n  if (++blocks === Number(process.env.FAIL_AT ?? 0)) { console.error("block " + blocks + " failed"); process.exit(5); }\n  const start = performance.now(); let x = 0; for (let i = 0; i < 1e5; i++) x += i;\n  return { ops: 1e5, ms: performance.now() - start + 1e-3 };\n});\n`;
workload(
  "blocky",
  { description: "fixture", blocks: true, runs: 3, competitors: { bun: { runtime: "bun", file: "w.mjs" }, node: { runtime: "node", file: "w.mjs" }, third: { runtime: "node", file: "w.mjs", env: { FAIL_AT: "3" } } } },
  { "w.mjs": blockWork },
);
workload(
  "versus",
  { description: "fixture", blocks: true, runs: 2, baseline: "node", competitors: { bun: { runtime: "bun", file: "w.mjs" }, node: { runtime: "node", file: "w.mjs" }, other: { runtime: "node", file: "w.mjs" } } },
  { "w.mjs": blockWork },
);
workload("badbaseline", { description: "fixture", runs: 1, baseline: "nobody", competitors: { bun: { runtime: "bun", file: "w.mjs" } } }, { "w.mjs": selfMeasured });

const bench = (...args) => spawnSync(process.execPath, [runner, "--dir", dir, ...args], { encoding: "utf8" });
const resultFiles = (name) => readdirSync(join(dir, "results")).filter((file) => file.startsWith(`${name}-`) && file.endsWith(".json"));

test("a working workload prints a table with Bun as 1.00× and writes JSON with every sample", () => {
  const run = bench("ok");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^bun\s+\| bun\s+\| \S+\s+\| 1\.00×/m);
  assert.match(run.stdout, /^node\s+\| node\s+\| \S+\s+\| [\d.e-]+×/m);
  assert.match(run.stderr, /\[bench\] ok: run 2\/2/);
  const [file] = resultFiles("ok");
  const document = JSON.parse(readFileSync(join(dir, "results", file), "utf8"));
  assert.equal(document.workload, "ok");
  assert.equal(typeof document.machine.cpus, "number");
  for (const entry of Object.values(document.competitors)) {
    assert.equal(entry.samples.length, 2); // the warm-up is not a sample
    assert.ok(entry.min <= entry.median && entry.median <= entry.max);
  }
  assert.equal(document.competitors.bun.ratio, 1);
});

test("--runs overrides the manifest and --json-only prints only JSON", () => {
  const run = bench("ok", "--runs", "1", "--json-only");
  assert.equal(run.status, 0, run.stderr);
  const [document] = JSON.parse(run.stdout);
  assert.equal(document.runs, 1);
  assert.equal(document.competitors.node.samples.length, 1);
});

test("failing competitors are reported on their row and make the run exit 1", () => {
  const run = bench("broken");
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^crash\s+\| node\s+\| failed: exit 3: boom/m);
  assert.match(run.stdout, /^silent\s+\| node\s+\| failed: printed "", expected "ok"/m);
  assert.match(run.stdout, /^bun\s+\| bun\s+\| .*1\.00×/m);
});

test("an unknown workload lists the available ones and exits 2", () => {
  const run = bench("nope");
  assert.equal(run.status, 2);
  assert.match(run.stderr, /unknown workload: nope/);
  assert.match(run.stderr, /available workloads: badbaseline, blocky, broken, grp\/a, grp\/b, ok, versus/);
});

test("a group name runs every workload inside it, and a competitor's env reaches only its process", () => {
  const run = bench("grp", "--json-only");
  assert.equal(run.status, 0, run.stderr);
  const documents = JSON.parse(run.stdout);
  assert.deepEqual(documents.map((d) => d.workload), ["grp/a", "grp/b"]);
  assert.equal(documents[0].competitors.env.samples.length, 1);
  assert.equal(resultFiles("grp-a").length, 1);
});

test("--interleave runs every competitor's blocks in one long-lived process and reports paired ratios", () => {
  const run = bench("blocky", "--interleave", "--json-only");
  assert.equal(run.status, 1, run.stderr); // `third` fails on purpose
  const [document] = JSON.parse(run.stdout);
  assert.equal(document.mode, "interleaved blocks");
  const { bun, node, third } = document.competitors;
  assert.deepEqual(bun.samples.map((s) => s.round), [1, 2, 3]); // the warm-up block is not a sample
  assert.deepEqual(node.samples.map((s) => s.round), [1, 2, 3]);
  assert.equal(bun.pairedRatio, 1);
  assert.ok(node.pairedRatio > 0 && node.pairedGeomean > 0);
  // Its third block (block 2 after the warm-up) fails: the count lived on in one process.
  assert.match(third.error, /exit 5: block 3 failed/);
  assert.equal(third.samples.length, 1);
});

test("a manifest's baseline gets its own paired column, with the baseline at 1", () => {
  const run = bench("versus", "--interleave");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /paired vs Bun \(median, geomean\) \| paired vs node$/m);
  assert.match(run.stdout, /^node\s+\|.*\| 1\.000×, 1\.000×$/m);
  const [file] = resultFiles("versus");
  const { competitors } = JSON.parse(readFileSync(join(dir, "results", file), "utf8"));
  assert.equal(competitors.node.pairedVsBaseline, 1);
  assert.ok(competitors.other.pairedVsBaseline > 0 && competitors.bun.pairedVsBaselineGeomean > 0);
  // Without --interleave there is nothing to pair: no column.
  assert.doesNotMatch(bench("versus").stdout, /paired vs node/);
});

test("a baseline that is not a competitor is refused", () => {
  const run = bench("badbaseline");
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /baseline nobody is not a competitor/);
});

test("--interleave on a workload without a block mode fails on every row", () => {
  const run = bench("ok", "--interleave");
  assert.equal(run.status, 1);
  assert.match(run.stdout, /no block mode/);
});
