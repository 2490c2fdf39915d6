// alert/confirm/prompt and reportError under real Bun and under Node with
// dx-compat/register: the same program, the same stdin, and the same stdout
// byte for byte (the prompts shown and the values returned), the same exit
// code. The whole input is in the pipe before the program reads (each
// runtime takes far longer to start than the parent takes to write), which
// also pins down how much each dialog reads ahead: prompt keeps a 4 KiB
// buffer for the process, confirm and alert read fd 0 a byte at a time.
import { differential } from "@dx-compat/oracle";
import { describe, expect, it } from "vitest";

/** A program that runs `calls` (source expressions) in order and prints what each returned. */
function program(calls: string[]): string {
  return `
const shown = (value) => (value === undefined ? "(undefined)" : value);
const results = [];
${calls.map((call) => `results.push(shown(${call}));`).join("\n")}
console.log("\\n" + JSON.stringify(results));
`;
}

async function same(calls: string[], stdin: string): Promise<string> {
  const { bun, node } = await differential(program(calls), { stdin });
  expect(node.stderr).toBe("");
  expect({ stdout: node.stdout, code: node.code }).toEqual({ stdout: bun.stdout, code: bun.code });
  return bun.stdout;
}

describe("alert, confirm and prompt against real Bun", () => {
  it("show Bun's prompts and return Bun's answers, defaults and nulls", async () => {
    const stdout = await same(['prompt("Name?")', 'prompt("Age?", "42")', 'confirm("Sure?")', 'alert("Hey")', 'prompt("Eof?", "dflt")'], "Ada\n\ny\n\n");
    // prompt read the whole pipe ahead: confirm and alert found nothing left, and the last prompt got "y".
    expect(stdout).toBe('Name? Age? [42] Sure? [y/N] Hey [Enter] Eof? [dflt] \n["Ada","42",false,"(undefined)","y"]\n');
    await same(["confirm()", "prompt()", "prompt()"], "y\nhello\nworld\n");
    await same(["alert()", "prompt()", "prompt()"], "x\nhello\nworld\n");
    await same(['confirm("c")', 'confirm("d")', 'confirm("e")', 'confirm("f")', 'confirm("g")', "confirm()"], "Y\r\nyes\nn\n\r\ny \n");
  });

  it("read CRLF line ends, a missing final newline and end of input as Bun does", async () => {
    await same(['prompt("p", 7)', "prompt()", "prompt()"], "\r\nabc\r\n\r\rx\n");
    await same(['prompt("q", "d")'], "tail without a newline");
    await same(["prompt()", "confirm()", "alert()"], "");
    await same(['prompt("ü?")', "prompt()"], "héllo 世界\n\u{1F600}\r\n");
  });

  it("convert messages and defaults as Bun does: argument count, not undefined, decides", async () => {
    await same(
      ["prompt(undefined, undefined)", "prompt(12, 34)", "prompt({ a: 1 })", "alert(undefined)", "alert(null)", 'alert("")', 'confirm("")', "prompt(null, null)"],
      "\n\n\n\n\n\n\n\n",
    );
  });

  it("keep prompt's 4 KiB read-ahead apart from confirm's own reads", async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(5, "0")}${"x".repeat(94)}\n`).join("");
    const calls = ["prompt()", "confirm()", ...Array.from({ length: 101 }, () => "prompt()?.slice(0, 12)")];
    await same(calls, `a\n${lines}`);
  });

  it("have Bun's names and lengths", async () => {
    const { bun, node } = await differential(`console.log(JSON.stringify([alert, confirm, prompt, reportError].map((f) => [typeof f, f.name, f.length])));`);
    expect(node.stdout).toBe(bun.stdout);
  });
});

describe("reportError against real Bun", () => {
  it("lets the current task finish, then ends the process with exit code 1 and the error on stderr", async () => {
    const { bun, node } = await differential(`
reportError(new Error("boom"));
console.log("after");
setTimeout(() => console.log("timer ran"), 50);
`);
    expect({ stdout: node.stdout, code: node.code }).toEqual({ stdout: bun.stdout, code: bun.code });
    expect([bun.stdout, bun.code]).toEqual(["after\n", 1]);
    expect(node.stderr).toContain("boom");
  });

  it("reaches process.on('uncaughtException') instead, as any uncaught error does", async () => {
    const { bun, node } = await differential(`
process.on("uncaughtException", (error) => console.log("caught", error.message));
reportError(new Error("boom"));
console.log("after");
setTimeout(() => console.log("timer ran"), 20);
`);
    expect({ stdout: node.stdout, code: node.code }).toEqual({ stdout: bun.stdout, code: bun.code });
  });
});
