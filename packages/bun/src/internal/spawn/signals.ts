// Signal names and numbers as Bun 1.4.5 spells them: the names it accepts (its
// error lists exactly these, in signal-number order) and the name it reports
// for a number (SIGABRT rather than SIGIOT, SIGIO rather than SIGPOLL).
import { constants } from "node:os";
import { bunCoded, invalidArgType } from "../errors.ts";

const bunNames = [
  "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
  "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
  "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
] as const;

const numbers = constants.signals as Readonly<Record<string, number>>;
/** The names this platform knows, in Bun's order. */
const names: readonly string[] = bunNames.filter((name) => numbers[name] !== undefined);
const byNumber = new Map<number, string>();
for (const name of names) if (!byNumber.has(numbers[name] as number)) byNumber.set(numbers[name] as number, name);

const listed = `${names.slice(0, -1).map((name) => `'${name}'`).join(", ")} or '${names.at(-1) ?? ""}'`;

export const SIGTERM: number = numbers["SIGTERM"] ?? 15;

/** A signal's name, or its number when it has none (a real-time signal). */
export function signalName(signal: number): string | number {
  return byNumber.get(signal) ?? signal;
}

/** Bun's reading of a `kill(signal)` argument: a known name or an integer in [0, 32); null, NaN and "" mean SIGTERM. */
export function parseSignal(value: unknown): number {
  if (value === undefined || value === null || value === "" || Number.isNaN(value)) return SIGTERM;
  if (typeof value === "string") {
    const number = names.includes(value) ? numbers[value] : undefined;
    if (number === undefined) throw invalidArgType(`signal must be one of ${listed}`);
    return number;
  }
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw invalidArgType("Unknown signal");
    if (value < 0) throw invalidArgType("Invalid signal: must be >= 0");
    if (value >= 32) throw invalidArgType("Invalid signal: must be < 32");
    return value;
  }
  throw invalidArgType("Invalid signal: must be a string or an integer");
}

/** The `killSignal` option: as `kill()`, except that 0 is refused. */
export function parseKillSignal(value: unknown): number {
  const signal = parseSignal(value);
  if (signal === 0) throw bunCoded("Unknown signal: 0", "ERR_UNKNOWN_SIGNAL", TypeError);
  return signal;
}
