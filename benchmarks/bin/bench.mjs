#!/usr/bin/env node
// The benchmark runner: one workload, run under real Bun, under Node + dx-compat
// and (where it helps) under plain Node, in one invocation.
//
//   node benchmarks/bin/bench.mjs [name…] [--runs N] [--interleave] [--json-only] [--dir DIR]
//
// Every sample is a fresh process, and competitors alternate (the order rotates
// each round) so that drift in machine load hits them all alike. Reported: the
// median throughput per competitor, its ratio to Bun and the min–max spread;
// everything, samples included, is also written to results/<name>-<time>.json.
//
// --interleave (workloads whose manifest says "blocks": true): one process per
// competitor stays up, and the runner asks each in turn for one timed block,
// so a round's blocks run within the same second or two. On a machine whose
// speed drifts (a shared VM), the per-round ratios to Bun's block are far
// steadier than ratios of separate processes: their median is reported too.
// A manifest may name a `baseline` competitor (the serve workloads' goals are
// against raw node:http): the table then also pairs every block with the
// baseline's block of the same round.
// Node built-ins only: the runner must work before (and without) any build.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// `bun` and `dx-compat` are this package's dev dependencies.
const benchRequire = createRequire(join(benchDir, "package.json"));
const DEFAULT_TIMEOUT_MS = 120_000;

function usage(message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write("usage: node benchmarks/bin/bench.mjs [name…] [--runs N] [--interleave] [--json-only] [--dir DIR]\n");
  process.exit(2);
}

let cli;
try {
  cli = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: "string" },
      // Paired rounds of timed blocks in long-lived processes (see above).
      interleave: { type: "boolean", default: false },
      // Print the result documents as JSON on stdout instead of tables (for scripts/CI).
      "json-only": { type: "boolean", default: false },
      // Where workloads live (results go to DIR/results); the tests point it at fixtures.
      dir: { type: "string" },
    },
  });
} catch (error) {
  usage(error.message);
}
const runsOverride = cli.values.runs === undefined ? undefined : Number(cli.values.runs);
if (runsOverride !== undefined && !(Number.isInteger(runsOverride) && runsOverride > 0)) usage("--runs wants a positive integer");
const jsonOnly = cli.values["json-only"];
const interleave = cli.values.interleave;
const workloadsDir = cli.values.dir === undefined ? benchDir : resolve(cli.values.dir);
const resultsDir = join(workloadsDir, "results");

// ---------------------------------------------------------------- runtimes

function bunBinary() {
  // The npm package names its binary bun.exe on every platform.
  return join(dirname(benchRequire.resolve("bun/package.json")), "bin", "bun.exe");
}

let registerURLCache;
function registerURL() {
  if (registerURLCache === undefined) {
    const path = benchRequire.resolve("dx-compat/register"); // → packages/dx-compat/dist/register.js
    if (!existsSync(path)) throw new Error(`${path} is missing: build first (pnpm build)`);
    registerURLCache = pathToFileURL(path).href;
  }
  return registerURLCache;
}

/** argv for one competitor: runtime flags from the manifest go before the file. */
function commandFor(competitor, workloadDir) {
  const file = join(workloadDir, competitor.file);
  const flags = competitor.args ?? [];
  switch (competitor.runtime) {
    case "bun":
      return [bunBinary(), ...flags, file];
    case "node+dx-compat":
      // DX_COMPAT_BENCH_SOURCE=1 (a development loop): run the TypeScript sources through
      // Node's type stripping instead of the build. Published numbers come from the build.
      if (process.env.DX_COMPAT_BENCH_SOURCE === "1") {
        const source = join(dirname(benchRequire.resolve("dx-compat/package.json")), "src", "register.ts");
        return [process.execPath, "--conditions=@dx-compat/source", "--import", pathToFileURL(source).href, ...flags, file];
      }
      return [process.execPath, "--import", registerURL(), ...flags, file];
    case "node":
      return [process.execPath, ...flags, file];
    default:
      throw new Error(`unknown runtime "${competitor.runtime}" (bun, node+dx-compat or node)`);
  }
}

// Neither runtime gets preloads or flags from the caller's environment: both
// would skew one side (NODE_OPTIONS only ever reaches Node).
const childEnv = { ...process.env };
delete childEnv.NODE_OPTIONS;

/** Run one process to completion; resolves with its exit status, output and wall time. */
function runProcess(argv, cwd, timeoutMs, env = {}) {
  return new Promise((resolvePromise) => {
    const stdout = [];
    const stderr = [];
    let timedOut = false;
    let wallNs;
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...childEnv, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    // "exit" is the end of the process (what "measure": "process" times);
    // "close" comes after the pipes drain, when the output is complete.
    child.on("exit", () => {
      wallNs = process.hrtime.bigint() - start;
    });
    child.on("error", (error) => stderr.push(Buffer.from(String(error.message))));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        code,
        signal,
        timedOut,
        wallMs: Number(wallNs ?? process.hrtime.bigint() - start) / 1e6,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

const lastLine = (text) => text.trimEnd().split("\n").at(-1)?.trim() ?? "";
const firstLine = (text) => text.trim().split("\n")[0]?.trim() ?? "";

/** One sample: `{ ops, ms }`, or `{ error }` with a one-line reason. */
async function sample(workload, competitor) {
  const result = await runProcess(competitor.command, workload.dir, workload.timeoutMs, competitor.env);
  if (result.timedOut) return { error: `timed out after ${workload.timeoutMs} ms` };
  if (result.code !== 0) {
    const why = firstLine(result.stderr) || lastLine(result.stdout) || "no output";
    return { error: `exit ${result.code ?? result.signal}: ${why}` };
  }
  // "expect": the program's last line of output, so a competitor that quietly
  // does less (or nothing) cannot look fast.
  if (workload.expect !== undefined && workload.measure === "process" && lastLine(result.stdout) !== workload.expect) {
    return { error: `printed ${JSON.stringify(lastLine(result.stdout))}, expected ${JSON.stringify(workload.expect)}` };
  }
  if (workload.measure === "process") return { ops: 1, ms: result.wallMs };
  return resultLine(lastLine(result.stdout)) ?? { error: `no result line (want {"ops": n, "ms": t}); got ${JSON.stringify(lastLine(result.stdout))}` };
}

/** A result line: {ops, ms} with both positive, or undefined. */
function resultLine(text) {
  let line;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  return line?.ops > 0 && line?.ms > 0 ? { ops: line.ops, ms: line.ms } : undefined;
}

/**
 * A competitor's process in block mode (DX_BENCH_BLOCKS=1): `ready()` waits for
 * its {"ready": true} line, `block()` asks for one timed block and resolves with
 * its {ops, ms} (or {error}), `close()` ends its stdin and waits for its exit.
 */
function blockProcess(workload, competitor) {
  const [file, ...args] = competitor.command;
  const child = spawn(file, args, { cwd: workload.dir, env: { ...childEnv, ...competitor.env, DX_BENCH_BLOCKS: "1" }, stdio: ["pipe", "pipe", "pipe"] });
  const lines = [];
  const waiting = [];
  let stderr = "";
  let buffered = "";
  let ended = null;
  const deliver = () => {
    while (waiting.length > 0 && (lines.length > 0 || ended !== null)) waiting.shift()(lines.length > 0 ? lines.shift() : null);
  };
  child.stdout.setEncoding("utf8").on("data", (chunk) => {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop();
    lines.push(...parts.map((part) => part.trim()).filter((part) => part.startsWith("{")));
    deliver();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  child.on("error", (error) => (stderr += error.message));
  const exited = new Promise((resolveExit) => child.on("close", (code, signal) => resolveExit((ended = `exit ${code ?? signal}`))));
  void exited.then(deliver);
  const nextLine = () =>
    new Promise((resolveLine) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolveLine(undefined);
      }, workload.timeoutMs);
      waiting.push((line) => {
        clearTimeout(timer);
        resolveLine(line);
      });
      deliver();
    });
  const failure = (why) => ({ error: `${why}: ${firstLine(stderr) || "no output"}` });
  return {
    async ready() {
      const line = await nextLine();
      return line?.includes('"ready"') ? {} : failure(line === undefined ? `no ready line after ${workload.timeoutMs} ms` : (ended ?? `printed ${line}`));
    },
    async block() {
      child.stdin.write("run\n");
      const line = await nextLine();
      if (line === undefined) return failure(`timed out after ${workload.timeoutMs} ms`);
      if (line === null) return failure(ended ?? "ended");
      return resultLine(line) ?? { error: `no result line (want {"ops": n, "ms": t}); got ${JSON.stringify(line)}` };
    },
    async close() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------- workloads

/**
 * Workloads are folders holding a workload.json, at the top level or one level
 * down in a group folder (`hash/crc32-64mib`); naming the group runs them all.
 */
function discover() {
  const found = new Map();
  if (!existsSync(workloadsDir)) return found;
  for (const entry of readdirSync(workloadsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const manifestPath = join(workloadsDir, entry.name, "workload.json");
    if (existsSync(manifestPath)) {
      found.set(entry.name, manifestPath);
      continue;
    }
    for (const inner of readdirSync(join(workloadsDir, entry.name), { withFileTypes: true })) {
      const innerManifest = join(workloadsDir, entry.name, inner.name, "workload.json");
      if (inner.isDirectory() && existsSync(innerManifest)) found.set(`${entry.name}/${inner.name}`, innerManifest);
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/** A positional name is a workload, or a group standing for the workloads inside it. */
function expandNames(names, available) {
  return names.flatMap((name) => {
    if (available.has(name)) return [name];
    const members = [...available.keys()].filter((key) => key.startsWith(`${name}/`));
    return members.length > 0 ? members : [name];
  });
}

function loadWorkload(name, manifestPath) {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const dir = dirname(manifestPath);
  const measure = manifest.measure ?? "self";
  const competitors = Object.entries(manifest.competitors ?? {}).map(([competitorName, spec]) => {
    // `env` adds variables to this competitor's process only (e.g. DX_COMPAT_NATIVE=0 for the TypeScript twin).
    const competitor = { name: competitorName, runtime: spec.runtime, file: spec.file, args: spec.args, env: spec.env };
    // A competitor that cannot even be started (unknown runtime, dx-compat not
    // built) fails on its own row; the others still run.
    try {
      competitor.command = commandFor(spec, dir);
    } catch (error) {
      competitor.setupError = error.message;
    }
    return competitor;
  });
  if (competitors.length === 0) throw new Error(`${manifestPath}: no competitors`);
  if (manifest.baseline !== undefined && !competitors.some((c) => c.name === manifest.baseline)) throw new Error(`${manifestPath}: baseline ${manifest.baseline} is not a competitor`);
  return {
    name,
    dir,
    description: manifest.description ?? "",
    unit: manifest.unit ?? (measure === "process" ? "runs/s" : "ops/s"),
    measure,
    expect: manifest.expect,
    baseline: manifest.baseline,
    runs: runsOverride ?? manifest.runs ?? 5,
    blocks: manifest.blocks === true,
    timeoutMs: manifest.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    competitors,
  };
}

// ---------------------------------------------------------------- statistics and output

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** 3 significant digits, compact: 1.23M, 45.6K, 812, 83.0. */
const human = new Intl.NumberFormat("en", { notation: "compact", minimumSignificantDigits: 3, maximumSignificantDigits: 3 }).format;

const progressIsTTY = process.stderr.isTTY;
function progress(message) {
  // On a terminal the progress line rewrites itself; in logs every step is a line.
  process.stderr.write(progressIsTTY ? `\r\x1b[K[bench] ${message}` : `[bench] ${message}\n`);
}
function endProgress() {
  if (progressIsTTY) process.stderr.write("\r\x1b[K");
}

function summarize(workload, samplesByName, errors) {
  const summary = {};
  for (const competitor of workload.competitors) {
    const samples = samplesByName.get(competitor.name);
    const throughputs = samples.map((s) => s.ops / (s.ms / 1000));
    const entry = { runtime: competitor.runtime, file: competitor.file, command: competitor.command, env: competitor.env, samples };
    if (errors.has(competitor.name)) entry.error = errors.get(competitor.name);
    else {
      entry.median = median(throughputs);
      entry.min = Math.min(...throughputs);
      entry.max = Math.max(...throughputs);
      entry.medianMs = median(samples.map((s) => s.ms));
    }
    summary[competitor.name] = entry;
  }
  // The reference is real Bun; without a working Bun row there is no ratio.
  const bun = Object.values(summary).find((entry) => entry.runtime === "bun" && entry.median !== undefined);
  for (const entry of Object.values(summary)) entry.ratio = bun && entry.median !== undefined ? entry.median / bun.median : null;
  if (bun && interleave) for (const entry of Object.values(summary)) Object.assign(entry, pairedRatios(entry.samples, bun.samples));
  const baseline = workload.baseline === undefined ? undefined : summary[workload.baseline];
  if (interleave && baseline?.median !== undefined) {
    for (const entry of Object.values(summary)) {
      const { pairedRatio, pairedGeomean } = pairedRatios(entry.samples, baseline.samples);
      entry.pairedVsBaseline = pairedRatio;
      entry.pairedVsBaselineGeomean = pairedGeomean;
    }
  }
  return summary;
}

/** Interleaved rounds: each block against the reference's block of the same round (median and geometric mean). */
function pairedRatios(samples, referenceSamples) {
  const referenceRate = new Map(referenceSamples.map((s) => [s.round, s.ops / s.ms]));
  const ratios = samples.filter((s) => referenceRate.has(s.round)).map((s) => s.ops / s.ms / referenceRate.get(s.round));
  if (ratios.length === 0) return { pairedRatio: null, pairedGeomean: null };
  const geomean = Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio), 0) / ratios.length);
  return { pairedRatio: median(ratios), pairedGeomean: geomean };
}

// 0.43 and 1.00, but 0.0025 rather than a misleading 0.00.
const ratioText = (ratio) => (ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2));

function table(workload, summary) {
  const versusBaseline = interleave && Object.values(summary).some((entry) => entry.pairedVsBaseline != null);
  const pairedHeaders = [...(interleave ? ["paired vs Bun (median, geomean)"] : []), ...(versusBaseline ? [`paired vs ${workload.baseline}`] : [])];
  const header = ["competitor", "runtime", `median ${workload.unit}`, "vs Bun", "spread (min–max)", ...pairedHeaders];
  const pairedText = (ratio, geomean) => (ratio == null ? "—" : `${ratio.toFixed(3)}×, ${geomean.toFixed(3)}×`);
  const rows = Object.entries(summary).map(([name, entry]) => {
    if (entry.error !== undefined) return [name, entry.runtime, `failed: ${entry.error}`, "", "", ...pairedHeaders.map(() => "")];
    const paired = [
      ...(interleave ? [pairedText(entry.pairedRatio, entry.pairedGeomean)] : []),
      ...(versusBaseline ? [pairedText(entry.pairedVsBaseline, entry.pairedVsBaselineGeomean)] : []),
    ];
    // For whole-process timing the time per run reads better than runs/s.
    const perRun = workload.measure === "process" ? ` (${entry.medianMs.toFixed(1)} ms)` : "";
    return [
      name,
      entry.runtime,
      `${human(entry.median)}${perRun}`,
      entry.ratio === null ? "—" : `${ratioText(entry.ratio)}×`,
      `${human(entry.min)}–${human(entry.max)}`,
      ...paired,
    ];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const format = (row) => row.map((cell, column) => cell.padEnd(widths[column])).join(" | ").trimEnd();
  return [
    `${workload.name}: ${workload.description}`,
    interleave
      ? `  ${workload.runs} interleaved blocks each (after one warm-up block), one process per competitor`
      : `  ${workload.runs} runs each, fresh process per run${workload.measure === "process" ? ", timed spawn to exit" : ""}`,
    "",
    format(header),
    widths.map((width) => "-".repeat(width)).join("-|-"),
    ...rows.map(format),
    "",
  ].join("\n");
}

function machineInfo() {
  const bunVersion = spawnSync(bunBinary(), ["--version"], { encoding: "utf8" });
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cpus: os.cpus().length,
    node: process.version,
    bun: bunVersion.status === 0 ? bunVersion.stdout.trim() : `unavailable (${bunVersion.error?.message ?? bunVersion.stderr.trim()})`,
  };
}

// ---------------------------------------------------------------- main

async function runWorkload(workload) {
  const samplesByName = new Map(workload.competitors.map((c) => [c.name, []]));
  const errors = new Map(workload.competitors.filter((c) => c.setupError).map((c) => [c.name, c.setupError]));
  const live = () => workload.competitors.filter((c) => !errors.has(c.name));

  // One discarded warm-up each: fills the OS file cache (and Bun's and
  // esbuild's on-disk caches, if any) so that run 1 is not an outlier.
  for (const competitor of live()) {
    progress(`${workload.name}: warm-up ${competitor.name}`);
    const result = await sample(workload, competitor);
    if (result.error !== undefined) errors.set(competitor.name, result.error);
  }
  for (let round = 0; round < workload.runs; round++) {
    const order = workload.competitors.map((_, i) => workload.competitors[(i + round) % workload.competitors.length]);
    for (const competitor of order) {
      if (errors.has(competitor.name)) continue; // a failed competitor stays failed; don't waste the time
      progress(`${workload.name}: run ${round + 1}/${workload.runs} ${competitor.name}`);
      const result = await sample(workload, competitor);
      if (result.error !== undefined) errors.set(competitor.name, result.error);
      else samplesByName.get(competitor.name).push(result);
    }
    if (live().length === 0) break;
  }
  endProgress();
  return { summary: summarize(workload, samplesByName, errors), failed: errors.size > 0 };
}

/** --interleave: every competitor's process up at once, one block each per round. */
async function runInterleaved(workload) {
  const samplesByName = new Map(workload.competitors.map((c) => [c.name, []]));
  const errors = new Map(workload.competitors.filter((c) => c.setupError).map((c) => [c.name, c.setupError]));
  if (!workload.blocks) {
    for (const competitor of workload.competitors) errors.set(competitor.name, 'no block mode ("blocks": true in workload.json): run it without --interleave');
    return { summary: summarize(workload, samplesByName, errors), failed: true };
  }
  const processes = new Map();
  for (const competitor of workload.competitors.filter((c) => !errors.has(c.name))) {
    progress(`${workload.name}: starting ${competitor.name}`);
    const running = blockProcess(workload, competitor);
    processes.set(competitor.name, running);
    const ready = await running.ready();
    if (ready.error !== undefined) errors.set(competitor.name, ready.error);
  }
  // Round 0 is a discarded warm-up block (caches, JIT tiers), as in the process mode.
  for (let round = 0; round <= workload.runs; round++) {
    const order = workload.competitors.map((_, i) => workload.competitors[(i + round) % workload.competitors.length]);
    for (const competitor of order) {
      if (errors.has(competitor.name)) continue;
      progress(`${workload.name}: ${round === 0 ? "warm-up block" : `block ${round}/${workload.runs}`} ${competitor.name}`);
      const result = await processes.get(competitor.name).block();
      if (result.error !== undefined) errors.set(competitor.name, result.error);
      else if (round > 0) samplesByName.get(competitor.name).push({ ...result, round });
    }
  }
  await Promise.all([...processes.values()].map((running) => running.close()));
  endProgress();
  return { summary: summarize(workload, samplesByName, errors), failed: errors.size > 0 };
}

async function main() {
  const available = discover();
  const names = cli.positionals.length > 0 ? expandNames(cli.positionals, available) : [...available.keys()];
  const unknown = names.filter((name) => !available.has(name));
  if (unknown.length > 0 || names.length === 0) {
    if (unknown.length > 0) process.stderr.write(`unknown workload: ${unknown.join(", ")}\n`);
    process.stderr.write(`available workloads: ${[...available.keys()].join(", ") || "(none)"}\n`);
    process.exit(2);
  }

  const machine = machineInfo();
  const documents = [];
  let anyFailed = false;
  mkdirSync(resultsDir, { recursive: true });
  for (const name of names) {
    const workload = loadWorkload(name, available.get(name));
    const startedAt = new Date();
    // Other work on the machine skews samples; record it, and say so when it is heavy.
    const loadAverage = os.loadavg()[0];
    if (loadAverage > machine.cpus) process.stderr.write(`[bench] ${name}: load average ${loadAverage.toFixed(1)} on ${machine.cpus} cores; expect noisy numbers\n`);
    const { summary, failed } = await (interleave ? runInterleaved(workload) : runWorkload(workload));
    anyFailed ||= failed;
    const document = {
      workload: workload.name,
      description: workload.description,
      unit: workload.unit,
      measure: workload.measure,
      runs: workload.runs,
      mode: interleave ? "interleaved blocks" : "fresh process per run",
      startedAt: startedAt.toISOString(),
      machine,
      loadAverage,
      competitors: summary,
    };
    documents.push(document);
    const resultPath = join(resultsDir, `${name.replaceAll("/", "-")}-${startedAt.toISOString().replaceAll(":", "-")}.json`);
    writeFileSync(resultPath, `${JSON.stringify(document, null, 2)}\n`);
    if (!jsonOnly) {
      process.stdout.write(`${table(workload, summary)}`);
      process.stdout.write(`  → ${relative(process.cwd(), resultPath)}\n\n`);
    }
  }
  if (jsonOnly) process.stdout.write(`${JSON.stringify(documents, null, 2)}\n`);
  else process.stdout.write(`machine: ${machine.cpu}, ${machine.cpus} cores, ${machine.os}; node ${machine.node}, bun ${machine.bun}\n`);
  process.exitCode = anyFailed ? 1 : 0;
}

await main();
