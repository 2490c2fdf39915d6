// The `dx-compat` CLI: `dx-compat run <file> [args…]` against `bun run <file> [args…]`.
import { bunBinary, nodeBinary, runProcess, writeFiles } from "@dx-compat/oracle";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../bin/dx-compat.js", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const dxCompat = (args: string[], cwd?: string) => runProcess(nodeBinary(), [cli, ...args], cwd === undefined ? {} : { cwd });
const bun = (args: string[], cwd?: string) => runProcess(bunBinary(), args, cwd === undefined ? {} : { cwd });

const program = {
  "app.ts": `import { sleep } from "bun";\nconst code: number = Number(process.argv[2] ?? 0);\nawait sleep(1);\nconsole.log(JSON.stringify({ rest: Bun.argv.slice(2), main: Bun.main === import.meta.path, isMain: import.meta.main }));\nprocess.exitCode = code;\n`,
};

describe("dx-compat run", () => {
  it("runs a TypeScript program with Bun's argv and exit code", async () => {
    const dir = writeFiles(program);
    const args = ["7", "two words", "--flag=x"];
    const [ours, theirs] = await Promise.all([dxCompat(["run", "app.ts", ...args], dir), bun(["run", "app.ts", ...args], dir)]);
    expect(theirs.code).toBe(7);
    expect(ours).toEqual(theirs);
  });

  it("accepts the file directly, as `bun <file>` does", async () => {
    const dir = writeFiles(program);
    const [ours, theirs] = await Promise.all([dxCompat(["app.ts", "3"], dir), bun(["app.ts", "3"], dir)]);
    expect(ours).toEqual(theirs);
  });

  it("propagates a signal death", async () => {
    const dir = writeFiles({ "die.mjs": `process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 1000);` });
    const [ours, theirs] = await Promise.all([dxCompat(["run", "die.mjs"], dir), bun(["run", "die.mjs"], dir)]);
    expect(theirs.signal).toBe("SIGTERM");
    expect(ours.signal).toBe(theirs.signal);
    expect(ours.code).toBe(theirs.code);
  });

  it("fails with Bun's message and exit code for a missing file", async () => {
    const dir = writeFiles({});
    const ours = await dxCompat(["run", "nope.ts"], dir);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toBe(`error: Module not found "nope.ts"\n`);
  });

  it("needs a file after run", async () => {
    const ours = await dxCompat(["run"]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toContain("`run` needs a file to run");
  });
});

describe("dx-compat --version and --help", () => {
  it("prints the package version, as `bun --version` prints its own", async () => {
    for (const flag of ["--version", "-v"]) {
      const ours = await dxCompat([flag]);
      expect(ours).toEqual({ code: 0, signal: null, stdout: `${manifest.version}\n`, stderr: "" });
    }
  });

  it("prints usage", async () => {
    const ours = await dxCompat(["--help"]);
    expect(ours.code).toBe(0);
    expect(ours.stdout).toContain("Usage: dx-compat run <file> [args…]");
  });

  it("rejects unknown options", async () => {
    const ours = await dxCompat(["--nope"]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toContain("unknown option --nope");
  });
});

describe("the main demo", () => {
  it("runs examples/hello the same under Bun and dx-compat", async () => {
    const app = fileURLToPath(new URL("../../../examples/hello/src/app.ts", import.meta.url));
    const cwd = join(app, "..", "..");
    const [ours, theirs] = await Promise.all([dxCompat(["run", app, "Ada"], cwd), bun(["run", app, "Ada"], cwd)]);
    expect(theirs.code).toBe(0);
    expect(ours).toEqual(theirs);
  });
});
