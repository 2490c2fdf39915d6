// The utility belt, in process: documented behaviour, laws that must hold
// (fast-check), and what only Node can show (no --expose-gc needed, the
// inspector shared with a debugger, files written by a fake editor).
import { scratchDir, writeFiles } from "@dx-compat/oracle";
import fc from "fast-check";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  allocUnsafe,
  ArrayBufferSink,
  concatArrayBuffers,
  deepEquals,
  deepMatch,
  enableANSIColors,
  fileURLToPath,
  gc,
  isMainThread,
  nanoseconds,
  openInEditor,
  pathToFileURL,
  peek,
  randomUUIDv5,
  randomUUIDv7,
  readableStreamToArray,
  readableStreamToArrayBuffer,
  readableStreamToBlob,
  readableStreamToBytes,
  readableStreamToFormData,
  readableStreamToJSON,
  readableStreamToText,
  resolve,
  resolveSync,
  revision,
  shrink,
  unsafe,
  version,
  version_with_sha,
} from "../src/index.ts";
import { ansiColorsEnabled } from "../src/internal/belt/ansi-colors.ts";

function streamOf(chunks: unknown[]): ReadableStream<unknown> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe("nanoseconds", () => {
  it("counts integer nanoseconds from the process's time origin, monotonically", () => {
    const before = performance.now();
    const a = nanoseconds();
    const b = nanoseconds();
    const after = performance.now();
    expect(Number.isInteger(a)).toBe(true);
    expect(b).toBeGreaterThanOrEqual(a);
    // performance.now() counts from the same origin, in milliseconds.
    expect(a).toBeGreaterThanOrEqual(Math.floor(before * 1e6) - 1e5);
    expect(b).toBeLessThanOrEqual(Math.ceil(after * 1e6) + 1e5);
  });
});

describe("peek", () => {
  it("reads settled promises synchronously, keeps identity, hands back pending ones and plain values", async () => {
    const object = { a: 1 };
    const symbol = Symbol("s");
    expect(peek(Promise.resolve(object))).toBe(object);
    expect(peek(Promise.resolve(symbol))).toBe(symbol);
    expect(peek(Promise.resolve(10n))).toBe(10n);
    expect(Object.is(peek(Promise.resolve(-0)), -0)).toBe(true);
    expect(peek(Promise.resolve(NaN))).toBeNaN();
    const pending = new Promise(() => {});
    expect(peek(pending)).toBe(pending);
    expect(peek.status(pending)).toBe("pending");
    expect(peek(42)).toBe(42);
    expect(peek.status(42)).toBe("fulfilled");
    const later = new Promise((r) => setTimeout(() => r("done"), 1));
    expect(peek(later)).toBe(later);
    await later;
    expect(peek(later)).toBe("done");
  });

  it("gives a rejection's reason without marking it handled", async () => {
    const reason = new Error("boom");
    const unhandled: unknown[] = [];
    const listener = (error: unknown): void => {
      unhandled.push(error);
    };
    process.on("unhandledRejection", listener);
    try {
      const rejected = Promise.reject(reason);
      expect(peek(rejected)).toBe(reason);
      expect(peek.status(rejected)).toBe("rejected");
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toContain(reason);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });

  it("works in a worker thread", async () => {
    const worker = new Worker(
      `import("${pathToFileURL(resolvePath(import.meta.dirname, "../src/peek.ts")).href}").then(({ peek }) => { const o = {}; require("node:worker_threads").parentPort.postMessage([peek(Promise.resolve(o)) === o, peek.status(new Promise(() => {}))]); });`,
      { eval: true },
    );
    const answer = await new Promise((r, reject) => {
      worker.on("message", r);
      worker.on("error", reject);
    });
    await worker.terminate();
    expect(answer).toEqual([true, "pending"]);
  });

  it("keeps working while a debugger is attached to the same process", async () => {
    // A child Node with --inspect and a WebSocket debugger client (Runtime and Debugger domains on);
    // then peek in the child: the inspector serves both sessions.
    const dir = writeFiles({
      "child.mjs": `
        import { peek } from ${JSON.stringify(pathToFileURL(resolvePath(import.meta.dirname, "../src/peek.ts")).href)};
        process.stdin.once("data", () => {
          const o = { value: 1 };
          const results = [peek(Promise.resolve(o)) === o, peek(Promise.resolve(5)), peek.status(new Promise(() => {}))];
          process.stdout.write("RESULT " + JSON.stringify(results) + "\\n");
          process.stdin.destroy();
        });
        console.error("READY");
      `,
    });
    const child = spawn(process.execPath, ["--inspect=127.0.0.1:0", join(dir, "child.mjs")], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const until = async (done: () => boolean): Promise<void> => {
      for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
    };
    await until(() => /ws:\/\/\S+/.test(stderr) && stderr.includes("READY"));
    const socket = new WebSocket(/ws:\/\/\S+/.exec(stderr)![0]);
    await new Promise((r) => socket.addEventListener("open", r));
    let id = 0;
    const send = (method: string): Promise<void> =>
      new Promise((r) => {
        const mine = ++id;
        socket.addEventListener("message", (event) => {
          if ((JSON.parse(String(event.data)) as { id?: number }).id === mine) r();
        });
        socket.send(JSON.stringify({ id: mine, method }));
      });
    await send("Runtime.enable");
    await send("Debugger.enable");
    child.stdin.write("go\n");
    await until(() => stdout.includes("RESULT"));
    // With a debugger attached, Node waits for it to leave before exiting.
    socket.close();
    await new Promise((r) => child.on("exit", r));
    expect(stdout).toContain(`RESULT ${JSON.stringify([true, 5, "pending"])}`);
  });
});

describe("deepEquals and deepMatch", () => {
  it("follows Bun's loose and strict rules", () => {
    expect(deepEquals({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEquals({ a: 1, b: undefined }, { a: 1 }, true)).toBe(false);
    expect(deepEquals([1, , 3], [1, undefined, 3])).toBe(true);
    expect(deepEquals([1, , 3], [1, undefined, 3], true)).toBe(false);
    expect(deepEquals(NaN, NaN)).toBe(true);
    expect(deepEquals(0, -0)).toBe(false);
    expect(deepEquals(new Date(1), new Date(1))).toBe(true);
    expect(deepEquals(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]]))).toBe(true);
    expect(deepEquals(new Set([{ a: 1 }]), new Set([{ a: 2 }]))).toBe(false);
    class A {}
    expect(deepEquals(new A(), {})).toBe(true);
    expect(deepEquals(new A(), {}, true)).toBe(false);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    const twin: { self?: unknown } = {};
    twin.self = twin;
    expect(deepEquals(cyclic, twin, true)).toBe(true);
    expect(() => (deepEquals as (...args: unknown[]) => boolean)(1)).toThrow(new TypeError("Expected 2 values to compare"));
    expect(deepMatch({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(deepMatch({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(() => deepMatch(1, {})).toThrow(new TypeError("Expected 2 objects to match"));
  });

  it("fast-check: JSON values equal their clones in both modes, and match themselves", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const clone = structuredClone(value);
        expect(deepEquals(value, clone)).toBe(true);
        expect(deepEquals(value, clone, true)).toBe(true);
        if (typeof value === "object" && value !== null) expect(deepMatch(value, clone)).toBe(true);
      }),
    );
  });

  it("fast-check: strict equality of JSON values is symmetric and agrees with node:util", async () => {
    const { isDeepStrictEqual } = await import("node:util");
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        const forward = deepEquals(a, b, true);
        expect(deepEquals(b, a, true)).toBe(forward);
        // For JSON data (no -0 from JSON.parse, no undefined) the two notions coincide.
        expect(forward).toBe(isDeepStrictEqual(a, b));
      }),
    );
  });
});

describe("randomUUIDv7 and randomUUIDv5", () => {
  it("v5 gives RFC 9562's name-based UUIDs", () => {
    expect(randomUUIDv5("www.example.com", "dns")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(randomUUIDv5("www.example.com", "url")).toBe("b63cdfa4-3df9-568e-97ae-006c5b8fd652");
    expect(randomUUIDv5("www.example.com", "url", "buffer").toString("hex")).toBe("b63cdfa43df9568e97ae006c5b8fd652");
  });

  it("fast-check: v7 encodes the timestamp, version and variant; later calls sort after earlier ones", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (timestamp) => {
        const bytes = randomUUIDv7("buffer", timestamp);
        expect(bytes.readUIntBE(0, 6)).toBe(timestamp);
        expect(bytes[6]! >> 4).toBe(7);
        expect(bytes[8]! >> 6).toBe(2);
      }),
    );
    const ids = Array.from({ length: 5000 }, () => randomUUIDv7());
    expect([...ids].sort()).toEqual(ids);
    const sameMillisecond = Array.from({ length: 5000 }, () => randomUUIDv7("hex", 12345));
    expect([...sameMillisecond].sort()).toEqual(sameMillisecond);
  });
});

describe("fileURLToPath and pathToFileURL", () => {
  it("fast-check: a plain absolute path survives the round trip", () => {
    const segment = fc.string({ unit: fc.oneof(fc.constantFrom(..."abc%#?[]^{}|~ \\\"'`<>:;=@&$!+,-_"), fc.constantFrom("é", "€", "😀")), minLength: 1, maxLength: 6 }).filter((s) => s !== "." && s !== "..");
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
        const path = `/${parts.join("/")}`;
        expect(fileURLToPath(pathToFileURL(path))).toBe(path);
      }),
    );
  });

  it("throws Bun's coded errors", () => {
    expect(() => fileURLToPath("http://x/a")).toThrow(expect.objectContaining({ code: "ERR_INVALID_URL_SCHEME" }));
    expect(() => fileURLToPath("file:///a%2Fb")).toThrow(expect.objectContaining({ code: "ERR_INVALID_FILE_URL_PATH" }));
    expect(() => fileURLToPath(5 as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});

describe("resolveSync and resolve", () => {
  it("resolves built-ins, TypeScript files, packages with the bun condition, and throws ResolveMessage", async () => {
    const root = writeFiles({
      "package.json": "{}",
      "src/util.ts": "",
      "node_modules/pkg/package.json": JSON.stringify({ exports: { ".": { bun: "./bun.js", import: "./import.js", default: "./index.js" } } }),
      "node_modules/pkg/bun.js": "",
    });
    expect(resolveSync("fs", root)).toBe("node:fs");
    expect(resolveSync("./src/util.js", root)).toBe(join(root, "src/util.ts"));
    expect(resolveSync("pkg", root)).toBe(join(root, "node_modules/pkg/bun.js"));
    await expect(resolve("./src/util", root)).resolves.toBe(join(root, "src/util.ts"));
    let thrown: unknown;
    try {
      resolveSync("missing", root);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ name: "ResolveMessage", code: "ERR_MODULE_NOT_FOUND", specifier: "missing", referrer: root, message: `Cannot find package 'missing' imported from ${root}` });
    expect(Object.getOwnPropertyNames(thrown)).toEqual([]);
    await expect(resolve("missing", root)).rejects.toMatchObject({ name: "ResolveMessage" });
  });
});

describe("concatArrayBuffers and allocUnsafe", () => {
  it("fast-check: the result is the concatenation, cut at maxLength", () => {
    const views = fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 6 });
    fc.assert(
      fc.property(views, fc.option(fc.nat({ max: 80 }), { nil: undefined }), (parts, max) => {
        const whole = Buffer.concat(parts);
        const expected = max === undefined ? whole : whole.subarray(0, max);
        const result = concatArrayBuffers(parts, max as number, true);
        expect(Buffer.from(result)).toEqual(expected);
      }),
    );
  });

  it("allocUnsafe gives a plain Uint8Array of its own buffer", () => {
    const bytes = allocUnsafe(100);
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect([bytes.length, bytes.byteOffset, bytes.buffer.byteLength]).toEqual([100, 0, 100]);
    expect(() => allocUnsafe(-1)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });
});

describe("ArrayBufferSink and readableStreamTo*", () => {
  it("fast-check: what is written comes out of end(), and chunks come out of every reader", async () => {
    const chunks = fc.array(fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.string({ maxLength: 8 })), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(chunks, async (list) => {
        const expected = Buffer.concat(list.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
        const sink = new ArrayBufferSink();
        for (const chunk of list) sink.write(chunk);
        expect(Buffer.from(sink.end() as ArrayBuffer)).toEqual(expected);
        expect(Buffer.from(await readableStreamToBytes(streamOf(list) as ReadableStream<Uint8Array>))).toEqual(expected);
        expect(await readableStreamToText(streamOf(list) as ReadableStream<string>)).toBe(new TextDecoder().decode(expected));
        expect(Buffer.from(await (await readableStreamToBlob(streamOf(list))).arrayBuffer())).toEqual(expected);
        expect(await readableStreamToArray(streamOf(list))).toEqual(list);
        if (!(list.length === 1 && typeof list[0] === "string")) expect(Buffer.from(await readableStreamToArrayBuffer(streamOf(list) as ReadableStream<Uint8Array>))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("parses JSON and form data", async () => {
    expect(await readableStreamToJSON(streamOf(['{"a":', "[1]}"]))).toEqual({ a: [1] });
    await expect(readableStreamToJSON(streamOf(["{"]))).rejects.toThrow(new SyntaxError("JSON Parse error: Expected '}'"));
    const form = await readableStreamToFormData(streamOf(["--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nhi\r\n--X--\r\n"]) as ReadableStream<string>, "X");
    const file = form.get("f") as File;
    expect([file.name, file.type, await file.text()]).toEqual(["a.txt", "text/plain;charset=utf-8", "hi"]);
    expect((await readableStreamToFormData(streamOf(["a=1&a=2"]) as ReadableStream<string>)).getAll("a")).toEqual(["1", "2"]);
  });

  it("streaming flush hands back what was written since the last one", () => {
    const sink = new ArrayBufferSink();
    sink.start({ stream: true, asUint8Array: true });
    sink.write("ab");
    expect(sink.flush()).toEqual(new Uint8Array([97, 98]));
    sink.write("c");
    expect(sink.end()).toEqual(new Uint8Array([99]));
  });
});

describe("version, revision, isMainThread, enableANSIColors", () => {
  it("reports the Bun API level it implements, and no Bun build", () => {
    expect(version).toBe("1.4.5");
    expect(revision).toBe("");
    expect(version_with_sha).toBe("v1.4.5 (dx-compat)");
    expect(isMainThread).toBe(true);
    expect(typeof enableANSIColors).toBe("boolean");
  });

  it("decides colors as Bun does", () => {
    const tty = (): boolean => true;
    const pipe = (): boolean => false;
    expect(ansiColorsEnabled({}, pipe)).toBe(false);
    expect(ansiColorsEnabled({}, tty)).toBe(true);
    expect(ansiColorsEnabled({ FORCE_COLOR: "" }, pipe)).toBe(true);
    expect(ansiColorsEnabled({ FORCE_COLOR: "0" }, pipe)).toBe(false);
    expect(ansiColorsEnabled({ FORCE_COLOR: "0" }, tty)).toBe(true);
    expect(ansiColorsEnabled({ NO_COLOR: "1" }, tty)).toBe(false);
    expect(ansiColorsEnabled({ NO_COLOR: "" }, tty)).toBe(true);
    expect(ansiColorsEnabled({ NO_COLOR: "1", FORCE_COLOR: "1" }, pipe)).toBe(true);
    expect(ansiColorsEnabled({}, (fd) => fd === 2)).toBe(true);
  });
});

describe("gc, shrink, generateHeapSnapshot, unsafe", () => {
  it("collects garbage without --expose-gc, and leaves no gc behind", () => {
    expect(typeof gc(true)).toBe("number");
    expect(typeof gc()).toBe("number");
    expect(shrink()).toBeUndefined();
    expect(runInNewContext("typeof gc")).toBe("undefined");
  });

  it("takes V8 snapshots, and JSC-shaped ones", async () => {
    // In a small child process: a snapshot of this test runner's heap would take long.
    const module = pathToFileURL(resolvePath(import.meta.dirname, "../src/generate-heap-snapshot.ts")).href;
    const script = `
      import { generateHeapSnapshot } from ${JSON.stringify(module)};
      const v8 = JSON.parse(generateHeapSnapshot("v8"));
      const bytes = generateHeapSnapshot("v8", "arraybuffer");
      const jsc = generateHeapSnapshot();
      const ids = new Set(jsc.nodes.filter((_, i) => i % 4 === 0));
      let edgesKnown = true;
      for (let i = 0; i < jsc.edges.length; i += 4) edgesKnown &&= ids.has(jsc.edges[i]) && ids.has(jsc.edges[i + 1]);
      let error;
      try { generateHeapSnapshot("x"); } catch (e) { error = [e.name, e.message]; }
      console.log(JSON.stringify({ v8: "snapshot" in v8, bytes: bytes instanceof ArrayBuffer && bytes.byteLength > 0, keys: Object.keys(jsc), nodes: jsc.nodes.length % 4, edges: jsc.edges.length % 4, root: jsc.nodeClassNames[0], edgesKnown, hasObjects: jsc.nodeClassNames.includes("Object"), error }));
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((r) => child.on("exit", r));
    expect(JSON.parse(output)).toEqual({
      v8: true,
      bytes: true,
      keys: ["version", "type", "nodes", "nodeClassNames", "edges", "edgeTypes", "edgeNames"],
      nodes: 0,
      edges: 0,
      root: "<root>",
      edgesKnown: true,
      hasObjects: true,
      error: ["TypeError", "Expected 'v8' or 'jsc' or undefined"],
    });
  });

  it("serves the unsafe members Node can, and names the ones it cannot", () => {
    expect(unsafe.arrayBufferToString(new Uint8Array([104, 105]))).toBe("hi");
    expect(unsafe.arrayBufferToString(new Uint16Array([0x20ac]))).toBe("€");
    expect(unsafe.gcAggressionLevel()).toBe(0);
    expect(() => unsafe.gcAggressionLevel(2)).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
    expect(() => unsafe.mimallocDump()).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
    expect(() => unsafe.setJITPolicy(2)).toThrow(expect.objectContaining({ code: "ERR_DX_COMPAT_NOT_IMPLEMENTED" }));
    expect(unsafe.setJITPolicy(1)).toBeUndefined();
    if (process.platform === "linux") expect(unsafe.memoryFootprint()).toBeGreaterThan(1e6);
  });
});

describe("openInEditor", () => {
  it("starts the editor named by path with Bun's command lines", async () => {
    const dir = scratchDir("dx-editor-");
    const log = join(dir, "log.txt");
    for (const name of ["code", "mine"]) {
      writeFiles({ [name]: `#!/bin/sh\necho "${name} $*" >> "${log}"\n` }, dir);
      chmodSync(join(dir, name), 0o755);
    }
    openInEditor("/src/a.ts", { editor: join(dir, "code") as never, line: 3, column: 4 });
    openInEditor("/src/b.ts", { editor: join(dir, "mine") as never, line: 9 });
    for (let i = 0; i < 200 && !(existsSync(log) && readFileSync(log, "utf8").trim().split("\n").length >= 2); i++) await new Promise((r) => setTimeout(r, 25));
    expect(readFileSync(log, "utf8").trim().split("\n").sort()).toEqual(["code --goto /src/a.ts:3:4", "mine /src/b.ts"]);
    expect(() => openInEditor("")).toThrow(new Error("No file path specified"));
  });
});
