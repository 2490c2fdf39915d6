// Bun gives children (and resolves executables along) the environment the
// process was launched with: later changes to `process.env` are not seen
// unless `env` is passed. On Linux the launch environment is read back from
// /proc/self/environ; elsewhere it is `process.env` as first seen here.
import { readFileSync } from "node:fs";

let launch: readonly string[] | undefined;

function read(): readonly string[] {
  try {
    const text = readFileSync("/proc/self/environ", "utf8");
    return text.split("\0").filter((entry) => entry.length > 0);
  } catch {
    return Object.entries(process.env).map(([key, value]) => `${key}=${value ?? ""}`);
  }
}

/** The launch environment as "KEY=value" entries. */
export function launchEnv(): readonly string[] {
  launch ??= read();
  return launch;
}

let launchPATH: string | undefined;

/** PATH as it was at launch ("" when unset). */
export function launchPath(): string {
  if (launchPATH === undefined) {
    const entry = launchEnv().find((line) => line.startsWith("PATH="));
    launchPATH = entry === undefined ? "" : entry.slice(5);
  }
  return launchPATH;
}
