import { readFileSync } from "node:fs";

let launch: readonly string[] | undefined;

function read(): readonly string[] {
  try {
    return readFileSync("/proc/self/environ", "utf8")
      .split("\0")
      .filter((entry) => entry.length > 0);
  } catch {
    return Object.entries(process.env).map(([key, value]) => `${key}=${value ?? ""}`);
  }
}

/**
 * The environment this process was started with, as "KEY=value" entries:
 * later changes to `process.env` are not in it. On Linux it is read back
 * from `/proc/self/environ`; elsewhere it is `process.env` as first seen
 * here. Read once. The addon keeps the same entries itself for a spawn
 * request's `env: "launch"`.
 *
 * @example
 * ```ts
 * import { launchEnvironment } from "@dx-compat/native";
 * launchEnvironment().find((entry) => entry.startsWith("PATH="));
 * ```
 */
export function launchEnvironment(): readonly string[] {
  launch ??= read();
  return launch;
}
