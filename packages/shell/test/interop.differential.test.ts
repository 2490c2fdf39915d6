// JavaScript interop of `$` under real Bun and Node + dx-compat: interpolated
// values, JS objects as redirect targets, ShellPromise / ShellOutput /
// ShellError shapes, `$` and `new $.Shell()` options.
import { compareBatch } from "@dx-compat/oracle";
import { describe, expect, it } from "vitest";

const caseModule = `
import { $, file } from "bun";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
const dir = mkdtempSync(tmpdir() + "/dx-shell-interop-");
writeFileSync(dir + "/in.txt", "file input\\n");
const clean = (v) => typeof v === "string" ? v.replaceAll(dir, "<dir>") : v;
const flat = (e) => ({ ctor: e?.constructor?.name, name: e?.name, message: clean(String(e?.message)), code: e?.code, exitCode: e?.exitCode, keys: Object.keys(e ?? {}) });
const out = (r) => ({ ctor: r.constructor.name, keys: Object.keys(r), exitCode: r.exitCode, stdout: clean(r.stdout.toString()), stderr: clean(r.stderr.toString()), bufferSize: r.stdout.buffer.byteLength });
const q = (p) => p.quiet().nothrow().then(out);
class Named { toString() { return "named"; } }
const scenarios = {
  strings: () => q($\`printf '%s|' \${"a b"} \${"c;d"} \${"$HOME"} \${"*"} \${"{a,b}"} \${"~"} \${"'q'"} \${'"dq"'} \${"\`bt\`"} \${"x\\ny"} \${""}\`),
  scalars: () => q($\`echo \${1.5} \${-0} \${NaN} \${1e21} \${10n} \${true} \${false} \${null} \${undefined}\`),
  arrays: () => q($\`printf '%s|' \${["a", "b c"]} x\${["1", "2"]}y "q\${["3", "4"]}r" \${[]} \${["n", ["e", "s"], 7]}\`),
  raw: () => q($\`echo \${{ raw: "r; echo s" }}\`),
  toStringObjects: () => q($\`echo \${{ toString() { return "ts"; } }} \${new Named()} \${new Date(0).toISOString()}\`),
  inQuotes: () => q($\`printf '%s|' "x\${"a b"}y" x\${"c d"}y '\${"e f"}'\`),
  nul: () => { try { $\`echo \${"a\\0b"}\`; return "no throw"; } catch (e) { return flat(e); } },
  plainObject: () => { try { $\`echo \${{ a: 1 }}\`; return "no throw"; } catch (e) { return flat(e); } },
  promiseArg: () => { try { $\`echo \${Promise.resolve(1)}\`; return "no throw"; } catch (e) { return flat(e); } },
  bufferArg: () => { try { $\`echo \${Buffer.from("x")}\`; return "no throw"; } catch (e) { return flat(e); } },
  notTagged: () => { try { $("echo a"); return "no throw"; } catch (e) { return flat(e); } },
  parseError: () => { try { $\`echo a |\`; return "no throw"; } catch (e) { return flat(e); } },
  toBuffer: async () => { const b = Buffer.alloc(10); await $\`echo hello > \${b}\`.quiet(); return b.toString("hex"); },
  toSmallU8: async () => { const b = new Uint8Array(3); await $\`echo hello > \${b}\`.quiet(); return Array.from(b); },
  fromBuffer: () => q($\`cat < \${Buffer.from("from buf")}\`),
  fromBlob: () => q($\`cat < \${new Blob(["from blob"])}\`),
  fromResponse: () => q($\`cat < \${new Response("from resp")}\`),
  fromBunFile: () => q($\`cat < \${file(dir + "/in.txt")}\`),
  toBunFile: async () => { await $\`echo one > \${file(dir + "/o.txt")}\`.quiet(); await $\`echo two >> \${file(dir + "/o.txt")}\`.quiet(); return readFileSync(dir + "/o.txt", "utf8"); },
  builtinToBuffer: async () => { const b = Buffer.alloc(4); await $\`pwd > \${b}\`.cwd("/").quiet(); return b.toString("hex"); },
  output: async () => { const r = await $\`echo hi\`.quiet(); return [out(r), r.text(), r.text("hex"), r.json === undefined, r.bytes().length, r.arrayBuffer().byteLength, r.blob().size, Object.getOwnPropertyNames(Object.getPrototypeOf(r)).sort()]; },
  text: () => $\`echo abc\`.text(),
  textEncoding: () => $\`echo abc\`.text("base64"),
  json: () => $\`echo '{"a":[1,2]}'\`.json(),
  lines: async () => { const seen = []; for await (const line of $\`echo a; echo b\`.lines()) seen.push(line); return seen; },
  blob: async () => { const b = await $\`echo a\`.blob(); return [b.constructor.name, b.size, b.type, await b.text()]; },
  arrayBuffer: async () => { const b = await $\`echo a\`.arrayBuffer(); return [b.constructor.name, b.byteLength]; },
  bytes: async () => { const b = await $\`echo a\`.bytes(); return [b.constructor.name, Array.from(b)]; },
  shellError: async () => { try { await $\`echo out; echo err 1>&2; false\`.quiet(); return "no throw"; } catch (e) { return [flat(e), e instanceof $.ShellError, e instanceof Error, e.stdout.toString(), e.stderr.toString(), e.text(), JSON.stringify(e.info), Object.getOwnPropertyNames(e).filter((k) => k !== "stack" && k !== "line" && k !== "column").sort()]; } },
  shellErrorJson: async () => { try { await $\`exit 3\`.quiet(); } catch (e) { return JSON.parse(JSON.stringify(e)); } },
  nothrow: () => $\`exit 2\`.quiet().nothrow().then((r) => r.exitCode),
  throwsFalse: () => $\`exit 2\`.quiet().throws(false).then((r) => r.exitCode),
  throwsTrue: async () => { try { await $\`exit 2\`.quiet().nothrow().throws(true); return "no throw"; } catch (e) { return flat(e); } },
  cwdOption: () => q($\`pwd\`.cwd("/")),
  envOption: () => q($\`echo $FOO; printenv FOO\`.env({ FOO: "bar", PATH: process.env.PATH })),
  emptyEnvStillFindsCommands: () => q($\`printenv | wc -l\`.env({})),
  alreadyRunning: async () => { const p = $\`echo a\`.quiet(); await p; try { p.cwd("/"); return "no throw"; } catch (e) { return flat(e); } },
  promiseShape: () => { const p = $\`echo a\`; const r = [p.constructor.name, p instanceof Promise, p instanceof $.ShellPromise, typeof p.then, typeof p.stdin, Object.getOwnPropertyNames(Object.getPrototypeOf(p)).sort()]; p.quiet(); return p.then(() => r); },
  dollarShape: () => [typeof $, $.name, Object.getOwnPropertyNames($).sort(), typeof $.Shell, typeof $.ShellPromise, typeof $.ShellError, $.nothrow() === $, $.throws(true) === $],
  shellInstance: async () => { const s = new $.Shell(); s.cwd("/"); s.env({ X: "1" }); const text = await s\`pwd; echo $X\`.text(); return [text, typeof s, s.name, Object.keys(s), s instanceof $.Shell]; },
  shellWithoutNew: () => { try { $.Shell(); return "no throw"; } catch (e) { return flat(e); } },
  globalDefaults: async () => { $.cwd("/"); $.env({ Y: "2" }); const r = await $\`pwd; echo $Y\`.text(); $.cwd(undefined); $.env(undefined); $.throws(true); return r; },
  escape: () => ["abc", "a b", "a'b", 'a"b', "a$b", "a\`b", "a\\\\b", "", "a\\nb", "é", "😀 x", "a2", "x=y", "a*", "-f", "a,b"].map((s) => $.escape(s)),
  braces: () => ["a{b,c}d{1,2}", "{a,b{c,d}}", "x", "a{b}c", "{a,{b,c}d}", "{,a}", "a{b,c", "{a,b}{c,d}"].map((s) => $.braces(s)),
  dupShorthand: () => { try { $\`echo err >&2\`; return "no throw"; } catch (e) { return flat(e); } },
  stdinFromShell: async () => { const first = await $\`echo chained\`.quiet(); return q($\`cat < \${first.stdout}\`); },
};
export default async function run(name) {
  try { return { value: await scenarios[name]() }; } catch (e) { return { threw: flat(e) }; }
}
`;

const names = [...caseModule.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]);

describe("$ JavaScript interop (differential)", () => {
  it("matches Bun for every scenario", async () => {
    expect(names.length).toBeGreaterThan(40);
    const { mismatches } = await compareBatch(caseModule, names);
    expect(mismatches).toEqual([]);
  }, 60_000);
});
