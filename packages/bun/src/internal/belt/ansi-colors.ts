// How Bun decides, once at start-up, whether it writes ANSI colors (measured
// against Bun 1.4.5): FORCE_COLOR turns them on unless it is "0" or "false"
// (an empty FORCE_COLOR forces too); otherwise a non-empty NO_COLOR other than
// "0" or "false" turns them off; otherwise they are on when stdout or stderr is
// a terminal. TERM and CI play no part.
import { isatty } from "node:tty";

function isOff(value: string): boolean {
  return value === "0" || value === "false";
}

export function ansiColorsEnabled(env: NodeJS.ProcessEnv = process.env, isTerminal: (fd: number) => boolean = isatty): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined && !isOff(force)) return true;
  const noColor = env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "" && !isOff(noColor)) return false;
  return isTerminal(1) || isTerminal(2);
}
