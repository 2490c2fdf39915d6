// Bun.generateHeapSnapshot, Bun.enableANSIColors and Bun.openInEditor under
// real Bun and under Node + dx-compat: the members that reach outside the
// program (the heap, the environment, other processes).
import { compareBatch, scratchDir, writeFiles } from "@dx-compat/oracle";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

async function expectSame(caseModule: string, inputs: unknown[], env?: Record<string, string | undefined>): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000, ...(env === undefined ? {} : { env }) });
  expect(mismatches.map((m) => JSON.stringify(m))).toEqual([]);
}

describe("Bun.generateHeapSnapshot against Bun", () => {
  it("formats, encodings and the shape of each", async () => {
    const caseModule = `
      const attempt = (f) => { try { return f(); } catch (e) { return { error: [e.name, e.message, e.code] }; } };
      function shape(s) {
        if (typeof s === "string") { const parsed = JSON.parse(s); return ["string", Object.keys(parsed).includes("snapshot"), Array.isArray(parsed.nodes)]; }
        if (s instanceof ArrayBuffer) return ["ArrayBuffer", Object.keys(JSON.parse(new TextDecoder().decode(s))).includes("snapshot")];
        if (s && typeof s === "object" && !Array.isArray(s)) return ["object", Object.keys(s), s.type, typeof s.version, s.nodes.length % 4, s.edges.length % 4, s.edgeTypes, s.nodeClassNames[0], s.nodes.slice(0, 4), s.nodes.every(Number.isInteger), s.edges.every(Number.isInteger), s.edgeNames.every((n) => typeof n === "string"), s.nodeClassNames.length > 1];
        return s;
      }
      export default (args) => attempt(() => shape(Bun.generateHeapSnapshot(...args)));
    `;
    // Each snapshot costs a second or so: the errors are many, the snapshots few.
    const inputs = [[], ["v8", "arraybuffer"], ["x"], [5], ["V8"], ["v8", "x"], ["v8", null]];
    await expectSame(caseModule, inputs);
  });
});

describe("Bun.enableANSIColors against Bun", () => {
  it("enableANSIColors under FORCE_COLOR and NO_COLOR, output piped", async () => {
    const caseModule = `export default () => Bun.enableANSIColors`;
    const environments: Record<string, string | undefined>[] = [
      { FORCE_COLOR: undefined, NO_COLOR: undefined },
      { FORCE_COLOR: "", NO_COLOR: undefined },
      { FORCE_COLOR: "false", NO_COLOR: undefined },
      { FORCE_COLOR: "1", NO_COLOR: "1" },
    ];
    await Promise.all(environments.map((env) => expectSame(caseModule, [null], env)));
  });
});

describe("Bun.openInEditor against Bun", () => {
  it("editor detection, command lines and errors, with fake editors on PATH", async () => {
    const bin = scratchDir("dx-editor-bin-");
    const logs = scratchDir("dx-editor-log-");
    const fakeEditor = (name: string): string => `#!/bin/sh\necho "${name} $*" >> "${logs}/$PPID.log"\n`;
    const names = ["code", "subl", "mate", "idea", "webstorm", "atom", "fake"];
    writeFiles(Object.fromEntries(names.map((name) => [name, fakeEditor(name)])), bin);
    for (const name of names) chmodSync(join(bin, name), 0o755);
    const caseModule = `
      import { readFileSync, rmSync, existsSync } from "node:fs";
      const log = ${JSON.stringify(logs)} + "/" + process.pid + ".log";
      const attempt = (f) => { try { f(); return "ok"; } catch (e) { return [e.name, e.message, e.code]; } };
      export default async (calls) => {
        const results = calls.map((args) => attempt(() => Bun.openInEditor(...args.map((a) => typeof a === "string" ? a.replace("$BIN", ${JSON.stringify(bin)}) : a))));
        const expected = results.filter((r) => r === "ok").length;
        // The editors start detached and may be slow to run under load: wait for
        // their lines by a deadline, not a count of short sleeps.
        const lineCount = () => (existsSync(log) ? readFileSync(log, "utf8").split("\\n").filter(Boolean).length : 0);
        for (const deadline = Date.now() + 30_000; lineCount() < expected && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
        const lines = existsSync(log) ? readFileSync(log, "utf8").trim().split("\\n").filter(Boolean).sort() : [];
        rmSync(log, { force: true });
        return { results, lines };
      };
    `;
    const inputs = [
      [["/x/file.ts"]],
      [["/x/file.ts", { line: 3 }]],
      [["/x/file.ts", { line: 3, column: 7 }]],
      [["/x/file.ts", { column: 7 }]],
      [["/x/file.ts", { line: 0, column: 0 }]],
      [["/x/file.ts", { line: "12", column: "" }]],
      [["/x/file.ts", { editor: "subl", line: 2, column: 4 }]],
      [["/x/file.ts", { editor: "mate", line: 2, column: 9 }]],
      [["/x/file.ts", { editor: "mate" }]],
      [["/x/file.ts", { editor: "idea", line: 2, column: 9 }]],
      [["/x/file.ts", { editor: "webstorm", line: 2 }]],
      [["/x/file.ts", { editor: "atom", line: 2, column: 1 }]],
      [["/x/file.ts", { editor: "$BIN/fake", line: 5 }]],
      [["/x/file.ts", { editor: "$BIN/code", line: 5 }]],
      [["/x/file.ts", { editor: "nano" }]],
      [["/x/file.ts", { editor: "vscode" }]],
      [[], [""], [5], ["/x/a", "code"], ["/x/a", null]],
    ];
    await expectSame(caseModule, inputs, { PATH: `${bin}:/usr/bin:/bin`, EDITOR: undefined, VISUAL: undefined });
    // $EDITOR first, then $VISUAL; unknown names fall through to what is installed.
    await expectSame(caseModule, [[["/x/y", { line: 4 }]]], { PATH: `${bin}:/usr/bin:/bin`, EDITOR: "mate", VISUAL: "subl" });
    await expectSame(caseModule, [[["/x/y"]]], { PATH: `${bin}:/usr/bin:/bin`, EDITOR: "nano", VISUAL: "idea --wait" });
    // Nothing installed: Bun's errors.
    await expectSame(caseModule, [[["/x/y"], ["/x/y", { editor: "code" }]]], { PATH: join(bin, "empty"), EDITOR: undefined, VISUAL: undefined });
  });
});
