// Shared by the websocket-echo competitors: the competitor's process is the
// server. It pins itself to core 0, runs the client (client.mjs under Bun)
// pinned to core 1, and times the client's measured round from its "start"
// line to its result line, with process.cpuUsage() over the same span. It
// prints the server CPU per message to stderr and, last, {"ops", "ms"}.
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CONNECTIONS = Number(process.env.DX_BENCH_WS_CONNECTIONS ?? 16);
const MESSAGES = Number(process.env.DX_BENCH_WS_MESSAGES ?? 600_000);
const WINDOW = Number(process.env.DX_BENCH_WS_WINDOW ?? 128);

function pinToCore(core) {
  try {
    execFileSync("taskset", ["-a", "-pc", String(core), String(process.pid)], { stdio: "ignore" });
  } catch {
    // No taskset: the numbers get noisier, the ratios stay comparable.
  }
}

function bunBinary() {
  return join(dirname(createRequire(import.meta.url).resolve("bun/package.json")), "bin", "bun.exe");
}

export async function drive(port) {
  pinToCore(0);
  const client = fileURLToPath(new URL("client.mjs", import.meta.url));
  const child = spawn("taskset", ["-c", "1", bunBinary(), client, String(port), String(CONNECTIONS), String(MESSAGES), String(WINDOW)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let startTime = 0;
  let startCpu;
  let buffered = "";
  const result = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => reject(new Error(`client exited ${code} before reporting`)));
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line === "start") {
          startCpu = process.cpuUsage();
          startTime = performance.now();
        } else {
          const ms = performance.now() - startTime;
          const cpu = process.cpuUsage(startCpu);
          resolve({ ...JSON.parse(line), ms, cpuMs: (cpu.user + cpu.system) / 1000 });
        }
      }
    });
  });
  if (result.wrong !== 0) throw new Error(`${result.wrong} wrong echoes`);
  const perMessageUs = (result.cpuMs * 1000) / result.messages;
  console.error(`[websocket-echo] ${Math.round(result.messages / (result.ms / 1000))} msg/s, server CPU ${perMessageUs.toFixed(2)} µs/message (${Math.round((result.cpuMs / result.ms) * 100)}% of a core)`);
  console.log(JSON.stringify({ ops: result.messages, ms: result.ms }));
  process.exit(0);
}
