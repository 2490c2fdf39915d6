// Bun gives children (and resolves executables along) the environment the
// process was launched with: later changes to `process.env` are not seen
// unless `env` is passed. @dx-compat/native reads it (and keeps it for its
// own spawns).
import { launchEnvironment } from "@dx-compat/native";

let launchPATH: string | undefined;

/** PATH as it was at launch ("" when unset). */
export function launchPath(): string {
  if (launchPATH === undefined) {
    const entry = launchEnvironment().find((line) => line.startsWith("PATH="));
    launchPATH = entry === undefined ? "" : entry.slice(5);
  }
  return launchPATH;
}
