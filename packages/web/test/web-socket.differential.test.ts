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
import { echoServer, headRecorder, refusingServer, type EchoServer } from "./support/ws-servers.ts";

const entry = process.env["DX_COMPAT_ORACLE_SOURCE"] === "1" ? "../src/index.ts" : "../dist/index.js";
const webEntry = pathToFileURL(join(import.meta.dirname, entry)).href;

const caseModule = `
if (!process.versions.bun) (await import(${JSON.stringify(webEntry)})).installWebGlobals();
// Own keys (but JavaScriptCore's position keys), text, and a \`code\` on the prototype tell an own \`code\` from Bun's prototype-borne one.
const own = (e) => Object.keys(e ?? {}).filter((key) => !["line", "column", "sourceURL"].includes(key));
const shape = (e) => ({ ctor: e?.constructor?.name, name: e?.name, message: e?.message, code: e?.code, own: own(e), text: String(e), protoCode: Object.hasOwn(Object.getPrototypeOf(e ?? {}) ?? {}, "code") });
// JSON cannot carry these: { $: kind, v: value } stands for one.
const revive = (value) => {
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value !== "object" || value === null) return value;
  const v = revive(value.v);
  switch (value.$) {
    case "undefined": return undefined;
    case "symbol": return Symbol(v);
    case "bigint": return BigInt(v);
    case "Headers": return new Headers(v);
    case "Map": return new Map(v);
    case "Blob": return new Blob([v]);
    case "function": return Object.assign(function headers() {}, v);
    case undefined: return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item)]));
    default: throw new Error("unknown " + value.$);
  }
};
const data = (d) => typeof d === "string" ? ["string", d] : d instanceof Blob ? ["Blob", d.size] : d instanceof ArrayBuffer ? ["ArrayBuffer", [...new Uint8Array(d)]] : [d?.constructor?.name, [...d]];

export default async (input) => {
  if (input.kind === "tls-order") {
    // Bun reports one bad property at a time: take the one named away and ask again, until none is left.
    const left = { ...input.tls };
    const named = [];
    for (let round = 0; round < 40; round++) {
      let error;
      try { new WebSocket(input.url, { tls: left }).terminate(); } catch (caught) { error = caught; }
      if (error === undefined) break;
      named.push(error.message);
      const key = Object.keys(left).find((name) => [\`TLSOptions.\${name} \`, \`\${name} path\`, \`"\${name}"\`, \`"tls.\${name}"\`].some((part) => error.message.includes(part)));
      if (key === undefined) break;
      delete left[key];
    }
    return named;
  }
  if (input.kind === "construct") {
    try {
      const ws = new WebSocket(...revive(input.args));
      const result = { url: ws.url, readyState: ws.readyState, binaryType: ws.binaryType, protocol: ws.protocol };
      ws.terminate();
      return result;
    } catch (error) {
      return { throws: shape(error) };
    }
  }
  // Each runtime has its own proxy, so what each one sent can be told apart.
  const options = input.proxies ? { ...revive(input.options), proxy: input.proxies[process.versions.bun ? "bun" : "node"] } : revive(input.options);
  const url = input.url + (input.tag ? (process.versions.bun ? "bun" : "node") : "");
  const ws = new WebSocket(url, options);
  // The messages name the URL: each runtime's tag is taken out again.
  const bare = (text) => Object.assign(new URL(text), { username: "", password: "" }).href;
  const untag = (value) => typeof value === "string" ? value.replaceAll(url, input.url).replaceAll(bare(url), bare(input.url)) : Array.isArray(value) ? value.map(untag) : typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, untag(item)])) : value;
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
      setTimeout(() => resolve(untag(seen)), 20);
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

  it("handshake headers go on the wire byte for byte as Bun's, and bad options fail with Bun's errors in Bun's order", async () => {
    const recorder = await headRecorder();
    try {
      const ws = `ws://127.0.0.1:${server.port}`;
      const at = `ws://127.0.0.1:${recorder.port}`;
      const undef = { $: "undefined" };
      const longString = "a string much longer than twenty-eight characters";
      const construct = [
        // Header conversion and checks: Bun's words, no Node ERR_INVALID_HTTP_TOKEN / ERR_INVALID_CHAR.
        [`${ws}/`, { headers: { "a b": "1" } }],
        [`${ws}/`, { headers: { "": "1" } }],
        [`${ws}/`, { headers: { a: "x\ny" } }],
        [`${ws}/`, { headers: { a: "x\0y" } }],
        [`${ws}/`, { headers: { a: "xy\n" } }],
        [`${ws}/`, { headers: { a: "€" } }],
        [`${ws}/`, { headers: { "é": "1" } }],
        [`${ws}/`, { headers: { "€": "1" } }],
        [`${ws}/`, { headers: { a: { $: "symbol", v: "s" } } }],
        [`${ws}/`, { headers: "x" }],
        [`${ws}/`, { headers: true }],
        [`${ws}/`, { headers: [["a"]] }],
        [`${ws}/`, { headers: [["a", "1", "2"]] }],
        [`${ws}/`, { headers: [5] }],
        [`${ws}/`, { headers: ["ab"] }],
        [`${ws}/`, { headers: { $: "Map", v: [["a b", "1"]] } }],
        [`${ws}/`, { headers: { $: "function", v: { "a b": "1" } } }],
        [`${ws}/`, { headers: { "a b": "1", c: "€" } }],
        [`${ws}/`, { headers: { a: "x\ny", "b c": "1" } }],
        [`${ws}/`, { headers: { "x-ok": "\u0001\u007f" } }],
        // The order of errors when several options are bad: headers converted, tls, proxy, URL, protocols, headers checked.
        ["not a url", { headers: { a: "€" } }],
        ["not a url", { headers: { "a b": "1" } }],
        ["not a url", { tls: { ca: 5 } }],
        ["not a url", { proxy: "nope" }],
        [`${ws}/#f`, { tls: [] }],
        ["ftp://x/", { proxy: "nope" }],
        ["ftp://x/", { protocols: ["a b"] }],
        [`${ws}/`, { headers: { a: "€" }, tls: { ca: 5 } }],
        [`${ws}/`, { headers: { "a b": "1" }, tls: { ca: 5 } }],
        [`${ws}/`, { tls: { ca: 5 }, proxy: "nope" }],
        [`${ws}/`, { headers: { "a b": "1" }, proxy: "nope" }],
        [`${ws}/`, { headers: { "a b": "1" }, proxy: { url: "http://127.0.0.1:1", headers: { "c d": "1" } } }],
        [`${ws}/`, { headers: { "a b": "1" }, protocols: ["a b"] }],
        [`${ws}/`, { headers: [["a"]], protocols: ["a b"] }],
        [`${ws}/`, { headers: [5], tls: [] }],
        // The tls option's checks.
        [`${ws}/`, { tls: [] }],
        [`${ws}/`, { tls: 5 }],
        [`${ws}/`, { tls: { $: "function", v: {} } }],
        [`${ws}/`, { tls: { $: "function", v: { ca: 5 } } }],
        [`${ws}/`, { tls: { rejectUnauthorized: "x", ca: 5 } }],
        [`${ws}/`, { tls: { rejectUnauthorized: null, requestCert: null } }],
        [`${ws}/`, { tls: { lowMemoryMode: null } }],
        [`${ws}/`, { tls: { serverName: 5, ca: 5, cert: 5, key: 5, passphrase: 5, ciphers: 5, rejectUnauthorized: 5 } }],
        [`${ws}/`, { tls: { servername: 5, minVersion: 5, checkServerIdentity: 5, ALPNProtocols: 5, dhParamsFile: 5, lowMemoryMode: 5, secureOptions: "x", requestCert: "x" } }],
        [`${ws}/`, { tls: { serverName: null, servername: 5 } }],
        [`${ws}/`, { tls: { serverName: undef, servername: 5 } }],
        [`${ws}/`, { tls: { secureOptions: -1 } }],
        [`${ws}/`, { tls: { secureOptions: 1.5 } }],
        [`${ws}/`, { tls: { secureOptions: 2 ** 53 } }],
        [`${ws}/`, { tls: { secureOptions: 1e21 } }],
        [`${ws}/`, { tls: { secureOptions: null } }],
        [`${ws}/`, { tls: { secureOptions: { $: "bigint", v: "1099511627776" } } }],
        [`${ws}/`, { tls: { minVersion: 2 ** 31 } }],
        [`${ws}/`, { tls: { sessionTimeout: -(2 ** 31) - 1 } }],
        [`${ws}/`, { tls: { clientRenegotiationLimit: "1" } }],
        [`${ws}/`, { tls: { ca: [null] } }],
        [`${ws}/`, { tls: { ca: [[]] } }],
        [`${ws}/`, { tls: { ca: { $: "Blob", v: "x" } } }],
        [`${ws}/`, { tls: { key: [{ $: "Blob", v: "x" }] } }],
        [`${ws}/`, { tls: { crl: {} } }],
        [`${ws}/`, { tls: { ALPNProtocols: ["h2"] } }],
        [`${ws}/`, { tls: { allowPartialTrustChain: 5 } }],
        [`${ws}/`, { tls: { checkServerIdentity: longString } }],
        [`${ws}/`, { tls: { checkServerIdentity: "it's" } }],
        [`${ws}/`, { tls: { checkServerIdentity: [] } }],
        [`${ws}/`, { tls: { keyFile: "/nonexistent/key.pem" } }],
        [`${ws}/`, { tls: { dhParamsFile: "" } }],
        [`${ws}/`, { tls: { keyFile: "x", ALPNProtocols: 5 } }],
        [`${ws}/`, { tls: { dhParamsFile: "x", keyFile: "y" } }],
        [`${ws}/`, { tls: { caFile: "y", checkServerIdentity: 5 } }],
        [`${ws}/`, { tls: { caFile: "/" } }],
        [`${ws}/`, { tls: { caFile: "/tmp/" } }],
        [`${ws}/`, { tls: { caFile: "/tmp", keyFile: "." } }],
        [`${ws}/`, { tls: { caFile: "a\0b", checkServerIdentity: 5 } }],
        [`${ws}/`, { tls: { dhParamsFile: "/nonexistent", keyFile: "a\0b" } }],
        [`${ws}/`, { tls: { serverName: "a\0b", keyFile: "/nonexistent" } }],
        [`${ws}/`, { tls: { servername: "a\0b", ecdhCurve: 5 } }],
        // Messages name the URL without its credentials (the url property keeps them).
        ["ftp://u:p@127.0.0.1:1/x"],
        ["ws://u:p@127.0.0.1:1/x#f"],
        ["http://u:p@127.0.0.1:1/x"],
      ].map((args) => ({ kind: "construct", args }));
      // Each against the recorder, which answers 400: the events agree, and the request heads are compared below.
      const wire: Array<[string, Record<string, unknown>]> = [
        ["sorted", { headers: { "X-Zeta": "z", "x-alpha": "a", B: "b", accept: "ac", "User-Agent": "ua", Cookie: "c", a: "1", Z: "2", _u: "u", "1n": "n", "~t": "t" } }],
        ["values", { headers: { "X-Undef": undef, "X-Null": null, "X-Arr": ["a", "b", 3], "X-Num": 5, "X-Obj": { a: 1 }, "X-Empty": [], "X-Bool": true, "X-Sp": "  spaced  ", "X-Tab": "\tt\tu\t", "x-ctl": "a\u0001b\u007fc\u001fd", "x-hi": "é" } }],
        ["own", { headers: { host: "h.example", connection: "c", upgrade: "u", "sec-websocket-version": "8", "sec-websocket-key": "k", "sec-websocket-extensions": "e", "sec-websocket-protocol": "pp", Origin: "o" }, protocols: ["chat"] }],
        ["pairs", { headers: [["X-B", "1"], ["x-a", "2"], ["X-B", "3"], ["accept", "x"], ["Cookie", "a"], ["cookie", "b"], ["Set-Cookie", "s1"], ["x-z", "z"], ["set-cookie", "s2"], ["Host", "h1"], ["host", "h2"]] }],
        ["instance", { headers: { $: "Headers", v: [["X-B", "1"], ["x-a", "2"], ["X-B", "3"], ["Accept", "x"], ["Set-Cookie", "s"]] } }],
        ["map", { headers: { $: "Map", v: [["X-M", "1"], ["a", "2"]] } }],
        ["function", { headers: { $: "function", v: { "X-F": "1" } } }],
        ["deflate", { headers: { "Sec-WebSocket-Extensions": "e", "X-A": "1" }, perMessageDeflate: false }],
        ["no-protocol", { headers: { "Sec-WebSocket-Protocol": "" }, protocols: ["z"] }],
        ["protocols", { headers: { "Sec-WebSocket-Protocol": " a,b , c " } }],
        ["special", { headers: { Expect: "100-continue", "Content-Length": "5", "Proxy-Connection": "x", "Sec-WebSocket-Accept": "a", "Set-Cookie": ["a=1", "b=2"] } }],
        ["empty-host", { headers: { Host: "", "X-E": " " } }],
      ];
      const credentials: Array<[string, Record<string, unknown>]> = [
        ["creds", { headers: { A: "1", Zed: "z" }, protocols: ["chat"] }],
        ["creds-own", { headers: { A: "1", authorization: "mine" } }],
      ];
      const sessions = [
        ...wire.map(([name, options]) => ({ kind: "session", url: `${at}/${name}-`, tag: true, options })),
        ...credentials.map(([name, options]) => ({ kind: "session", url: `ws://us%40er:p%3Ass@127.0.0.1:${recorder.port}/${name}-`, tag: true, options })),
        // The program's Sec-WebSocket-Protocol is the offer the server's answer is checked against (the echo server picks "chat").
        { kind: "session", url: `${ws}/`, options: { headers: { "Sec-WebSocket-Protocol": "x, chat" } }, steps: [["close"]] },
        { kind: "session", url: `${ws}/`, options: { headers: { "Sec-WebSocket-Protocol": "other" }, protocols: ["chat"] } },
        { kind: "session", url: `${ws}/`, options: { headers: { "Sec-WebSocket-Protocol": "" }, protocols: ["chat"] }, steps: [["close"]] },
      ];
      // Every property bad at once (its type, then its path and bytes): the order Bun names them in.
      const everyType = { passphrase: 5, dhParamsFile: 5, serverName: 5, ALPNProtocols: 5, ciphers: 5, secureOptions: "x", requestCert: "x", rejectUnauthorized: "x", lowMemoryMode: "x", ca: 5, cert: 5, key: 5, keyFile: 5, certFile: 5, caFile: 5, crl: 5, clientRenegotiationLimit: "x", clientRenegotiationWindow: "x", minVersion: "x", maxVersion: "x", ecdhCurve: 5, sessionTimeout: "x", sigalgs: 5, allowPartialTrustChain: 5, checkServerIdentity: 5 };
      const everyPath = { caFile: "/tmp/", certFile: "/nonexistent", keyFile: "a\0b", dhParamsFile: "", serverName: "a\0b", checkServerIdentity: "x" };
      const orders = [everyType, everyPath].map((tls) => ({ kind: "tls-order", url: `${ws}/`, tls }));
      const inputs = [...construct, ...orders, ...sessions];
      const { mismatches, bun } = await compareBatch(caseModule, inputs);
      expect(mismatches).toEqual([]);
      expect(bun).toHaveLength(inputs.length);
      const head = (name: string, runtime: string): string | undefined => recorder.heads.get(`/${name}-${runtime}`)?.replace(`-${runtime} HTTP`, " HTTP").replace(/(Sec-WebSocket-Key: )[^\r]*/, "$1<key>");
      for (const [name] of [...wire, ...credentials]) {
        expect(head(name, "bun"), name).toBeDefined();
        expect(head(name, "node"), name).toBe(head(name, "bun"));
      }
    } finally {
      await recorder.stop();
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
