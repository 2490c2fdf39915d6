// Shared by the spawn workloads: the loop that times COUNT spawns after a
// warm-up, and the checks that every spawn really ran.
import { timed } from "../lib/timed.mjs";

export const COUNT = 2_000;
const WARM_UP = 50;

/** Runs `spawnOnce` WARM_UP + COUNT times (each must return true), prints {"ops", "ms"}. */
export function runSync(spawnOnce) {
  for (let i = 0; i < WARM_UP; i++) check(spawnOnce());
  return timed(() => {
    const start = performance.now();
    for (let i = 0; i < COUNT; i++) check(spawnOnce());
    return { ops: COUNT, ms: performance.now() - start };
  });
}

function check(ok) {
  if (ok !== true) throw new Error("a spawn failed");
}

/** The first `name` on PATH, resolved once (the dx-compat native row measures the engine, not the lookup). */
export async function resolveOnPath(name) {
  const { accessSync, constants } = await import("node:fs");
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const path = `${dir}/${name}`;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // next PATH entry
    }
  }
  throw new Error(`${name} not found on PATH`);
}

/**
 * `true`'s spawn request with Bun's default stdio (stdin /dev/null, stdout a
 * pipe, stderr inherited), its path resolved and the environment turned into
 * entries once, outside the timed loop.
 */
export async function trueRequest() {
  return {
    file: await resolveOnPath("true"),
    argv: ["true"],
    env: Object.entries(process.env).map(([key, value]) => `${key}=${value}`),
    cwd: "",
    stdin: -1,
    stdout: -2,
    stderr: 2,
  };
}

export const CONCURRENCY = 16;

/** Keeps CONCURRENCY `spawnOnce()` promises in flight until COUNT have settled (after a warm-up), prints {"ops", "ms"}. */
export async function runConcurrent(spawnOnce) {
  const lane = async (count) => {
    for (let i = 0; i < count; i++) check(await spawnOnce());
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, () => lane(WARM_UP / 10)));
  await timed(async () => {
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, () => lane(COUNT / CONCURRENCY)));
    return { ops: COUNT, ms: performance.now() - start };
  });
}
