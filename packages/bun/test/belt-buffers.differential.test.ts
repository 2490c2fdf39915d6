// Bun.concatArrayBuffers, Bun.allocUnsafe, Bun.ArrayBufferSink and the
// Bun.readableStreamTo* family under real Bun and under Node + dx-compat.
// Chunks travel as recipes the case module turns into the same values.
import { compareBatch } from "@dx-compat/oracle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const caseModule = `
function chunk(r) {
  const bytes = () => new Uint8Array(r[1]);
  switch (r[0]) {
    case "str": return r[1];
    case "u8": return bytes();
    case "buf": return Buffer.from(r[1]);
    case "u16": return new Uint16Array(bytes().buffer.slice(0, r[1].length - (r[1].length % 2)));
    case "ab": return bytes().buffer;
    case "sab": { const s = new SharedArrayBuffer(r[1].length); new Uint8Array(s).set(r[1]); return s; }
    case "dv": return new DataView(bytes().buffer);
    case "sub": return bytes().subarray(1);
    case "blob": return new Blob([r[1]]);
    case "num": return r[1];
    case "obj": return {};
    case "null": return null;
    case "undef": return undefined;
    case "detached": { const b = new ArrayBuffer(4); const view = new Uint8Array(b); structuredClone(b, { transfer: [b] }); return r[1] === "view" ? view : b; }
  }
  throw new Error("bad chunk " + JSON.stringify(r));
}
function stream(chunks, mode) {
  if (mode === "error") return new ReadableStream({ start(c) { c.error(new TypeError("boom")); } });
  if (mode === "queued") return new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(chunk(x)); c.close(); } });
  const queue = chunks.map(chunk);
  return new ReadableStream({ async pull(c) { await null; if (queue.length) c.enqueue(queue.shift()); else c.close(); } });
}
const describeError = (e) => ({ error: [e?.name, e?.message, e?.code] });
const kind = (v) => v === null ? "null" : Object.prototype.toString.call(v).slice(8, -1);
async function plain(v) {
  if (v instanceof FormData) {
    const out = [];
    for (const [k, x] of v) out.push([k, typeof x === "string" ? x : { name: x.name, type: x.type, size: x.size, text: await x.text() }]);
    return { form: out };
  }
  if (v instanceof Blob) return { blob: [v.size, v.type, await v.text()] };
  return { kind: kind(v), value: v };
}
function sinkRun(ops) {
  const s = new Bun.ArrayBufferSink();
  return ops.map(([op, arg]) => {
    try {
      const r = op === "write" ? (arg === "$none" ? s.write() : s.write(chunk(arg))) : op === "start" ? s.start(arg) : s[op]();
      return { kind: kind(r), value: r };
    } catch (e) { return describeError(e); }
  });
}
const scenarios = {
  concat: ([buffers, args]) => { try { const r = Bun.concatArrayBuffers(...[buffers === null ? null : buffers === "notArray" ? new Uint8Array(1) : buffers === "proxy" ? new Proxy([], {}) : buffers.map(chunk), ...args].slice(0, args.length + 1)); return { kind: kind(r), value: r, offset: r.byteOffset, whole: r.buffer?.byteLength }; } catch (e) { return describeError(e); } },
  concatNoArgs: () => { try { return Bun.concatArrayBuffers(); } catch (e) { return describeError(e); } },
  alloc: (size) => { try { const r = Bun.allocUnsafe(size === "$none" ? undefined : size); return [kind(r), r.length, r.byteOffset, r.buffer.byteLength, Buffer.isBuffer(r), Object.getPrototypeOf(r) === Uint8Array.prototype]; } catch (e) { return describeError(e); } },
  sink: (ops) => sinkRun(ops),
  sinkShape: () => { const S = Bun.ArrayBufferSink; const s = S(); const p = Object.getPrototypeOf(s); return [S.name, S.length, Object.getOwnPropertyNames(S), "prototype" in S, Object.getOwnPropertyNames(p), Object.entries(Object.getOwnPropertyDescriptors(p)).map(([k, d]) => [k, d.enumerable, d.writable, d.configurable, typeof d.value]), Object.prototype.toString.call(s), p.constructor === S, Object.keys(s), s.sinkId, s._getFd(), s.ref(), s.unref(), (() => { try { return s instanceof S; } catch (e) { return e.name; } })()]; },
  stream: async ([fn, chunks, mode, extra]) => {
    let pending;
    const args = extra?.map((x) => Array.isArray(x) && x[0] === "u8-boundary" ? new Uint8Array(x[1]) : x);
    try { pending = args === undefined ? Bun[fn](stream(chunks, mode)) : Bun[fn](stream(chunks, mode), ...args); } catch (e) { return { sync: describeError(e) }; }
    try { return await plain(await pending); } catch (e) { return describeError(e); }
  },
  notStream: async ([fn, value]) => { try { Bun[fn](value); return "no throw"; } catch (e) { return describeError(e); } },
  locked: async (fn) => { const s = stream([["str", "a"]], "queued"); s.getReader(); try { await Bun[fn](s); return "resolved"; } catch (e) { return describeError(e); } },
};
export default ([name, arg]) => scenarios[name](arg);
`;

async function expectSame(inputs: unknown[]): Promise<void> {
  const { mismatches } = await compareBatch(caseModule, inputs, { timeoutMs: 60_000 });
  expect(mismatches.map((m) => JSON.stringify(m))).toEqual([]);
}

const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 10 });
const bufferChunk = fc.oneof(
  bytes.map((b) => ["u8", b]),
  bytes.map((b) => ["buf", b]),
  bytes.map((b) => ["u16", b]),
  bytes.map((b) => ["ab", b]),
  bytes.map((b) => ["sab", b]),
  bytes.map((b) => ["dv", b]),
  bytes.filter((b) => b.length > 0).map((b) => ["sub", b]),
);
const textChunk = fc.oneof(fc.string({ unit: "grapheme", maxLength: 8 }), fc.string({ unit: "binary", maxLength: 4 })).map((s) => ["str", s]);

describe("Bun.concatArrayBuffers and Bun.allocUnsafe against Bun", () => {
  it("arguments, limits, element kinds and errors", async () => {
    const some = [["u8", [1, 2]], ["ab", [3]], ["u16", [4, 5, 6, 7]]];
    const inputs: unknown[] = [["concatNoArgs", null]];
    const argLists: unknown[][] = [[], [undefined], [2], [0], [0, true], [5, true], [undefined, true], [-1], [NaN], [1.5], [2 ** 32 + 1], [2 ** 32], [Infinity], [-Infinity], ["1"], [true], [10n], [null, 1], [5, 1], [5, 0], [5, ""], [5, "x"], [5, null]];
    for (const args of argLists) inputs.push(["concat", [some, args]]);
    for (const list of [[], [["u8", []]], [["str", "ab"]], [["num", 1]], [["null"]], [["blob", "a"]], [["obj"]], [["dv", [1, 2, 3]]], [["sab", [1, 2]]], [["buf", [97]]], [["detached", "view"]], [["detached", "buffer"]], [["u8", [1]], ["undef"]]]) {
      inputs.push(["concat", [list, []]], ["concat", [list, [3, true]]]);
    }
    inputs.push(["concat", [null, []]], ["concat", [null, [3, true]]], ["concat", ["notArray", []]], ["concat", ["proxy", []]]);
    for (const size of [0, 1, 3, 1024, -1, NaN, "3", 1.5, 2 ** 53, 2 ** 32 + 1, -(2 ** 40), Infinity, -0, null, true, 10n, "$none"]) inputs.push(["alloc", size]);
    await expectSame(inputs);
  });

  it("fast-check: lengths and bytes of random concatenations", async () => {
    const arbitrary = fc.tuple(fc.array(bufferChunk, { maxLength: 6 }), fc.option(fc.nat({ max: 40 }), { nil: undefined }), fc.boolean());
    await expectSame(fc.sample(arbitrary, { numRuns: 300, seed: 9 }).map(([list, max, asU8]) => ["concat", [list, [max, asU8]]]));
  });
});

describe("Bun.ArrayBufferSink against Bun", () => {
  it("shape, and scripted sequences of start/write/flush/end/close", async () => {
    const scripts: unknown[][] = [
      [["write", ["str", "ab"]], ["write", ["u8", [1]]], ["flush"], ["write", ["u16", [2, 1]]], ["end"], ["end"]],
      [["start", { asUint8Array: true }], ["write", ["str", "é€😀\ud800"]], ["flush"], ["end"], ["write", ["str", "x"]], ["end"]],
      [["start", { stream: true }], ["write", ["str", "ab"]], ["flush"], ["write", ["str", "c"]], ["flush"], ["flush"], ["end"]],
      [["start", { stream: true, asUint8Array: true }], ["write", ["ab", [1, 2]]], ["flush"], ["end"]],
      [["start", { asUint8Array: 1, stream: "yes" }], ["write", ["str", "q"]], ["flush"], ["end"]],
      [["start", 5], ["write", ["sab", [7, 8]]], ["write", ["dv", [9]]], ["end"]],
      [["write", ["str", "a"]], ["start"], ["write", ["str", "b"]], ["end"]],
      [["write", ["num", 5]], ["write", ["obj"]], ["write", "$none"], ["write", ["undef"]], ["write", ["null"]], ["write", ["blob", "a"]], ["write", ["str", ""]], ["write", ["u8", []]], ["end"]],
      [["write", ["str", "a"]], ["close"], ["write", ["str", "b"]], ["flush"], ["end"], ["start"], ["close"]],
      [["close"], ["close"], ["end"]],
      [["start", { highWaterMark: 2, stream: true }], ["write", ["str", "abcdef"]], ["flush"]],
      [["write", ["sub", [1, 2, 3]]], ["end"]],
    ];
    await expectSame([["sinkShape", null], ...scripts.map((s) => ["sink", s])]);
  });

  it("fast-check: what goes in comes out of end()", async () => {
    const op = fc.oneof({ weight: 4, arbitrary: fc.oneof(bufferChunk, textChunk).map((c) => ["write", c]) }, { weight: 1, arbitrary: fc.constant(["flush"]) }, { weight: 1, arbitrary: fc.constant(["end"]) });
    const script = fc.tuple(fc.record({ asUint8Array: fc.boolean(), stream: fc.boolean() }), fc.array(op, { maxLength: 8 })).map(([options, ops]) => [["start", options], ...ops, ["end"]]);
    await expectSame(fc.sample(script, { numRuns: 150, seed: 10 }).map((s) => ["sink", s]));
  });
});

describe("Bun.readableStreamTo* against Bun", () => {
  const functions = ["readableStreamToArray", "readableStreamToArrayBuffer", "readableStreamToBytes", "readableStreamToBlob", "readableStreamToText", "readableStreamToJSON", "readableStreamToFormData"];

  it("chunk kinds, empty streams, errors, locked streams and non-streams", async () => {
    const lists: unknown[][] = [
      [], [["str", "ab"]], [["str", "a"], ["str", "b"]], [["u8", [1, 2]], ["ab", [3]]], [["u16", [2, 1]]], [["sab", [65]]], [["dv", [65, 66]]], [["buf", [104, 105]]],
      [["u8", [0xe2, 0x82]], ["u8", [0xac]], ["str", "x"]], [["u8", [0xff]]], [["u8", [0xef, 0xbb, 0xbf, 0x41]]], [["u8", [0xe2]], ["str", "x"], ["u8", [0x82, 0xac]]],
      [["num", 5]], [["u8", [1]], ["num", 5]], [["obj"]], [["blob", "zz"]], [["str", '{"a":'], ["str", "1}"]], [["str", "{"]], [["u8", [0xef, 0xbb, 0xbf]], ["str", "1"]], [["str", "a=1&b=%20x&a=2+3&c&=d&e="]],
    ];
    const inputs: unknown[] = [];
    for (const fn of functions) {
      for (const list of lists) inputs.push(["stream", [fn, list, "pulled"]]);
      inputs.push(["stream", [fn, [], "error"]], ["locked", fn], ["notStream", [fn, "x"]], ["notStream", [fn, {}]], ["notStream", [fn, undefined]], ["notStream", [fn, new Response("x").body === null ? null : 5]]);
    }
    await expectSame(inputs);
  });

  it("multipart form data: parts, files and their types, boundaries, malformed bodies", async () => {
    const crlf = "\r\n";
    const part = (headers: string[], body: string): string => `${headers.join(crlf)}${crlf}${crlf}${body}${crlf}`;
    const multipart = (boundary: string, parts: string[]): string => `--${boundary}${crlf}${parts.join(`--${boundary}${crlf}`)}--${boundary}--${crlf}`;
    const bodies: [string, unknown][] = [
      [multipart("XX", [part(['Content-Disposition: form-data; name="f"'], "v"), part(['Content-Disposition: form-data; name="file"; filename="a.txt"', "Content-Type: text/plain"], "hello")]), "XX"],
      [multipart("b", [part(['content-disposition: form-data; name="x"; filename="pic.png"'], "\x89PNG\r\n\x1a\nrest")]), "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"; filename="noext"'], "GIF89a...")]), "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"; filename="noext"'], "plain")]), "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"; filename="data.json"'], "{}")]), "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"; filename="a.TXT"', "Content-Type: Image/PNG; "], "x")]), "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name=unquoted'], "v"), part(['Content-Disposition: form-data; filename="only"'], "skipped"), part(['Content-Disposition: form-data; name="é"'], "\ufeffbom")]), "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name="a\\"b"'], "v")]), "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"'], "line1\r\nline2")]), "b"],
      [multipart("b", ["no header end"]), "b"],
      [multipart("b", [part(["no colon"], "v")]), "b"],
      ["--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n", "b"],
      ["garbage", "b"],
      ["preamble\r\n" + multipart("b", [part(['Content-Disposition: form-data; name="x"'], "v")]) + "epilogue", "b"],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"'], "v")]), "wrong"],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"'], "v")]), ""],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"'], "v")]), 5],
      [multipart("b", [part(['Content-Disposition: form-data; name="x"'], "v")]), null],
      [multipart("b".repeat(80), [part(['Content-Disposition: form-data; name="x"'], "v")]), "b".repeat(80)],
      ["a=1&b=2", undefined],
    ];
    const inputs: unknown[] = [];
    for (const [body, boundary] of bodies) {
      const chunks = [["str", body.slice(0, 7)], ["u8", [...Buffer.from(body.slice(7), "latin1")]]];
      inputs.push(["stream", ["readableStreamToFormData", chunks, "pulled", boundary === undefined ? undefined : [boundary]]]);
      if (typeof boundary === "string") inputs.push(["stream", ["readableStreamToFormData", chunks, "pulled", [["u8-boundary", [...Buffer.from(boundary)]]]]]);
    }
    await expectSame(inputs);
  });

  it("fast-check: chunked bytes and text round-trip through ArrayBuffer, bytes, text and JSON", async () => {
    const chunks = fc.array(fc.oneof(bufferChunk, textChunk), { maxLength: 6 });
    const json = fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([value, cut]) => {
      const text = JSON.stringify(value) ?? "null";
      const at = cut % (text.length + 1);
      return [["str", text.slice(0, at)], ["u8", [...Buffer.from(text.slice(at), "utf8")]]];
    });
    const inputs = [
      ...fc.sample(chunks, { numRuns: 120, seed: 11 }).flatMap((list) => ["readableStreamToArrayBuffer", "readableStreamToBytes", "readableStreamToText", "readableStreamToBlob"].map((fn) => ["stream", [fn, list, "pulled"]])),
      ...fc.sample(json, { numRuns: 80, seed: 12 }).map((list) => ["stream", ["readableStreamToJSON", list, "pulled"]]),
    ];
    await expectSame(inputs);
  });
});

