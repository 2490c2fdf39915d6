// Bun's WebSocket client against real Bun 1.4.5: the same script connects,
// under Bun and under Node with installWebGlobals(), to servers this test
// started (directly or through a scripted CONNECT proxy), and logs every event
// it sees; the logs, and the bytes each proxy received, must agree.
import { compareBatch } from "@dx-compat/oracle";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectProxy, type ConnectProxy, type ProxyScript } from "./support/connect-proxy.ts";
import { closedPort, makeCertificate, scratch, type Certificate } from "./support/servers.ts";
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
  // Each runtime has its own proxy, so what each one sent can be told apart.
  const options = input.proxies ? { ...input.options, proxy: input.proxies[process.versions.bun ? "bun" : "node"] } : input.options;
  const ws = new WebSocket(input.url + (input.tag ? (process.versions.bun ? "bun" : "node") : ""), options);
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
    if (input.closeAfter) setTimeout(() => { attempt(() => ws.close()); seen.push(["closed after", ws.readyState]); }, input.closeAfter);
  });
};
`;

let server: EchoServer;
let tlsServer: EchoServer;
let certificate: Certificate;
const dir = scratch();

beforeAll(async () => {
  certificate = makeCertificate(dir.dir, "localhost", "DNS:localhost,IP:127.0.0.1");
  server = await echoServer();
  tlsServer = await echoServer(certificate);
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
        [`${ws}/`, { proxy: "http://127.0.0.1:1" }],
        [`${ws}/`, { proxy: "" }],
        [`${ws}/`, { proxy: " " }],
        [`${ws}/`, { proxy: { url: "" } }],
        [`${ws}/`, { proxy: { url: "http://127.0.0.1:1", headers: { "x é": "1" } } }],
        [`${ws}/`, { proxy: { url: "http://127.0.0.1:1", headers: { "x é": "1", a: "€" } } }],
        [`${ws}/`, { proxy: { url: "http://127.0.0.1:1", headers: { a: "x\ny" } } }],
        [`${ws}/`, { proxy: { url: "http://127.0.0.1:1", headers: [["a"]] } }],
        [`${ws}/`, { proxy: { url: "http://127.0.0.1:1", headers: [5] } }],
        [`${ws}/`, { proxy: { url: "http://127.0.0.1:1", headers: "x" } }],
        [`${ws}/`, { protocols: "a b", proxy: "nope" }],
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

  it("goes through a CONNECT proxy as Bun does: the request's bytes, TLS inside the tunnel and to the proxy, refusals", async () => {
    const ws = `ws://127.0.0.1:${server.port}`;
    const wss = `wss://127.0.0.1:${tlsServer.port}`;
    const established = "HTTP/1.1 200 Connection Established\r\n\r\n";
    // A certificate for another name: the proxy's own fails the name check.
    const otherName = makeCertificate(dir.dir, "other.test", "DNS:other.test");
    /** `proxy` makes the option's value from the proxy's base URL (`http(s)://127.0.0.1:port`). */
    const cases: Array<{ script: ProxyScript; session: Record<string, unknown>; proxy?: (base: string) => unknown }> = [
      { script: {}, session: { url: `${ws}/px-echo`, steps: [["send", "text"], ["bytes", [1, 2]], ["send", "close-me"]] } },
      {
        script: {},
        session: { url: `${ws}/`, steps: [["close", 1000, "done"]] },
        proxy: (base) => ({ url: base.replace("//", "//us%40er:p%3Ass@"), headers: { "x-proxy-token": "t", "user-agent": "ua", Accept: " a ", "X-B": "b", "X-b": "c", "1num": "n", _u: "u" } }),
      },
      {
        script: {},
        session: { url: `${ws}/`, steps: [["close"]] },
        proxy: (base) => ({ url: base.replace("//", "//u:p@"), headers: [["proxy-connection", "close"], ["HOST", "h"], ["Proxy-Authorization", "Bearer z"], ["x-m", "1"], ["X-M", "2"], ["dnt", "1"], ["etag", "e"]] }),
      },
      { script: {}, session: { url: `${wss}/`, options: { tls: { rejectUnauthorized: false } }, steps: [["send", "over tls"], ["close", 3001]] } },
      { script: {}, session: { url: `${wss}/` } },
      { script: { tls: certificate }, session: { url: `${ws}/`, options: { tls: { rejectUnauthorized: false } }, steps: [["send", "close-me"]] }, proxy: (base) => base.replace("127.0.0.1", "localhost") },
      { script: { tls: certificate }, session: { url: `${ws}/` } },
      { script: { tls: otherName }, session: { url: `${ws}/`, options: { tls: { ca: otherName.cert } } } },
      { script: { answer: "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n", then: "hold" }, session: { url: `${ws}/` } },
      { script: { answer: "HTTP/1.1 502\r\n\r\n", then: "end" }, session: { url: `${ws}/` } },
      { script: { answer: "", then: "end" }, session: { url: `${ws}/` } },
      { script: { answer: "", then: "reset" }, session: { url: `${ws}/` } },
      { script: { answer: "HTTP/1.1 2OO OK\r\n\r\n", then: "hold" }, session: { url: `${ws}/` } },
      { script: { answer: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 204 Fine\n\n" }, session: { url: `${ws}/`, steps: [["close"]] } },
      { script: { answer: `${established}XYZ` }, session: { url: `${ws}/` } },
      { script: { answer: established, then: "end" }, session: { url: `${ws}/` } },
      { script: { answer: "", then: "hold" }, session: { url: `${ws}/`, closeAfter: 300 } },
    ];
    const proxies: Array<{ bun: ConnectProxy; node: ConnectProxy }> = [];
    for (const { script } of cases) proxies.push({ bun: await connectProxy(script), node: await connectProxy(script) });
    try {
      const value = (index: number, proxy: ConnectProxy): unknown => {
        const base = `${cases[index]?.script.tls ? "https" : "http"}://127.0.0.1:${proxy.port}`;
        return cases[index]?.proxy?.(base) ?? base;
      };
      const inputs: Array<Record<string, unknown>> = cases.map((item, index) => ({ kind: "session", ...item.session, proxies: { bun: value(index, proxies[index]!.bun), node: value(index, proxies[index]!.node) } }));
      const unreachable = `http://127.0.0.1:${await closedPort()}`;
      inputs.push({ kind: "session", url: `${ws}/`, proxies: { bun: unreachable, node: unreachable } });
      const { mismatches, bun } = await compareBatch(caseModule, inputs);
      expect(mismatches).toEqual([]);
      expect(bun).toHaveLength(inputs.length);
      // What each runtime's proxy received: the same request bytes and SNI.
      const received = (proxy: ConnectProxy): unknown => ({ requests: proxy.requests, serverNames: proxy.serverNames });
      expect(proxies.map(({ node }) => received(node))).toEqual(proxies.map(({ bun: bunProxy }) => received(bunProxy)));
      // Every proxy but the two whose certificate fails heard a CONNECT.
      expect(proxies.filter(({ bun: bunProxy }) => bunProxy.requests.length === 1)).toHaveLength(cases.length - 2);
    } finally {
      await Promise.all(proxies.flatMap(({ bun: bunProxy, node }) => [bunProxy.stop(), node.stop()]));
    }
  });
});
