// Bun.serve's WebSockets under real Bun and under Node + dx-compat: the same
// server script in both runtimes, the same client conversation against each
// (a `ws` client and raw handshakes over node:net), and the same observations
// compared — what the client receives (messages and their frame types, close
// codes and reasons, the 101 response) and what the server logs on stdout
// (send/publish statuses, message types, handler arguments, pendingWebSockets).
// Where backpressure sets in depends on the kernel's socket buffers in both
// runtimes, so a flood is only checked for statuses of the allowed kinds.
import { differential, startBoth, type RunningProgram } from "@dx-compat/oracle";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";

// The server runs JSON commands sent as text messages and logs every handler call.
const serverScript = `
const log = (o) => console.log(JSON.stringify(o));
const kind = (m) => typeof m === "string" ? "string" : m?.constructor?.name;
const opts = JSON.parse(process.env.WS_OPTS || "{}");
const server = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(req, server) {
    const url = new URL(req.url);
    const headers = url.pathname === "/proto"
      ? { "Sec-WebSocket-Protocol": "b", "content-type": "x", "X-A": "1", "x-a": "2" }
      : { "X-Custom": "yes", "Set-Cookie": "a=b" };
    const ok = server.upgrade(req, { data: { path: url.pathname }, headers });
    log({ ev: "upgrade", ok, path: url.pathname });
    return ok ? undefined : new Response("Upgrade failed", { status: 400 });
  },
  websocket: {
    ...opts,
    open(ws) { log({ ev: "open", data: ws.data, readyState: ws.readyState, ra: ws.remoteAddress, bt: ws.binaryType, pending: server.pendingWebSockets }); },
    close(ws, code, reason) { log({ ev: "close", code, reason, readyState: ws.readyState, pending: server.pendingWebSockets, subs: ws.subscriptions, send: ws.send("x"), sub: ws.subscribe("q") }); },
    ping(ws, d) { log({ ev: "ping", t: kind(d), s: String(d) }); },
    pong(ws, d) { log({ ev: "pong", t: kind(d), s: String(d) }); },
    message(ws, m) {
      if (typeof m !== "string" || !m.startsWith("{")) {
        log({ ev: "message", t: kind(m), len: m.length ?? m.byteLength ?? m.size });
        ws.send(m);
        return;
      }
      const c = JSON.parse(m);
      const d = c.bin ? new Uint8Array(c.bin) : c.big ? "x".repeat(c.big) : c.data;
      let r;
      switch (c.op) {
        case "send": r = ws.send(d, c.compress); break;
        case "sendText": r = ws.sendText(d); break;
        case "sendBinary": r = ws.sendBinary(d); break;
        case "publish": r = ws.publish(c.topic, d); break;
        case "spublish": r = server.publish(c.topic, d, c.compress); break;
        case "subscribe": r = [ws.subscribe(c.topic), ws.subscribe(c.topic), ws.isSubscribed(c.topic), ws.subscriptions]; break;
        case "unsubscribe": r = [ws.unsubscribe(c.topic), ws.unsubscribe(c.topic)]; break;
        case "count": r = server.subscriberCount(c.topic); break;
        case "close": ws.close(c.code, c.reason); r = ws.readyState; break;
        case "terminate": ws.terminate(); r = ws.readyState; break;
        case "ping": r = [ws.ping(d), ws.ping()]; break;
        case "pong": r = ws.pong(d); break;
        case "bt": try { ws.binaryType = c.v; r = ws.binaryType; } catch (e) { r = e.constructor.name + ": " + e.message; } break;
        case "cork": r = ws.cork((w) => { w.send("c1"); w.send("c2"); return 42; }); break;
        case "flood": { const out = []; for (let i = 0; i < c.n; i++) out.push(ws.send(d)); r = [out[0], out.every((s) => s === d.length || s === -1 || s === 0)]; break; }
        case "stop": server.stop(true); r = "stopping"; break;
        case "errors": {
          const flat = (f) => { try { const v = f(); return v === undefined ? "undefined" : v; } catch (e) { return [e.constructor.name, e.code, e.message]; } };
          r = [
            flat(() => ws.send(123)), flat(() => ws.send({})), flat(() => ws.send(null)), flat(() => ws.sendText(new Uint8Array(1))),
            flat(() => ws.sendBinary("x")), flat(() => ws.subscribe(123)), flat(() => ws.subscribe()), flat(() => ws.publish(5, "x")),
            flat(() => ws.ping("x".repeat(200))), flat(() => server.publish("nobody", 42)), flat(() => ws.close("abc")),
            flat(() => ws.isSubscribed(1)), flat(() => ws.unsubscribe()),
          ];
          break;
        }
        default: r = "?";
      }
      log({ op: c.op, r: r === undefined ? "undefined" : r });
      if (!c.quiet) ws.send(JSON.stringify({ r: r === undefined ? "undefined" : r }));
    },
  },
});
log({ port: server.port });
`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Session {
  ws: WebSocket;
  seen: unknown[];
  closed: Promise<{ code: number; reason: string }>;
  replies(count: number): Promise<void>;
}

async function open(port: number, path = "/", protocols?: string[]): Promise<Session> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, { perMessageDeflate: false });
  const seen: unknown[] = [];
  let wake: (() => void) | undefined;
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    seen.push(isBinary ? { binary: [...data] } : data.length > 100 ? `text(${data.length})` : data.toString());
    wake?.();
  });
  ws.on("ping", (data: Buffer) => seen.push({ ping: data.toString() }));
  ws.on("upgrade", (response) => {
    const { date: _date, "sec-websocket-accept": _accept, ...headers } = response.headers;
    seen.push({ upgrade: headers });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const replies = async (count: number): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (seen.filter((item) => typeof item === "string" && item.startsWith('{"r"')).length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  return { ws, seen, closed, replies };
}

function raw(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("close", () => resolve(text.replace(/Date: [^\r]*\r\n/, "Date: <date>\r\n")));
    socket.on("error", () => {});
    socket.write(request);
    setTimeout(() => socket.destroy(), 250);
  });
}

function portOf(program: RunningProgram): number {
  return (program.ready as { port: number }).port;
}

/** The server's log without its first line (the port). */
function serverLog(program: RunningProgram): unknown[] {
  return program
    .stdout()
    .split("\n")
    .slice(1)
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as unknown);
}

async function both(options: object, converse: (port: number) => Promise<unknown>): Promise<{ bun: unknown; node: unknown }> {
  const { bun, node } = await startBoth(serverScript, { env: { WS_OPTS: JSON.stringify(options) } });
  try {
    const [bunSaw, nodeSaw] = await Promise.all([converse(portOf(bun)), converse(portOf(node))]);
    await sleep(150);
    return { bun: { client: bunSaw, server: serverLog(bun) }, node: { client: nodeSaw, server: serverLog(node) } };
  } finally {
    await Promise.all([bun.stop(), node.stop()]);
  }
}

const handshake = (headers: string, path = "/x", method = "GET"): string =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${headers}\r\n`;
const KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
/** A handshake with the Connection header given (or none), as some clients and proxies send it. */
const bareHandshake = (connection: string, headers: string): string =>
  `GET /bare HTTP/1.1\r\nHost: 127.0.0.1\r\n${connection}Upgrade: websocket\r\n${headers}\r\n`;
/** A masked text frame, as a client sends one. */
function clientFrame(text: string): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const payload = Buffer.from(text).map((byte, index) => byte ^ mask[index % 4]!);
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, payload]);
}

describe("Bun.serve websocket (Bun vs Node + dx-compat)", () => {
  it("upgrades a handshake whatever its Connection header says, and keeps frames sent along with it", { timeout: 60_000 }, async () => {
    const { bun, node } = await both({}, async (port) => {
      const version = `${KEY}Sec-WebSocket-Version: 13\r\n`;
      const cases: Record<string, string | Buffer> = {
        none: bareHandshake("", version),
        keepAlive: bareHandshake("Connection: keep-alive\r\n", version),
        close: bareHandshake("Connection: close\r\n", version),
        version8: bareHandshake("", `${KEY}Sec-WebSocket-Version: 8\r\n`),
        notWebSocket: `GET /bare HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: h2c\r\n${version}\r\n`,
        earlyFrame: Buffer.concat([Buffer.from(bareHandshake("", version)), clientFrame("early")]),
        earlyFrameWithConnection: Buffer.concat([Buffer.from(handshake(version, "/bare")), clientFrame("early")]),
      };
      const responses: Record<string, string> = {};
      for (const [name, request] of Object.entries(cases)) {
        const response = await raw(port, request);
        responses[name] = response.startsWith("HTTP/1.1 101") || response.startsWith("HTTP/1.1 426") ? response : response.split("\r\n")[0]!;
        await sleep(20);
      }
      return responses;
    });
    expect(node).toEqual(bun);
  });


  it("messages, send statuses, pub/sub, binaryType, cork, ping/pong and closing", { timeout: 60_000 }, async () => {
    const { bun, node } = await both({}, async (port) => {
      const a = await open(port, "/a");
      const command = async (session: Session, c: object): Promise<void> => {
        const before = session.seen.filter((item) => typeof item === "string" && item.startsWith('{"r"')).length;
        session.ws.send(JSON.stringify(c));
        await session.replies(before + 1);
      };
      a.ws.send("hi");
      a.ws.send(Buffer.from([1, 2, 3]));
      await sleep(50);
      for (const c of [
        { op: "send", data: "héllo" },
        { op: "send", data: "" },
        { op: "send", bin: [1, 2, 3] },
        { op: "sendText", data: "t" },
        { op: "sendBinary", bin: [9] },
        { op: "send", big: 70_000 },
        { op: "send", data: "z", compress: true },
        { op: "publish", topic: "t", data: "nobody" },
        { op: "spublish", topic: "t", data: "nobody" },
        { op: "subscribe", topic: "t" },
        { op: "count", topic: "t" },
        { op: "publish", topic: "t", data: "self excluded" },
        { op: "spublish", topic: "t", data: "to all" },
        { op: "ping", data: "pd" },
        { op: "pong", data: "pp" },
        { op: "cork" },
        { op: "errors" },
      ]) {
        await command(a, c);
      }
      const b = await open(port, "/b");
      await command(b, { op: "subscribe", topic: "t" });
      await command(b, { op: "publish", topic: "t", data: "from b" });
      await command(a, { op: "spublish", topic: "t", bin: [5, 6] });
      await command(b, { op: "unsubscribe", topic: "t" });
      a.ws.ping("cping");
      a.ws.pong("cpong");
      await sleep(50);
      for (const type of ["arraybuffer", "uint8array", "blob", "bogus", "nodebuffer"]) {
        await command(a, { op: "bt", v: type });
        a.ws.send(Buffer.from([1]));
        await sleep(30);
      }
      await command(a, { op: "close", code: 4001, reason: "bye" });
      const aClosed = await a.closed;
      b.ws.close(4002, "client bye");
      const bClosed = await b.closed;
      const closes: unknown[] = [];
      for (const c of [
        { op: "close" },
        { op: "close", code: 1006, reason: "x" },
        { op: "close", code: 3000, reason: "é".repeat(100) },
        { op: "terminate" },
      ]) {
        const s = await open(port, "/c");
        s.ws.send(JSON.stringify(c));
        closes.push(await s.closed);
        await sleep(30);
      }
      const x = await open(port, "/x");
      const y = await open(port, "/y");
      x.ws.send(JSON.stringify({ op: "stop", quiet: true }));
      closes.push(await x.closed, await y.closed);
      return { a: a.seen, aClosed, b: b.seen, bClosed, closes };
    });
    expect(node).toEqual(bun);
  });

  it("handshakes: accepted, declined, 426, subprotocols, custom headers, permessage-deflate; too-big messages; backpressure statuses", { timeout: 60_000 }, async () => {
    const { bun, node } = await both({ maxPayloadLength: 200, backpressureLimit: 1_000_000, publishToSelf: true, perMessageDeflate: true }, async (port) => {
      const responses: Record<string, string> = {};
      const cases: Record<string, string> = {
        ok: handshake(`${KEY}Sec-WebSocket-Version: 13\r\n`),
        protocols: handshake(`${KEY}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: a, b\r\n`),
        chosenProtocol: handshake(`${KEY}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: a, b\r\n`, "/proto"),
        deflate: handshake(`${KEY}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n`),
        noKey: handshake("Sec-WebSocket-Version: 13\r\n"),
        badKey: handshake("Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAA\r\nSec-WebSocket-Version: 13\r\n"),
        version8: handshake(`${KEY}Sec-WebSocket-Version: 8\r\n`),
        post: handshake(`${KEY}Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n`, "/x", "POST"),
      };
      for (const [name, request] of Object.entries(cases)) {
        const response = await raw(port, request);
        // A declined upgrade gets the script's own 400; only its status line is the websocket code's business.
        responses[name] = response.startsWith("HTTP/1.1 101") || response.startsWith("HTTP/1.1 426") ? response : response.split("\r\n")[0]!;
        await sleep(20);
      }
      const big = await open(port, "/big");
      big.ws.send("y".repeat(201));
      const bigClosed = await big.closed;
      const self = await open(port, "/self");
      self.ws.send(JSON.stringify({ op: "subscribe", topic: "me" }));
      await self.replies(1);
      self.ws.send(JSON.stringify({ op: "publish", topic: "me", data: "echo" }));
      await self.replies(2);
      const flood = await open(port, "/flood");
      const socket = (flood.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      socket.pause();
      flood.ws.send(JSON.stringify({ op: "flood", n: 400, big: 10_000, quiet: true }));
      await sleep(400);
      socket.resume();
      await sleep(300);
      flood.ws.close();
      await flood.closed;
      self.ws.close();
      await self.closed;
      return { responses, bigClosed, self: self.seen };
    });
    expect(node).toEqual(bun);
  });

  it("handler failures: a throw goes to `error` or is printed, a rejection is printed, a throw from `open` closes the connection; the server goes on, the exit code is Bun's", { timeout: 120_000 }, async () => {
    const script = (mode: string): string => `
const mode = ${JSON.stringify(mode)};
const websocket = {
  open(ws) { console.log("open", typeof this); if (mode === "open" || mode === "openHandler") throw new Error("thrown by open"); },
  message(ws, m) {
    console.log("message", String(m));
    if (mode === "async" || mode === "asyncHandler") return Promise.reject(new Error("rejected by message"));
    if (mode !== "close" && mode !== "closeHandler") throw new Error("thrown by message");
  },
  close(ws, code) { console.log("close", code); if (mode === "close" || mode === "closeHandler") throw new Error("thrown by close"); },
};
if (mode.endsWith("Handler")) websocket.error = function (error) { console.log("error handler:", error.message, typeof this); };
if (mode === "handlerThrows") websocket.error = (error) => { throw new Error("thrown by the error handler after " + error.message); };
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch(req, server) { const ok = server.upgrade(req); console.log("upgrade returned", ok); return ok ? undefined : new Response("no"); }, websocket });
const client = new WebSocket("ws://127.0.0.1:" + server.port + "/");
await new Promise((resolve) => { client.addEventListener("open", resolve); client.addEventListener("close", resolve); });
for (const text of ["a", "b"]) {
  if (client.readyState === 1) client.send(text);
  await new Promise((resolve) => setTimeout(resolve, 150));
}
client.close();
await new Promise((resolve) => setTimeout(resolve, 150));
server.stop(true);
console.log("end");
`;
    const errorLines = (stderr: string): string[] => stderr.split("\n").flatMap((line) => /^(?:error|Error): (.*)$/.exec(line)?.slice(1) ?? []);
    for (const mode of ["message", "async", "messageHandler", "asyncHandler", "handlerThrows", "open", "openHandler", "close", "closeHandler"]) {
      const { bun, node } = await differential(script(mode));
      expect({ mode, stdout: node.stdout, printed: errorLines(node.stderr), code: node.code }).toEqual({ mode, stdout: bun.stdout, printed: errorLines(bun.stderr), code: bun.code });
    }
  });
  it("backpressure: sends and publishes to a client that stops reading, Bun's buffered amount, the drop past backpressureLimit and the deferred close", { timeout: 60_000 }, async () => {
    // How much the kernel takes before backpressure depends on its socket buffers,
    // so the runtimes are compared on the rules each send followed, not on counts.
    const script = `
      import { connect } from "node:net";
      const FRAME = 65536 + 10; // a 64 KiB text frame: 2-byte header and 8-byte length
      const LIMIT = 300000;
      const out = {};
      for (const [name, close] of [["drop", false], ["close", true]]) {
        const order = [];
        let socket;
        const server = Bun.serve({
          port: 0,
          hostname: "127.0.0.1",
          fetch(req, server) { return server.upgrade(req) ? undefined : new Response("no", { status: 400 }); },
          websocket: {
            backpressureLimit: LIMIT,
            closeOnBackpressureLimit: close,
            open(ws) { socket = ws; ws.subscribe("t"); },
            message() {},
            close(ws, code, reason) { order.push(["close", code, reason, ws.readyState]); },
          },
        });
        const client = await new Promise((resolve) => {
          const c = connect(server.port, "127.0.0.1", () => c.write("GET / HTTP/1.1\\r\\nHost: x\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n"));
          c.once("data", () => { c.pause(); resolve(c); });
        });
        while (socket === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
        const chunk = "x".repeat(65536);
        const broken = [];
        const kinds = new Set();
        let phase = 0;
        // Bun counts only what the kernel has not taken: the first buffered frame is a partial one
        // (unless the kernel's buffer happened to end exactly on a frame boundary).
        let firstBuffered;
        for (let i = 0; i < 160; i++) {
          const before = socket.getBufferedAmount();
          const status = i % 2 ? socket.send(chunk) : server.publish("t", chunk, false);
          const after = socket.getBufferedAmount();
          const kind = status === 65536 ? 0 : status === -1 ? 1 : status === 0 ? 2 : 3;
          kinds.add(kind);
          if (kind < phase) broken.push([i, "went back from", phase, "to", kind]);
          if (kind === 1 && firstBuffered === undefined) firstBuffered = after < FRAME ? "partial" : "whole";
          phase = Math.max(phase, kind);
          // Sent whole; buffered (all of it, or what the kernel left of it); dropped past the limit.
          const lawful = kind === 0 ? before === 0 && after === 0
            : kind === 1 ? before <= LIMIT && (after === before + FRAME || (before === 0 && after > 0 && after < FRAME))
            : kind === 2 ? before > LIMIT && after === before
            : false;
          if (!lawful) broken.push([i, status, before, after]);
        }
        order.push(["after the sends", socket.readyState, server.subscriberCount("t"), socket.isSubscribed("t"), server.pendingWebSockets]);
        queueMicrotask(() => order.push(["microtask", socket.readyState]));
        setImmediate(() => order.push(["immediate", socket.readyState, server.subscriberCount("t")]));
        await new Promise((resolve) => setTimeout(resolve, 200));
        order.push(["later", socket.readyState, server.subscriberCount("t"), server.pendingWebSockets]);
        out[name] = { kinds: [...kinds].sort(), broken, firstBuffered, order };
        client.destroy();
        await server.stop(true);
      }
      console.log(JSON.stringify(out));
    `;
    const { bun, node } = await differential(script);
    expect(bun.stderr).toBe("");
    const bunSaw = JSON.parse(bun.stdout) as Record<string, { kinds: number[]; broken: unknown[] }>;
    expect(JSON.parse(node.stdout)).toEqual(bunSaw);
    // Bun itself follows the rules, and every kind of answer came up.
    for (const run of Object.values(bunSaw)) {
      expect(run.broken).toEqual([]);
      expect(run.kinds).toEqual([0, 1, 2]);
    }
  });
});
