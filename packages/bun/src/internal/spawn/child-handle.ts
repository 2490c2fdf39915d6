// The two engines under Bun.spawn, behind one shape. Most spawns go through
// @dx-compat/native's `spawn` (posix_spawn with a waiter that reports the
// child's rusage; its own twin is child_process where the addon is absent).
// Node's ChildProcess is used directly only for what that engine lacks: an
// IPC channel, stdio slots past 2, and detached children.
import { launchEnvironment, spawn as spawnChild, type ResourceUsage } from "@dx-compat/native";
import { ChildProcess, type StdioOptions } from "node:child_process";
import { constants as osConstants } from "node:os";
import type { Readable, Writable } from "node:stream";

const signalNumbers = osConstants.signals as Readonly<Record<string, number>>;

type Slot = "ignore" | "pipe" | "ipc" | number;

/** How a child ended: an exit code or a signal number, and its rusage where known. */
export type ExitHandler = (exitCode: number | null, signal: number | null, usage: ResourceUsage | null, execErrno: number) => void;

export interface ChildHandle {
  readonly pid: number;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** stdio slots 3 and up (ChildProcess only). */
  readonly extra: readonly (Readable | null)[];
  /** The ChildProcess carrying an IPC channel, when there is one. */
  readonly channel: ChildProcess | undefined;
  ref(): void;
  unref(): void;
}

export interface Launch {
  file: string;
  argv: string[];
  /** "launch": the environment the process started with (the addon keeps it). */
  env: string[] | "launch";
  cwd: string;
  stdio: Slot[];
  detached: boolean;
  serialization: "json" | "advanced" | undefined;
  /** A pseudo-terminal's slave: the child's 0, 1, 2 and controlling terminal (the native engine only). */
  terminal?: number | undefined;
}

/** A failed spawn: the negative errno Node reports. */
export class SpawnErrno {
  readonly errno: number;

  constructor(errno: number) {
    this.errno = errno;
  }
}

type Refable = { ref?: () => unknown; unref?: () => unknown } | null;

function needsChildProcess(launch: Launch): boolean {
  return launch.detached || launch.serialization !== undefined || launch.stdio.length > 3 || launch.stdio.includes("ipc");
}

function code(slot: Slot): number {
  return slot === "ignore" ? -1 : slot === "pipe" ? -2 : (slot as number);
}

/**
 * ref/unref for a child and its pipes: ref restores the output pipes (stdin's
 * writes hold the loop only while pending anyway); unref lets go of all three.
 */
function refsOf(child: { ref(): void; unref(): void; stdin: Writable | null; stdout: Readable | null; stderr: Readable | null }): Pick<ChildHandle, "ref" | "unref"> {
  return {
    ref: () => {
      child.ref();
      for (const stream of [child.stdout, child.stderr] as Refable[]) stream?.ref?.();
    },
    unref: () => {
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr] as Refable[]) stream?.unref?.();
    },
  };
}

function viaEngine(launch: Launch, onExit: ExitHandler): ChildHandle | SpawnErrno {
  const [stdin = -1, stdout = -1, stderr = -1] = launch.stdio.map(code);
  const request = { file: launch.file, argv: launch.argv, env: launch.env, cwd: launch.cwd, stdin, stdout, stderr };
  const child = spawnChild(launch.terminal === undefined ? request : { ...request, terminal: launch.terminal }, onExit);
  if (child.errno !== 0) return new SpawnErrno(-child.errno);
  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    extra: [],
    channel: undefined,
    ...refsOf(child),
  };
}

interface SpawnableChild {
  spawn(options: object): number | undefined;
}

/** The entries for `child_process`; an IPC channel's variables are the new channel's alone (a parent made by fork() has its own). */
function envPairs(launch: Launch): readonly string[] {
  const env = launch.env === "launch" ? launchEnvironment() : launch.env;
  return launch.stdio.includes("ipc") ? env.filter((entry) => !entry.startsWith("NODE_CHANNEL_")) : env;
}

function viaChildProcess(launch: Launch, onExit: ExitHandler): ChildHandle | SpawnErrno {
  const child = new ChildProcess();
  child.on("error", () => {});
  let status: number | undefined;
  try {
    // ChildProcess#spawn takes the whole argv and env pairs, and returns the errno at once.
    status = (child as unknown as SpawnableChild).spawn({
      file: launch.file,
      args: launch.argv,
      ...(launch.cwd === "" ? {} : { cwd: launch.cwd }),
      envPairs: envPairs(launch),
      stdio: launch.stdio as StdioOptions,
      detached: launch.detached,
      ...(launch.serialization === undefined ? {} : { serialization: launch.serialization }),
    });
  } catch (error) {
    return new SpawnErrno((error as { errno?: number }).errno ?? -5);
  }
  if (typeof status === "number" && status < 0) return new SpawnErrno(status);
  child.once("exit", (exitCode: number | null, signal: NodeJS.Signals | null) => {
    const number = signal === null ? undefined : signalNumbers[signal];
    onExit(number === undefined ? exitCode : null, number ?? null, null, 0);
  });
  return {
    pid: child.pid as number,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    extra: child.stdio.slice(3) as (Readable | null)[],
    channel: launch.stdio.includes("ipc") ? child : undefined,
    ...refsOf(child),
  };
}

/** Starts the child; a failed spawn comes back as a SpawnErrno, never thrown. */
export function launchChild(launch: Launch, onExit: ExitHandler): ChildHandle | SpawnErrno {
  return needsChildProcess(launch) && launch.terminal === undefined ? viaChildProcess(launch, onExit) : viaEngine(launch, onExit);
}
