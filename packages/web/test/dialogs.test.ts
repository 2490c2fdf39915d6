// prompt/confirm/alert in a real Node process (dx-compat/register installs
// them): prompt hands back every line exactly as typed (fast-check lines of
// any text), input that arrives late is waited for, also once Node has made
// fd 0 non-blocking, and the globals are the package's exports.
import { nodeBinary, registerURL, writeFiles } from "@dx-compat/oracle";
import fc from "fast-check";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alert, confirm, installWebGlobals, prompt, reportError } from "../src/index.ts";

/**
 * Runs `source` under Node + dx-compat. Each answer is written to its stdin
 * once stdout shows the question before it (so it arrives later than the
 * read that waits for it, however slowly the child starts), then stdin ends.
 */
function run(source: string, answers: [question: string, chunk: string][]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const dir = writeFiles({ "main.mjs": source });
  const child = spawn(nodeBinary(), ["--import", registerURL(), join(dir, "main.mjs")], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let next = 0;
  const answerAsked = (): void => {
    while (next < answers.length && stdout.includes((answers[next] as [string, string])[0])) child.stdin.write((answers[next++] as [string, string])[1]);
    if (next === answers.length && !child.stdin.writableEnded) child.stdin.end();
  };
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    stdout += text;
    answerAsked();
  });
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  answerAsked();
  return new Promise((resolve) => child.on("close", (code) => resolve({ stdout, stderr, code })));
}

describe("prompt", () => {
  it("returns every line exactly as written, whatever its text (fast-check)", async () => {
    // Lines without \n, not ending in \r (prompt drops one), not empty (that is the default).
    const line = fc.string({ unit: fc.oneof(fc.constantFrom("a", " ", "\t", "\r", "é", "世", "\u{1F600}", "\u0000", '"', "\\"), fc.string({ unit: "grapheme-composite", maxLength: 1 })), minLength: 1, maxLength: 40 }).filter((text) => text !== "" && !text.includes("\n") && !text.endsWith("\r"));
    const lines = fc.sample(line, { numRuns: 300, seed: 42 });
    const source = `const got = []; for (;;) { const line = prompt(); if (line === null) break; got.push(line); } process.stderr.write(JSON.stringify(got));`;
    const { stderr } = await run(source, [["", lines.map((text) => `${text}\n`).join("")]]);
    expect(JSON.parse(stderr)).toEqual(lines);
  });

  it("waits for input that comes later, also once Node has made fd 0 non-blocking", async () => {
    const source = `process.stdin; const name = prompt("Name?"); const sure = confirm("Sure?"); alert(); console.log(JSON.stringify([name, sure]));`;
    const { stdout, code } = await run(source, [
      ["Name? ", "Ada\n"],
      ["Sure? [y/N] ", "y\n"],
      ["Alert [Enter] ", "\n"],
    ]);
    expect([stdout, code]).toEqual(['Name? Sure? [y/N] Alert [Enter] ["Ada",true]\n', 0]);
  });
});

describe("the dialog globals", () => {
  it("are what installWebGlobals puts on the global object where Node has none", () => {
    const before = ["reportError", "alert", "confirm", "prompt"].filter((name) => name in globalThis);
    const installed = installWebGlobals();
    for (const [name, value] of Object.entries({ reportError, alert, confirm, prompt })) {
      if (before.includes(name)) continue;
      expect(installed).toContain(name);
      expect((globalThis as Record<string, unknown>)[name]).toBe(value);
    }
  });
});
