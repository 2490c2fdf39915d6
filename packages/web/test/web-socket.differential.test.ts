// Bun's WebSocket client against real Bun 1.4.5: the same script connects,
// under Bun and under Node with installWebGlobals(), to servers this test
// started, and logs every event it sees; the logs must agree.
import { compareBatch } from "@dx-compat/oracle";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, makeCertificate, scratch } from "./support/servers.ts";
import { echoServer, refusingServer, type EchoServer } from "./support/ws-servers.ts";

const entry = process.env["DX_COMPAT_ORACLE_SOURCE"] === "1" ? "../src/index.ts" : "../dist/index.js";
const webEntry = pathToFileURL(join(import.meta.dirname, entry)).href;

const caseModule = `
if (!process.versions.bun) (await import(${JSON.stringify(webEntry)})).installWebGlobals();
const shape = (e) => ({ ctor: e?.constructor?.name, name: e?.name, message: e?.message, code: e?.code });
const data = (d) => typeof d === "string" ? ["string", d] : d instanceof Blob ? ["Blob", d.size] : d instanceof ArrayBuffer ? ["ArrayBuffer", [...new Uint8Array(d)]] : [d?.constructor?.name, [...d]];

export default async (input) => {
  if (input.kind === "construct") {
    try {
      const ws = new WebSocket(...input.args);
      const result = { url: ws.url, readyState: ws.readyState, binaryType: ws.binaryType, protocol: ws.protocol };
      ws.terminate();
      return result;
    } catch (error) {
      return { throws: shape(error) };
    }
  }
  const ws = new WebSocket(input.url + (input.tag ? (process.versions.bun ? "bun" : "node") : ""), input.options);
  const seen = [];
  const attempt = (f) => { try { f(); } catch (error) { seen.push(["throws", shape(error)]); } };
  return await new Promise((resolve) => {
    ws.onopen = (event) => {
      seen.push([event.type, event.constructor.name, ws.readyState, ws.protocol, ws.extensions]);
      for (const [method, ...args] of input.steps ?? []) {
        if (method === "binaryType") ws.binaryType = args[0];
        else if (method === "bytes") attempt(() => ws.send(new Uint8Array(args[0])));
        else attempt(() => ws[method](...args));
        seen.push(["state", ws.readyState]);
      }
    };
    ws.onmessage = (event) => seen.push(["message", event.constructor.name, data(event.data), event.origin === new URL(ws.url).origin]);
    ws.addEventListener("ping", (event) => seen.push(["ping", data(event.data)]));
    ws.addEventListener("pong", (event) => seen.push(["pong", data(event.data)]));
    ws.onerror = (event) => seen.push(["error", event.constructor.name, event.message, shape(event.error), ws.readyState]);
    ws.onclose = (event) => {
      seen.push(["close", event.constructor.name, event.code, event.reason, event.wasClean, ws.readyState]);
      setTimeout(() => resolve(seen), 20);
    };
    if (input.early) { attempt(() => ws[input.early]()); seen.push(["early", ws.readyState]); }
  });
};
`;

let server: EchoServer;
let tlsServer: EchoServer;
const dir = scratch();

beforeAll(async () => {
  server = await echoServer();
  tlsServer = await echoServer(makeCertificate(dir.dir, "localhost", "DNS:localhost,IP:127.0.0.1"));
});

afterAll(async () => {
  await server.stop();
  await tlsServer.stop();
  dir.remove();
});

describe("WebSocket against Bun", () => {
  it("events, data, close codes, errors and the handshake agree", async () => {
    const refusing = await refusingServer(403);
    try {
      const ws = `ws://127.0.0.1:${server.port}`;
      const wss = `wss://127.0.0.1:${tlsServer.port}`;
      const refused = `ws://127.0.0.1:${await closedPort()}/`;
      const construct = [
        [],
        ["not a url"],
        ["ftp://x/"],
        ["/relative"],
        [`${ws}/a#frag`],
        [`http://127.0.0.1:${server.port}/a`],
        [`https://127.0.0.1:${server.port}/a`],
        [`${ws}/`, ["a", "a"]],
        [`${ws}/`, ["a b"]],
        [`${ws}/`, [""]],
        [`${ws}/`, { protocols: "x y" }],
        [`${ws}/`, { headers: 5 }],
        [`${ws}/`, { proxy: "nope" }],
        [`${ws}/`, { proxy: "ftp://127.0.0.1:1" }],
      ].map((args) => ({ kind: "construct", args }));
      const sessions = [
        { url: `${ws}/hs-`, tag: true, options: { headers: { "X-One": "1", "User-Agent": "mine" }, protocols: ["chat", "two"] }, steps: [["close", 1000, "done"]] },
        { url: `${ws}/echo`, steps: [["send", "text"], ["bytes", [1, 2, 3]], ["ping", "p"], ["send", "ping-me"], ["binaryType", "arraybuffer"], ["bytes", [4]], ["binaryType", "blob"], ["bytes", [5, 6]], ["binaryType", "nope"], ["send", "close-me"], ["send", "late"]] },
        { url: `${ws}/`, steps: [["send", "close-empty"]] },
        { url: `${ws}/`, steps: [["send", "drop"]] },
        { url: `${ws}/`, steps: [["close", 999], ["close", 1000, "x".repeat(124)], ["close", 4999, "r"], ["send", "after"], ["close"]] },
        { url: `${ws}/`, steps: [["terminate"]] },
        { url: `${ws}/`, steps: [["close"]] },
        { url: `${ws}/`, early: "close" },
        { url: `${ws}/`, early: "send", steps: [["close"]] },
        { url: `${ws}/`, options: ["nochat"] },
        { url: refused },
        { url: `ws://127.0.0.1:${refusing.port}/` },
        { url: `${wss}/` },
        { url: `${wss}/`, options: { tls: { rejectUnauthorized: false } }, steps: [["send", "over tls"], ["close", 3001]] },
      ].map((item) => ({ kind: "session", ...item }));
      const inputs = [...construct, ...sessions];
      const { mismatches, bun } = await compareBatch(caseModule, inputs);
      expect(mismatches).toEqual([]);
      expect(bun).toHaveLength(inputs.length);
      // The handshakes each runtime sent, header names in order and values (but the random key).
      const sent = (runtime: string): unknown => server.handshakes.find((item) => item.url === `/hs-${runtime}`)?.rawHeaders.map((value, index, all) => (all[index - 1] === "Sec-WebSocket-Key" ? "<key>" : value));
      expect(sent("bun")).toBeDefined();
      expect(sent("node")).toEqual(sent("bun"));
    } finally {
      await refusing.stop();
    }
  });
});
