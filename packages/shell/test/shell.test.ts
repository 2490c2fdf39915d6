// Behaviour of `$` on Node: each construct and built-in, with expectations
// taken from Bun 1.4.5's documented and observed behaviour.
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeEach, describe, expect, it } from "vitest";
import { $ } from "../src/index.ts";
import { expandBraces, tokenizeBraces } from "../src/internal/braces.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(`${tmpdir()}/dx-shell-test-`);
  writeFileSync(`${dir}/a.txt`, "alpha\n");
  mkdirSync(`${dir}/sub`);
});

async function run(script: string, env: Record<string, string> = {}): Promise<[number, string, string]> {
  const r = await $`${{ raw: script }}`
    .cwd(dir)
    .env({ PATH: process.env["PATH"] ?? "", HOME: dir, ...env })
    .quiet()
    .nothrow();
  return [r.exitCode, r.stdout.toString(), r.stderr.toString()];
}

describe("language", () => {
  it("splits words on spaces, keeps quoted text together", async () => {
    expect(await run(`printf '%s|' a  "b c" 'd e' f\\ g`)).toEqual([0, "a|b c|d e|f g|", ""]);
  });

  it("expands $VAR outside single quotes, not ${VAR}", async () => {
    expect(await run(`X=1; echo $X "$X" '$X' \${X}`)).toEqual([0, "1 1 $X ${X}\n", ""]);
  });

  it("drops an empty unquoted variable but keeps an empty quoted one", async () => {
    expect(await run(`printf '[%s]' $NOPE "" "$NOPE" x`)).toEqual([0, "[][][x]", ""]);
  });

  it("substitutes $(…) output without trailing newlines, split when unquoted", async () => {
    expect(await run(`printf '%s|' $(echo "a  b") "$(echo "c  d")"`)).toEqual([0, "a|b|c  d|", ""]);
  });

  it("runs && and || by exit status", async () => {
    expect(await run("false && echo no; false || echo yes; true && echo also")).toEqual([0, "yes\nalso\n", ""]);
  });

  it("pipes stages together; the status is the last stage's", async () => {
    expect(await run("echo hello | tr a-z A-Z | cat")).toEqual([0, "HELLO\n", ""]);
    expect((await run("false | true"))[0]).toBe(0);
    expect((await run("true | false"))[0]).toBe(1);
  });

  it("stops an endless writer when its reader is done", async () => {
    expect(await run("yes | head -n 2")).toEqual([0, "y\ny\n", ""]);
  });

  it("runs subshells on a copy of the state", async () => {
    expect(await run("A=1; (A=2; cd sub; echo $A); echo $A; pwd")).toEqual([0, `2\n1\n${dir}\n`, ""]);
  });

  it("runs if / elif / else", async () => {
    expect(await run("if false; then echo a; elif true; then echo b; else echo c; fi")).toEqual([0, "b\n", ""]);
  });

  it("evaluates [[ ]] tests", async () => {
    expect(await run("[[ -f a.txt ]] && [[ -d sub ]] && [[ -z '' ]] && [[ x == x ]] && echo ok")).toEqual([0, "ok\n", ""]);
  });

  it("expands braces and * globs in unquoted text only", async () => {
    expect(await run("echo a{b,c} '{d,e}' *.txt '*.txt'")).toEqual([0, "ab ac {d,e} a.txt *.txt\n", ""]);
    expect(await run("echo *.none")).toEqual([1, "", "bun: no matches found: *.none\n"]);
  });

  it("applies prefix assignments to that command only", async () => {
    expect(await run('A=5 printenv A; echo "[$A]"')).toEqual([0, "5\n[]\n", ""]);
  });

  it("redirects output, errors and input", async () => {
    expect(await run("echo one > o.txt; echo two >> o.txt; cat < o.txt")).toEqual([0, "one\ntwo\n", ""]);
    expect(await run("ls nope 2> e.txt; cat e.txt")).toEqual([0, "ls: nope: No such file or directory\n", ""]);
    expect(await run("ls nope 2>&1")).toEqual([1, "ls: nope: No such file or directory\n", ""]);
    expect(await run("echo a > sub")).toEqual([1, "", "bun: Is a directory: sub"]);
  });

  it("reports unknown commands as Bun does", async () => {
    expect(await run("surely-not-a-command x")).toEqual([1, "", "bun: command not found: surely-not-a-command\n"]);
  });

  it("throws Bun's syntax errors from the $ call", () => {
    expect(() => $`echo a |`).toThrow("Unexpected EOF");
    expect(() => $`echo a &&`).toThrow("expected a command or assignment");
    expect(() => $`(echo a`).toThrow("Unclosed subshell");
    expect(() => $`echo a & echo b`).toThrow('Background commands "&" are not supported yet.');
    expect(() => $`if true; then echo a`).toThrow('Expected "else", "elif", or "fi" but got: Eof');
  });
});

describe("built-ins", () => {
  it("echo handles -n and -e", async () => {
    expect(await run("echo -n a b; echo -e 'x\\ty'")).toEqual([0, "a bx\ty\n", ""]);
  });

  it("cd, pwd", async () => {
    expect(await run("cd sub; pwd; cd ..; pwd; cd nope")).toEqual([1, `${dir}/sub\n${dir}\n`, "cd: not a directory: nope\n"]);
  });

  it("exit sets the status without ending the script", async () => {
    expect(await run("exit 3")).toEqual([3, "", ""]);
    expect(await run("exit 3; echo after")).toEqual([0, "after\n", ""]);
    expect(await run("exit x")).toEqual([1, "", "exit: numeric argument required\n"]);
  });

  it("export shows in the env of commands", async () => {
    expect(await run("export A=1; printenv A")).toEqual([0, "1\n", ""]);
  });

  it("which", async () => {
    const [code, out] = await run("which ls nope");
    expect(code).toBe(1);
    expect(out).toMatch(/^\/.*\/ls\nwhich: nope not found\n$/);
  });

  it("mkdir, touch, mv, rm change the file system", async () => {
    expect(await run("mkdir -p x/y && touch x/y/f && mv x/y/f x/g && ls x")).toEqual([0, expect.stringMatching(/^(y\ng|g\ny)\n$/) as unknown as string, ""]);
    expect(existsSync(`${dir}/x/g`)).toBe(true);
    expect(await run("rm x")).toEqual([1, "", "rm: x: Is a directory\n"]);
    expect(await run("rm -r x")).toEqual([0, "", ""]);
    expect(existsSync(`${dir}/x`)).toBe(false);
  });

  it("seq, dirname, basename", async () => {
    expect(await run("seq 3; seq -s , 2 4; dirname /a/b; basename /a/b")).toEqual([0, "1\n2\n3\n2,3,4,/a\nb\n", ""]);
  });

  it("true and false", async () => {
    expect((await run("true"))[0]).toBe(0);
    expect((await run("false"))[0]).toBe(1);
  });
});

describe("JavaScript interop", () => {
  it("hands external commands process.env as it is at the call, live, unless the shell changed it", async () => {
    process.env["DX_SHELL_LIVE"] = "first";
    try {
      const names = async (script: string) => (await $`${{ raw: script }}`.quiet().text()).split("\n").filter((line) => line.startsWith("DX_SHELL_"));
      expect(await names("/usr/bin/env")).toEqual(["DX_SHELL_LIVE=first"]);
      process.env["DX_SHELL_LIVE"] = "second";
      expect(await names("/usr/bin/env")).toEqual(["DX_SHELL_LIVE=second"]);
      expect((await names("DX_SHELL_ASSIGNED=1 /usr/bin/env")).sort()).toEqual(["DX_SHELL_ASSIGNED=1", "DX_SHELL_LIVE=second"]);
      expect(await names("export DX_SHELL_EXPORTED=2; /usr/bin/env")).toEqual(expect.arrayContaining(["DX_SHELL_EXPORTED=2", "DX_SHELL_LIVE=second"]));
      delete process.env["DX_SHELL_LIVE"];
      expect(await names("/usr/bin/env")).toEqual([]);
    } finally {
      delete process.env["DX_SHELL_LIVE"];
    }
  });

  it("awaits to { stdout, stderr, exitCode } Buffers that own their memory", async () => {
    const r = await $`echo hi`.quiet();
    expect(r.stdout).toBeInstanceOf(Buffer);
    expect(r.stdout.buffer.byteLength).toBe(3);
    expect([r.text(), r.exitCode, r.stderr.length]).toEqual(["hi\n", 0, 0]);
  });

  it("rejects with ShellError on a non-zero status unless nothrow", async () => {
    const error = await $`echo out; false`.quiet().catch((e: unknown) => e);
    expect(error).toBeInstanceOf($.ShellError);
    expect(error).toMatchObject({ name: "ShellError", message: "Failed with exit code 1", exitCode: 1 });
    expect((await $`false`.nothrow()).exitCode).toBe(1);
  });

  it("reads redirect input from JS objects and writes into buffers", async () => {
    expect(await $`cat < ${Buffer.from("buf")}`.text()).toBe("buf");
    expect(await $`cat < ${new Response("resp")}`.text()).toBe("resp");
    const target = Buffer.alloc(3);
    await $`echo hello > ${target}`.quiet();
    expect(target.toString()).toBe("hel");
  });

  it("keeps an external command's output whole and apart, in the shell's capture or a buffer", async () => {
    // Quiet, each stream its own destination: the addon collects them (no stream per pipe).
    const script = `head -c 1048576 /dev/zero | tr "\\0" x; echo err >&2; exit 3`;
    const [code, stdout, stderr] = await run(`/bin/sh -c '${script}'`);
    expect([code, stdout.length, /^x+$/.test(stdout), stderr]).toEqual([3, 1048576, true, "err\n"]);
    const target = Buffer.alloc(5);
    await $`/usr/bin/printf abcdefgh > ${target}`.quiet();
    expect(target.toString()).toBe("abcde");
    // Both streams into one place: not collected, so their order is the child's.
    expect(await run(`/bin/sh -c 'echo a; sleep 0.05; echo b >&2; sleep 0.05; echo c' 2>&1`)).toEqual([0, "a\nb\nc\n", ""]);
  });

  it("lines(), json(), blob()", async () => {
    const seen: string[] = [];
    for await (const line of $`echo a; echo b`.lines()) seen.push(line);
    expect(seen).toEqual(["a", "b", ""]);
    expect(await $`echo '{"x":1}'`.json()).toEqual({ x: 1 });
    expect(await (await $`echo z`.blob()).text()).toBe("z\n");
  });

  it("is lazy and refuses option changes once running", async () => {
    const p = $`touch ${`${dir}/lazy`}`.quiet();
    expect(existsSync(`${dir}/lazy`)).toBe(false);
    await p;
    expect(existsSync(`${dir}/lazy`)).toBe(true);
    expect(() => p.cwd("/")).toThrow("Shell is already running");
  });

  it("new $.Shell() keeps its own cwd and env", async () => {
    const sh = new $.Shell();
    sh.cwd(dir);
    sh.env({ ...process.env, Z: "zz" });
    expect(await sh`pwd; echo $Z`.text()).toBe(`${dir}\nzz\n`);
    expect(await $`echo "[$Z]"`.text()).toBe("[]\n");
  });

  it("writes to a BunFile-like target through its path", async () => {
    await $`echo x > ${`${dir}/plain.txt`}`.quiet();
    expect(readFileSync(`${dir}/plain.txt`, "utf8")).toBe("x\n");
  });

  it("$.braces and $.escape", () => {
    expect($.braces("a{b,c}d{1,2}")).toEqual(["abd1", "abd2", "acd1", "acd2"]);
    expect(expandBraces(tokenizeBraces("{a,b{c,d}}"))).toEqual(["a", "bc", "bd"]);
    expect($.escape("abc")).toBe("abc");
    expect($.escape('a "b" $c')).toBe('"a \\"b\\" \\$c"');
  });
});
