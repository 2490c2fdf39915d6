// The oracle must be able to fail: it sees a difference where the runtimes
// differ, and round-trips every value kind losslessly.
import fc from "fast-check";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JS, no declarations
import { decode, encode } from "../src/codec.mjs";
import { compareBatch, differential, startBoth, startProgram } from "../src/index.ts";

describe("compareBatch", () => {
  it("reports every input on which Bun and Node + dx-compat differ", async () => {
    const { mismatches, bun, node } = await compareBatch(`export default (n) => (n % 2 === 0 ? typeof process.versions.bun : n)`, [1, 2, 3, 4]);
    expect(mismatches.map((m) => m.index)).toEqual([1, 3]);
    expect(bun[1]).toEqual({ returns: "string" });
    expect(node[1]).toEqual({ returns: "undefined" });
  });

  it("tells returns, throws, resolves and rejects apart", async () => {
    const { mismatches, bun } = await compareBatch(
      `export default (kind) => ({
        returns: () => 1n,
        throws: () => { const e = new RangeError("r"); e.code = "E_X"; throw e; },
        resolves: async () => new Uint8Array([1, 2]),
        rejects: async () => { throw new TypeError("t"); },
      })[kind]()`,
      ["returns", "throws", "resolves", "rejects"],
    );
    expect(mismatches).toEqual([]);
    expect(bun).toEqual([
      { returns: { $: "bigint", v: "1" } },
      { throws: { $: "Error", name: "RangeError", message: "r", code: "E_X", text: "RangeError: r", ownCode: true } },
      { resolves: { $: "Uint8Array", v: "0102" } },
      { rejects: { $: "Error", name: "TypeError", message: "t", code: { $: "undefined" }, text: "TypeError: t", ownCode: false } },
    ]);
  });
});

describe("differential", () => {
  it("tells an error's own code from one on its prototype, as String() shows it", async () => {
    const { mismatches } = await compareBatch(
      `export default () => {
        const error = new TypeError("m");
        if (process.versions.bun) Object.setPrototypeOf(error, Object.create(TypeError.prototype, { code: { value: "E_X" }, toString: { value() { return "TypeError [E_X]: m"; } } }));
        else error.code = "E_X";
        throw error;
      }`,
      [0],
    );
    expect(mismatches.map((m) => m.index)).toEqual([0]);
  });

  it("runs one program under both runtimes", async () => {
    const { bun, node } = await differential(`console.log(1 + 1); process.exitCode = 4;`);
    expect(bun).toEqual({ code: 4, signal: null, stdout: "2\n", stderr: "" });
    expect(node).toEqual(bun);
  });
});

describe("startProgram", () => {
  it("starts a long-running program under both runtimes and reports its first line", async () => {
    const source = `import { createServer } from "node:net";
      const server = createServer((socket) => socket.end(typeof Bun === "object" ? "has Bun" : "no Bun")).listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));`;
    const { bun, node } = await startBoth(source);
    try {
      for (const program of [bun, node]) {
        const { port } = program.ready as { port: number };
        const reply = await new Promise<string>((resolveReply, reject) => {
          const socket = connect(port, "127.0.0.1");
          let text = "";
          socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolveReply(text)).on("error", reject);
        });
        expect(reply).toBe("has Bun");
      }
    } finally {
      expect((await bun.stop()).signal ?? "exited").toBeTruthy();
      await node.stop();
    }
  });

  it("rejects with the program's output when it exits before printing a line", async () => {
    await expect(startProgram("node", `console.error("boom"); process.exit(3);`)).rejects.toThrow(/code 3.*\n.*\nstderr: boom/s);
  });
});

describe("codec", () => {
  it("round-trips inputs losslessly (encode ∘ decode ∘ encode = encode)", () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.double(), fc.bigInt(), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.uint8Array(), fc.date({ noInvalidDate: false }), fc.int32Array()),
      node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const once = encode(v);
        expect(encode(decode(JSON.parse(JSON.stringify(once))))).toEqual(once);
      }),
    );
  });

  it("keeps -0, NaN and infinities distinct from 0 and null", () => {
    expect([-0, NaN, Infinity, -Infinity, 0].map((n) => JSON.stringify(encode(n)))).toEqual([`{"$":"number","v":"-0"}`, `{"$":"number","v":"NaN"}`, `{"$":"number","v":"Infinity"}`, `{"$":"number","v":"-Infinity"}`, "0"]);
  });
});
