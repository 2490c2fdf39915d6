// Shared by the serve workloads. The competitor's process is the server: it
// listens on 127.0.0.1, pins itself (every thread) to core 0, drives itself
// with `wrk` pinned to core 1, checks that every answer was right, and prints
// {"ops": requests answered, "ms": wrk's duration}. Bun and Node run this same
// module, so the load is generated and counted identically for all of them.
// Under `bench.mjs --interleave` each wrk run is one block (lib/timed.mjs):
// every competitor's server stays up, idle between its blocks.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timed } from "../lib/timed.mjs";

const SECONDS = Number(process.env.DX_BENCH_SERVE_SECONDS ?? 5);
const CONNECTIONS = 64;
export const HELLO = "Hello World!";
/** The JSON echo body: a small realistic document (~440 bytes as JSON). */
export const ECHO_DOCUMENT = {
  id: 12345,
  name: "dx-compat",
  tags: ["bun", "node", "compat", "server"],
  nested: { a: 1, b: [1, 2, 3], c: { d: "e".repeat(32) } },
  items: Array.from({ length: 8 }, (_, i) => ({ i, label: `item-${i}`, ok: i % 2 === 0 })),
};

function pinToCore(core) {
  // Bun and Node both run helper threads; pin all of them so wrk owns the other core.
  try {
    execFileSync("taskset", ["-a", "-pc", String(core), String(process.pid)], { stdio: "ignore" });
  } catch {
    // No taskset (or one core): the ratios stay comparable, only noisier.
  }
}

function wrkScript(method, body) {
  if (method === "GET") return [];
  const dir = mkdtempSync(join(tmpdir(), "dx-bench-wrk-"));
  const file = join(dir, "request.lua");
  writeFileSync(file, `wrk.method = ${JSON.stringify(method)}\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/json"\n`);
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return ["-s", file];
}

/** wrk runs asynchronously: the server answering it lives on this same event loop. */
function runWrk(url, method, body, connections, seconds) {
  const args = ["-c", "1", "wrk", "-t1", `-c${connections}`, `-d${seconds}s`, ...wrkScript(method, body), url];
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}: ${out}`))));
  });
}

function parseWrk(out) {
  const total = /(\d+) requests in ([\d.]+)(ms|s|m)/.exec(out);
  if (total === null) throw new Error(`unreadable wrk output: ${out}`);
  const scale = { ms: 1, s: 1000, m: 60_000 }[total[3]];
  const errors = /Socket errors: (.*)/.exec(out)?.[1];
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1];
  if (errors !== undefined || non2xx !== undefined) throw new Error(`wrong answers under load: ${errors ?? ""} ${non2xx ?? ""} non-2xx\n${out}`);
  return { ops: Number(total[1]), ms: Number(total[2]) * scale };
}

/** Check one answer by hand, so a server that answers fast but wrong fails the run. */
async function checkOnce(url, method, body, expectBody) {
  const response = await fetch(url, method === "GET" ? {} : { method, body, headers: { "content-type": "application/json" } });
  const text = await response.text();
  if (response.status !== 200 || text !== expectBody) throw new Error(`wrong answer: ${response.status} ${text.slice(0, 200)}`);
}

/**
 * Drive the server listening on `port`: a warm-up second, then `SECONDS` of
 * wrk with 64 connections (once, or once per block); prints the result line(s)
 * and exits.
 */
export async function drive(port, { path = "/", method = "GET", body = "", expectBody = HELLO } = {}) {
  pinToCore(0);
  const url = `http://127.0.0.1:${port}${path}`;
  await checkOnce(url, method, body, expectBody);
  await runWrk(url, method, body, 16, 1);
  await timed(async () => {
    const result = parseWrk(await runWrk(url, method, body, CONNECTIONS, SECONDS));
    await checkOnce(url, method, body, expectBody);
    return result;
  });
  process.exit(0);
}
