// spawnSync, on whichever backend this run selected (the package's test script
// runs the suite natively and with DX_COMPAT_NATIVE=0): argv, env, cwd and
// stdin reach the child exactly, captured streams come back whole, limits
// kill, failures come back as errno, and nothing leaks into the child or the parent.
import { scratchDir } from "@dx-compat/oracle";
import { closeSync, openSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import process from "node:process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backend, launchEnvironment, spawnSync, type SpawnSyncOutcome, type SpawnSyncRequest } from "../src/index.ts";
import { spawnSync as twinSpawnSync } from "../src/internal/twin/spawn-sync.ts";

const { errno, signals } = constants;
const dir = realpathSync(scratchDir("dx-compat-native-spawn-"));
const native = backend() === "native";

function request(file: string, args: string[], over: Partial<SpawnSyncRequest> = {}): SpawnSyncRequest {
  return {
    file,
    argv: [file, ...args],
    env: ["PATH=/usr/bin:/bin"],
    cwd: "",
    stdin: -1,
    stdout: -2,
    stderr: -2,
    timeoutMs: 0,
    killSignal: signals.SIGTERM,
    maxBuffer: 0,
    ...over,
  };
}

function sh(script: string, over: Partial<SpawnSyncRequest> = {}): SpawnSyncOutcome {
  return spawnSync(request("/bin/sh", ["-c", script], over));
}

function text(bytes: Buffer | null): string {
  if (bytes === null) throw new Error("expected captured bytes");
  return bytes.toString("utf8");
}

/** printf prints each argument followed by a NUL, so the split gives them back exactly. */
function echoedArgs(args: string[]): string[] {
  const outcome = spawnSync(request("/usr/bin/printf", ["%s\\0", ...args]));
  expect(outcome.exitCode).toBe(0);
  return text(outcome.stdout).split("\0").slice(0, -1);
}

const noNul = (unit: "grapheme" | "binary") => fc.string({ unit, maxLength: 40 }).filter((s) => !s.includes("\0"));

describe("spawnSync: what reaches the child", () => {
  it("passes every argument exactly (spaces, quotes, unicode, empty strings)", () => {
    fc.assert(
      fc.property(fc.array(noNul("grapheme"), { minLength: 1, maxLength: 8 }), (args) => {
        expect(echoedArgs(args)).toEqual(args);
      }),
      { numRuns: 60 },
    );
    expect(echoedArgs(["", " ", "a b", `'"\\$HOME`, "日本語 🎉", "-n", "--"])).toEqual(["", " ", "a b", `'"\\$HOME`, "日本語 🎉", "-n", "--"]);
  });

  it("turns lone surrogates into U+FFFD, as Bun and Node do", () => {
    expect(echoedArgs(["a\uD800b"])).toEqual(["a\uFFFDb"]);
  });

  it("uses argv[0] as given, apart from the file", () => {
    const outcome = spawnSync({
      ...request(process.execPath, ["-e", "process.stdout.write(process.argv0)"]),
      argv: ["my-name", "-e", "process.stdout.write(process.argv0)"],
    });
    expect(text(outcome.stdout)).toBe("my-name");
  });

  it("with `env: null` gives the child this process's environment as it is now", () => {
    process.env["DX_SPAWN_SYNC_LATE"] = "late";
    try {
      expect(text(spawnSync(request("/usr/bin/env", ["-0"], { env: null })).stdout).split("\0")).toContain("DX_SPAWN_SYNC_LATE=late");
    } finally {
      delete process.env["DX_SPAWN_SYNC_LATE"];
    }
  });

  it('with `env: "launch"` gives the child the environment this process started with, whatever changed since', () => {
    const started = readFileSync("/proc/self/environ", "utf8").split("\0").filter((entry) => entry.length > 0);
    process.env["DX_SPAWN_SYNC_LATE"] = "late";
    try {
      const seen = text(spawnSync(request("/usr/bin/env", ["-0"], { env: "launch" })).stdout).split("\0").slice(0, -1);
      expect(seen).toEqual(started);
      expect(launchEnvironment()).toEqual(started);
    } finally {
      delete process.env["DX_SPAWN_SYNC_LATE"];
    }
  });

  it("gives the child exactly the environment asked for", () => {
    const entry = fc.tuple(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), noNul("grapheme"));
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: ([key]) => key, maxLength: 8 }), (pairs) => {
        const env = pairs.map(([key, value]) => `${key}=${value}`);
        const outcome = spawnSync(request("/usr/bin/env", ["-0"], { env }));
        expect(text(outcome.stdout).split("\0").slice(0, -1)).toEqual(env);
      }),
      { numRuns: 40 },
    );
  });

  it("runs in cwd, or in the parent's directory for an empty cwd", () => {
    expect(text(spawnSync(request("/bin/pwd", [], { cwd: dir })).stdout)).toBe(`${dir}\n`);
    expect(text(spawnSync(request("/bin/pwd", [])).stdout)).toBe(`${realpathSync(process.cwd())}\n`);
  });

  it("feeds stdin bytes of any size, then closes it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200_000 }), (bytes) => {
        const outcome = spawnSync(request("/bin/cat", [], { stdin: bytes }));
        expect(Buffer.compare(outcome.stdout ?? Buffer.alloc(1), Buffer.from(bytes))).toBe(0);
      }),
      { numRuns: 25 },
    );
    const big = Buffer.alloc(5 << 20, 7);
    expect(Buffer.compare(spawnSync(request("/bin/cat", [], { stdin: big })).stdout ?? Buffer.alloc(0), big)).toBe(0);
    expect(text(spawnSync(request("/bin/cat", [], { stdin: new Uint8Array(0) })).stdout)).toBe("");
  });

  it("does not deadlock when the child never reads its stdin", () => {
    const big = Buffer.alloc(4 << 20, 1);
    expect(spawnSync(request("/bin/true", [], { stdin: big })).exitCode).toBe(0);
    const outcome = sh("sleep 0.1; echo done; exit 4", { stdin: big });
    expect([outcome.exitCode, text(outcome.stdout)]).toEqual([4, "done\n"]);
  });

  it("starts the child with default signal dispositions and an empty mask (Node ignores SIGPIPE)", () => {
    const status = text(spawnSync(request("/bin/grep", ["-E", "^Sig(Ign|Blk)", "/proc/self/status"])).stdout);
    expect(status).toBe("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
  });

  // Node's child_process (the twin) passes on descriptors opened without
  // close-on-exec; Bun and the addon close everything from 3 up.
  it.runIf(native)("lets the child inherit no descriptor but 0, 1 and 2", () => {
    // ls opens the listed directory itself, as its fd 3.
    const fds = text(spawnSync(request("/bin/ls", ["/proc/self/fd"])).stdout).trim().split("\n");
    expect(fds.filter((fd) => Number(fd) > 3)).toEqual([]);
  });
});

describe("spawnSync: what comes back", () => {
  it("captures several MiB on stdout and stderr at once", () => {
    // Alternate blocking writes to both, so a parent draining only one would deadlock.
    const script = `const fs = require("fs"), chunk = Buffer.alloc(65536);
      for (let i = 0; i < 96; i++) { chunk.fill(i); fs.writeSync(1, chunk); fs.writeSync(2, chunk); }`;
    const outcome = spawnSync(request(process.execPath, ["-e", script]));
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout?.length).toBe(96 * 65536);
    expect(Buffer.compare(outcome.stdout ?? Buffer.alloc(0), outcome.stderr ?? Buffer.alloc(0))).toBe(0);
  });

  it("reports exit codes", () => {
    for (const code of [0, 1, 42, 255]) {
      const outcome = sh(`exit ${code}`);
      expect([outcome.exitCode, outcome.signalCode, outcome.errno]).toEqual([code, null, 0]);
      expect(outcome.pid).toBeGreaterThan(0);
    }
  });

  it("reports the signal that ended the child", () => {
    expect([sh("kill -KILL $$").signalCode, sh("kill -KILL $$").exitCode]).toEqual([signals.SIGKILL, null]);
    expect(sh("kill -TERM $$").signalCode).toBe(signals.SIGTERM);
  });

  it("sends killSignal when the timeout passes", () => {
    const started = performance.now();
    const outcome = spawnSync(request("/bin/sleep", ["10"], { timeoutMs: 100, killSignal: signals.SIGKILL }));
    expect(performance.now() - started).toBeLessThan(5000);
    expect([outcome.timedOut, outcome.signalCode, outcome.exitCode]).toEqual([true, signals.SIGKILL, null]);
    const quick = spawnSync(request("/bin/true", [], { timeoutMs: 5000 }));
    expect([quick.timedOut, quick.exitCode]).toEqual([false, 0]);
  });

  it("times out a child that writes nothing and one whose grandchild holds the pipe", () => {
    const quiet = sh("sleep 10", { stdout: -1, stderr: -1, timeoutMs: 100 });
    expect([quiet.timedOut, quiet.signalCode]).toEqual([true, signals.SIGTERM]);
    const started = performance.now();
    const held = sh("sleep 3 & echo started", { timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(2500);
    expect(text(held.stdout)).toBe("started\n");
  });

  it("sends killSignal when a captured stream exceeds maxBuffer", () => {
    const outcome = spawnSync(request("/usr/bin/yes", [], { maxBuffer: 10_000 }));
    expect([outcome.maxBufferExceeded, outcome.signalCode]).toEqual([true, signals.SIGTERM]);
    expect(outcome.stdout?.length).toBeGreaterThanOrEqual(10_000);
    const fits = sh("echo small", { maxBuffer: 10_000 });
    expect([fits.maxBufferExceeded, fits.exitCode]).toEqual([false, 0]);
  });

  it("writes to /dev/null and reads from it", () => {
    const outcome = sh("echo out; echo err >&2; cat", { stdout: -1, stderr: -1 });
    expect([outcome.stdout, outcome.stderr, outcome.exitCode]).toEqual([null, null, 0]);
    expect(text(spawnSync(request("/bin/cat", [])).stdout)).toBe("");
  });

  it("hands given descriptors to the child", () => {
    const path = join(dir, "out.txt");
    const out = openSync(path, "w");
    const input = join(dir, "in.txt");
    writeFileSync(input, "from a file\n");
    const inFd = openSync(input, "r");
    try {
      const outcome = sh("cat; echo err >&2", { stdin: inFd, stdout: out });
      expect([outcome.stdout, text(outcome.stderr), outcome.exitCode]).toEqual([null, "err\n", 0]);
    } finally {
      closeSync(out);
      closeSync(inFd);
    }
    expect(readFileSync(path, "utf8")).toBe("from a file\n");
  });

  it("reports resource usage natively (null from the twin, which Node cannot know)", () => {
    const usage = sh("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done").resourceUsage;
    if (!native) return expect(usage).toBeNull();
    if (usage === null) throw new Error("expected resource usage");
    expect(usage.maxRSS).toBeGreaterThan(0);
    expect(usage.cpuTime.total).toBe(usage.cpuTime.user + usage.cpuTime.system);
    expect(usage.cpuTime.total).toBeGreaterThan(0n);
    expect(Object.keys(usage).sort()).toEqual(["contextSwitches", "cpuTime", "maxRSS", "messages", "ops", "shmSize", "signalCount", "swapCount"]);
  });
});

describe("spawnSync: failures", () => {
  function failure(outcome: SpawnSyncOutcome): [number, number, Buffer | null] {
    return [outcome.pid, outcome.errno, outcome.stdout];
  }

  it("a missing executable is ENOENT", () => {
    expect(failure(spawnSync(request(join(dir, "missing"), [])))).toEqual([0, errno.ENOENT, null]);
  });

  it("a file that is not executable is EACCES", () => {
    const path = join(dir, "data.txt");
    writeFileSync(path, "x");
    expect(failure(spawnSync(request(path, [])))).toEqual([0, errno.EACCES, null]);
    expect(failure(spawnSync(request(dir, [])))).toEqual([0, errno.EACCES, null]);
  });

  it("a cwd that is missing is ENOENT, one that is a file ENOTDIR", () => {
    expect(failure(spawnSync(request("/bin/true", [], { cwd: join(dir, "nope") })))).toEqual([0, errno.ENOENT, null]);
    const file = join(dir, "plain");
    writeFileSync(file, "");
    expect(failure(spawnSync(request("/bin/true", [], { cwd: file })))).toEqual([0, errno.ENOTDIR, null]);
  });

  it("a NUL in any string is EINVAL", () => {
    expect(spawnSync(request("/bin/echo", ["a\0b"])).errno).toBe(errno.EINVAL);
    expect(spawnSync(request("/bin/echo", [], { env: ["A=\0"] })).errno).toBe(errno.EINVAL);
  });

  it("a bad descriptor is EBADF", () => {
    expect(spawnSync(request("/bin/true", [], { stdout: 987_654 })).errno).toBe(errno.EBADF);
  });

  it("leaves no descriptor open in the parent, whatever happened", () => {
    const before = readdirSync("/proc/self/fd").length;
    for (let i = 0; i < 20; i++) {
      spawnSync(request(join(dir, "missing"), [], { stdin: Buffer.from("x") }));
      spawnSync(request("/bin/true", [], { cwd: join(dir, "nope") }));
      sh("exec >&-; sleep 0.2", { timeoutMs: 20, stdin: Buffer.alloc(100_000) });
      spawnSync(request("/usr/bin/yes", [], { maxBuffer: 1000 }));
    }
    expect(readdirSync("/proc/self/fd").length).toBe(before);
  });
});

describe.runIf(native)("spawnSync: the addon and the twin agree", () => {
  function comparable(outcome: SpawnSyncOutcome): Partial<SpawnSyncOutcome> {
    const { pid: _pid, resourceUsage: _usage, ...rest } = outcome;
    return rest;
  }

  it("on random argv and stdin", () => {
    fc.assert(
      fc.property(fc.array(noNul("grapheme"), { maxLength: 6 }), fc.uint8Array({ maxLength: 100_000 }), fc.integer({ min: 0, max: 3 }), (args, stdin, code) => {
        const script = `printf '%s|' "$@"; cat; cat >&2 </dev/null; exit ${code}`;
        const ask = request("/bin/sh", ["-c", script, "sh", ...args], { stdin });
        expect(comparable(spawnSync(ask))).toEqual(comparable(twinSpawnSync(ask)));
      }),
      { numRuns: 40 },
    );
  });

  it("on failures", () => {
    for (const ask of [request(join(dir, "missing"), []), request("/bin/true", [], { cwd: join(dir, "nope") }), request(dir, [])]) {
      expect(comparable(spawnSync(ask))).toEqual(comparable(twinSpawnSync(ask)));
    }
  });
});
