// Bun's Worker under real Bun and under Node with dx-compat/register: the
// same main program and worker modules, the same output and exit code. The
// main thread's lines and the worker's (prefixed "[w]") are compared as two
// sequences: how two threads' writes to one stdout interleave is timing, in
// either runtime. Only the text of an uncaught error differs (each runtime
// formats its own), so those lines print the event's class, not its message.
import { runBoth, writeFiles } from "@dx-compat/oracle";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `bunRaced`: an outcome of Bun's that is a race it lost, not its behaviour
 * (e.g. a worker that ran before terminate() under a loaded machine); both
 * runtimes run again, up to three times, while Bun's output shows it.
 */
async function same(files: Record<string, string>, options: { cwd?: string; bunRaced?: (stdout: string) => boolean } = {}): Promise<string> {
  const dir = writeFiles(files);
  const run = (): ReturnType<typeof runBoth> => runBoth(join(dir, "main.mjs"), { cwd: options.cwd === undefined ? dir : join(dir, options.cwd) });
  let { bun, node } = await run();
  for (let attempt = 1; attempt < 3 && options.bunRaced?.(bun.stdout) === true; attempt++) ({ bun, node } = await run());
  expect({ ...threads(node.stdout), code: node.code }).toEqual({ ...threads(bun.stdout), code: bun.code });
  return bun.stdout;
}

/** stdout split into the main thread's lines and the worker's, each in order. */
function threads(stdout: string): { main: string[]; worker: string[] } {
  const lines = stdout.split("\n").filter((line) => line !== "");
  return { main: lines.filter((line) => !line.startsWith("[w]")), worker: lines.filter((line) => line.startsWith("[w]")) };
}

const logEvents = `
const log = (tag, worker) => {
  worker.addEventListener("open", (event) => console.log(tag, "open", event.constructor.name));
  worker.addEventListener("close", (event) => console.log(tag, "close", event.constructor.name, event.code, JSON.stringify(event.reason), event.wasClean));
  worker.addEventListener("error", (event) => console.log(tag, "error", event.constructor.name));
};
const closed = (worker) => new Promise((resolve) => worker.addEventListener("close", resolve));
const message = (worker) => new Promise((resolve) => worker.addEventListener("message", resolve, { once: true }));
`;

describe("Worker against real Bun", () => {
  it("runs a module with Bun's worker scope and passes messages both ways, events in Bun's order", async () => {
    const stdout = await same({
      "main.mjs": `${logEvents}
const worker = new Worker(new URL("./worker.mjs", import.meta.url));
log("w", worker);
console.log(typeof Worker, Worker.length, worker instanceof EventTarget, typeof worker.threadId);
worker.onmessage = (event) => {
  console.log("main got", event.constructor.name, JSON.stringify(event.data));
  if (event.data.echo === "hi") worker.postMessage("bye");
};
worker.postMessage("hi");
`,
      "worker.mjs": `
console.log("[w] scope", typeof self, self === globalThis, typeof postMessage, onmessage, typeof addEventListener, typeof close);
self.onmessage = (event) => {
  console.log("[w] got", event.constructor.name, event.type, JSON.stringify(event.data));
  postMessage({ echo: event.data });
  if (event.data === "bye") process.exit(3);
};
`,
    });
    expect(stdout).toContain('w close CloseEvent 3 "Worker exited abnormally" false');
  });

  it("ends a worker that does not listen when its module is done, and resolves a path from the current directory", async () => {
    await same(
      {
        "main.mjs": `${logEvents}
const done = new Worker("./sub/done.mjs");
log("a", done);
await closed(done);
console.log("end");
`,
        "sub/done.mjs": `console.log("[w] done", process.argv.length > 0);`,
      },
    );
  });

  it("reports an uncaught error as an ErrorEvent, then close with code 1; terminate() closes with code 0", async () => {
    await same({
      "main.mjs": `${logEvents}
const throws = new Worker(new URL("./throws.mjs", import.meta.url));
log("throws", throws);
await closed(throws);
const stays = new Worker(new URL("./stays.mjs", import.meta.url));
log("stays", stays);
stays.postMessage(1);
console.log("stays answered", (await message(stays)).data);
console.log("terminate returns", stays.terminate());
await closed(stays);
console.log("end");
`,
      "throws.mjs": `console.log("[w] about to throw"); throw new TypeError("bad thing");`,
      "stays.mjs": `addEventListener("message", (event) => { console.log("[w] stays got", event.data); postMessage(event.data + 1); });`,
    });
  });

  it("transfers ArrayBuffers, runs TypeScript workers, honours ref: false and preload", async () => {
    await same({
      "main.mjs": `${logEvents}
const worker = new Worker(new URL("./worker.ts", import.meta.url), { preload: ["./preload.mjs"] });
const buffer = new Uint8Array([1, 2, 3]).buffer;
worker.onmessage = (event) => {
  console.log("main got", event.data.sum, event.data.preloaded);
  worker.terminate();
};
worker.postMessage({ buffer }, [buffer]);
console.log("transferred", buffer.byteLength);
// Never ends by itself: with ref: false the process exits all the same.
new Worker(new URL("./idle.mjs", import.meta.url), { ref: false });
`,
      "preload.mjs": `globalThis.preloaded = "yes";`,
      "worker.ts": `
interface Job { buffer: ArrayBuffer }
self.onmessage = (event: MessageEvent<Job>) => {
  const bytes = new Uint8Array(event.data.buffer);
  postMessage({ sum: bytes.reduce((a: number, b: number) => a + b, 0), preloaded: (globalThis as { preloaded?: string }).preloaded });
};
`,
      "idle.mjs": `setInterval(() => {}, 1000);`,
    });
  });
});

describe("Worker with a blob: URL against real Bun", () => {
  it("runs the Blob's text as a module: scope, top-level await, imports from the current directory, TypeScript syntax, Bun's import.meta", async () => {
    const stdout = await same(
      {
        "main.mjs": `${logEvents}
const source = \`
import { join } from "node:path";
import dep from "./dep.mjs";
// Listening before the first await: Bun drops what arrives while a blob module awaits without a listener.
// Messages may arrive during the awaits (whether they do is timing): they are answered, in one message, once the module is done.
let evaluated: () => void;
const done = new Promise<void>((resolve) => (evaluated = resolve));
const received: string[] = [];
self.onmessage = (event) => {
  received.push(event.constructor.name + " " + JSON.stringify(event.data));
  if (event.data === "meta") void done.then(() => postMessage({ received, url: import.meta.url, path: import.meta.path, dir: import.meta.dir, file: import.meta.file, main: import.meta.main }));
};
const { sep } = await import("node:path");
const { default: bare } = await import("bare-dep");
const typed: number = 2;
interface Unused { field: string }
console.log("[w] blob", typeof self, self === globalThis, typeof postMessage, join("a", "b"), sep, dep, bare, typed, typeof self.name);
evaluated!();
\`;
const url = URL.createObjectURL(new Blob([source], { type: "application/javascript" }));
console.log("url", url.startsWith("blob:"));
const worker = new Worker(url, { name: "inline" });
log("w", worker);
worker.postMessage("early 1");
worker.postMessage({ early: 2 });
worker.postMessage("meta");
const meta = (await message(worker)).data;
console.log("received", JSON.stringify(meta.received));
console.log("import.meta", meta.url === "file:///" + url, meta.path === "/" + url, JSON.stringify(meta.dir), meta.file === url, meta.main);
worker.terminate();
await closed(worker);
`,
        "sub/dep.mjs": `export default "dep from the current directory";`,
        "sub/node_modules/bare-dep/package.json": `{ "name": "bare-dep", "type": "module", "main": "index.js" }`,
        "sub/node_modules/bare-dep/index.js": `export default "bare dep";`,
      },
      { cwd: "sub" },
    );
    expect(stdout).toContain("[w] blob object true function a/b / dep from the current directory bare dep 2 undefined");
    expect(stdout).toContain('import.meta true true "" true false');
    expect(stdout).toContain('received ["MessageEvent \\"early 1\\"","MessageEvent {\\"early\\":2}","MessageEvent \\"meta\\""]');
  });

  it("reports a revoked, unknown or malformed blob: URL and an uncaught error as error events; terminate() before start closes with 0", async () => {
    await same(
      {
        "main.mjs": `${logEvents}
const run = async (tag, url) => {
  const worker = new Worker(url);
  log(tag, worker);
  worker.addEventListener("error", (event) => console.log(tag, "message", event.message.startsWith("BuildMessage") ? JSON.stringify(event.message) : "(runtime's own)"));
  await closed(worker);
};
const revoked = URL.createObjectURL(new Blob(['console.log("[w] revoked ran");']));
URL.revokeObjectURL(revoked);
await run("revoked", revoked);
await run("unknown", "blob:00000000-0000-0000-0000-000000000000");
await run("malformed", "blob:nope");
await run("throws", URL.createObjectURL(new Blob(['console.log("[w] about to throw"); throw new TypeError("bad thing");'])));
const stopped = new Worker(URL.createObjectURL(new Blob(['console.log("[w] never printed"); setInterval(() => {}, 1000);'])));
log("stopped", stopped);
stopped.terminate();
await closed(stopped);
console.log("end");
`,
      },
      // Bun's worker sometimes starts before terminate() on a busy machine, prints, and closes with 1.
      { bunRaced: (stdout) => stdout.includes("[w] never printed") },
    );
  });
});
