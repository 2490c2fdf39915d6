// @dx-compat/web against real Bun 1.4.5: the same inputs through Bun's globals
// and through Node with installWebGlobals() (what dx-compat/register installs),
// compared value for value and error for error.
import { compareBatch } from "@dx-compat/oracle";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { closedPort } from "./support/servers.ts";

// Node loads this package's installer from source in the development loop, its build otherwise.
const entry = process.env["DX_COMPAT_ORACLE_SOURCE"] === "1" ? "../src/index.ts" : "../dist/index.js";
const webEntry = pathToFileURL(join(import.meta.dirname, entry)).href;

const caseModule = `
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
if (!process.versions.bun) (await import(${JSON.stringify(webEntry)})).installWebGlobals();

const shape = (error) => ({ name: error?.name, code: error?.code, message: error?.message, keys: Object.keys(error ?? {}), errno: error?.errno, path: error?.path, syscall: error?.syscall });
const attempt = (f) => { try { return { value: f() }; } catch (error) { return { error: shape(error) }; } };
const files = join(process.cwd(), "files");
mkdirSync(files, { recursive: true });

function component(result) {
  if (!result) return result;
  const groups = {};
  // Sorted: Node 24's own URLPattern (kept, not replaced) lists groups in another order than Bun (a known divergence).
  for (const [key, value] of Object.entries(result.groups).sort(([a], [b]) => (a < b ? -1 : 1))) groups[key] = value === undefined ? "(undefined)" : value;
  return { input: result.input, groups };
}

export default async (input) => {
  switch (input.kind) {
    case "headers": {
      const headers = new Headers(input.init);
      return { json: JSON.stringify(headers), keys: Object.keys(headers.toJSON()), count: headers.count, getAll: attempt(() => headers.getAll(input.name)) };
    }
    case "urlpattern": {
      const made = attempt(() => (input.base === undefined ? new URLPattern(input.pattern) : new URLPattern(input.pattern, input.base)));
      // Only the class: Node 24's own URLPattern words its errors differently (a known divergence).
      if (made.error) return { error: made.error.name };
      const pattern = made.value;
      const result = attempt(() => pattern.exec(input.url));
      if (result.error || !result.value) return { test: attempt(() => pattern.test(input.url)), exec: result };
      const keys = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
      return { test: pattern.test(input.url), exec: Object.fromEntries(keys.map((key) => [key, component(result.value[key])])), pathname: pattern.pathname, hasRegExpGroups: pattern.hasRegExpGroups };
    }
    case "file": {
      const path = join(files, input.name);
      if (input.content !== undefined) writeFileSync(path, input.content);
      try {
        const response = await fetch(pathToFileURL(path));
        const head = { status: response.status, statusText: response.statusText, ok: response.ok, headers: [...response.headers], urlEnds: response.url.endsWith(input.name) };
        try {
          return { ...head, text: await response.text() };
        } catch (error) {
          const { path: _path, message: _message, ...rest } = shape(error);
          return { ...head, readError: rest, messageEnds: error.message.endsWith(input.name + "'") };
        }
      } catch (error) {
        return { fetchError: shape(error) };
      }
    }
    case "local-url": {
      // data: and blob: URLs: what fetch answers with (Bun's Response type is "default" throughout).
      const url = input.url === "<blob>" ? URL.createObjectURL(new Blob(["blob text"], { type: "text/x-blob" })) : input.url;
      const response = await fetch(url);
      // (Content-Type differs for data: URLs: see the README's fetch row.)
      return { status: response.status, type: response.type, text: await response.text() };
    }
    case "error": {
      try {
        const response = await fetch(input.url, input.init);
        return { status: response.status };
      } catch (error) {
        return { rejects: shape(error) };
      }
    }
    case "stalled-body": {
      // A body that stops after 3 of its 10 bytes: \`timeout\` (an idle deadline) ends the read.
      const { createServer } = await import("node:net");
      const server = createServer((socket) => socket.once("data", () => socket.write("HTTP/1.1 200 OK\\r\\nContent-Length: 10\\r\\n\\r\\nabc")));
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const response = await fetch("http://127.0.0.1:" + server.address().port + "/", { timeout: input.timeout });
        try {
          return { status: response.status, text: await response.text() };
        } catch (error) {
          return { status: response.status, readError: { ...shape(error), isDOMException: error instanceof DOMException } };
        }
      } finally {
        server.close();
        server.unref();
      }
    }
    case "options": {
      // Bun's compress, maxRedirects and protocol against two plain HTTP servers (two origins).
      const { createServer } = await import("node:http");
      const zlib = await import("node:zlib");
      const decoders = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync, br: zlib.brotliDecompressSync, zstd: zlib.zstdDecompressSync };
      const listen = (handler) => new Promise((resolve) => { const server = createServer(handler); server.listen(0, "127.0.0.1", () => resolve(server)); });
      const other = await listen((req, res) => res.end(JSON.stringify({ other: true, method: req.method, auth: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null })));
      const otherBase = "http://127.0.0.1:" + other.address().port + "/";
      const server = await listen(async (req, res) => {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        const body = Buffer.concat(chunks);
        const path = req.url;
        if (path.startsWith("/r/")) {
          const left = Number(path.slice(3));
          if (left > 0) res.writeHead(302, { location: "/r/" + (left - 1) });
          return res.end(left > 0 ? "" : "end of chain");
        }
        if (path.startsWith("/s/")) {
          res.writeHead(Number(path.slice(3)), { location: "/echo?from=" + path.slice(3) });
          return res.end();
        }
        if (path.startsWith("/f/")) {
          // Redirects whose Location carries a fragment (or not): Bun's response.url shows the last one's.
          const port = server.address().port;
          const to = { a: "/echo#loc", c: "/echo", d: "/f/a", e: "/f/c#x", h: "/echo#", k: "/echo#%20sp ace", l: "/echo#\u00e9", m: "//127.0.0.1:" + port + "/echo#pr", n: "/f/n2#1", n2: "/echo#2", o: "/echo#moved", only: "#x", q: "?q#frag" }[path.split("?")[0].slice(3)];
          res.writeHead(path === "/f/o" ? 301 : 307, { location: to ?? "/echo" });
          return res.end();
        }
        if (path === "/cross") {
          res.writeHead(302, { location: otherBase + "o" });
          return res.end();
        }
        const encoding = req.headers["content-encoding"] ?? null;
        const decode = decoders[encoding];
        // The compressed bytes differ (Bun deflates with libdeflate): what they decode to is compared.
        res.end(JSON.stringify({ method: req.method, path, auth: req.headers.authorization ?? null, encoding, text: (decode ? decode(body) : body).toString() }));
      });
      const base = "http://127.0.0.1:" + server.address().port + "/";
      const init = { ...input.init };
      if (init.body === "<stream>") Object.assign(init, { duplex: "half", body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("streamed")); c.close(); } }) });
      if (init.body === "<blob>") init.body = new Blob(["blob body"], { type: "text/x-blob" });
      if (init.body === "<bytes>") init.body = new TextEncoder().encode("byte body");
      try {
        const response = await fetch(base + input.path, init);
        const text = await response.text();
        return { status: response.status, redirected: response.redirected, type: response.type, url: response.url.replace(base, "/").replace(otherBase, "/other/"), text };
      } catch (error) {
        const caught = shape(error);
        return { rejects: { ...caught, path: caught.path?.replace(base, "/"), message: caught.message?.replace(base, "/") } };
      } finally {
        server.close();
        other.close();
      }
    }
    case "no-proxy": {
      // Which requests NO_PROXY sends past a \`proxy\` option: "proxy", or "direct" (answered by the target, or failing to resolve).
      const { createServer } = await import("node:http");
      const listen = (text) => new Promise((resolve) => { const server = createServer((req, res) => res.end(text)); server.listen(0, "127.0.0.1", () => resolve(server)); });
      const proxy = await listen("proxy");
      const target = await listen("direct");
      const proxyUrl = "http://127.0.0.1:" + proxy.address().port;
      const results = [];
      try {
        for (const [noProxy, url, extra] of input.cases) {
          process.env.NO_PROXY = noProxy.replace("TARGET_PORT", target.address().port);
          const href = url.replace("TARGET_PORT", target.address().port);
          try {
            const response = await fetch(href, { proxy: { url: proxyUrl, ...extra }, signal: AbortSignal.timeout(3000) });
            results.push(await response.text());
          } catch (error) {
            results.push(error.code === "ERR_INVALID_ARG_TYPE" ? shape(error) : "direct");
          }
        }
      } finally {
        delete process.env.NO_PROXY;
        proxy.close();
        target.close();
      }
      return results;
    }
    case "session-init": {
      const FetchSession = globalThis.Bun?.FetchSession ?? (await import(${JSON.stringify(webEntry)})).FetchSession;
      const init = input.init === "<url proxy>" ? { proxy: new URL("http://127.0.0.1:9") } : input.init;
      return attempt(() => {
        const session = new FetchSession(init);
        return { keys: Object.keys(session), fetch: typeof session.fetch };
      });
    }
    case "session": {
      // Which connection each request used: a session keeps its own, plain fetch() and other sessions never share them.
      const FetchSession = globalThis.Bun?.FetchSession ?? (await import(${JSON.stringify(webEntry)})).FetchSession;
      const { createServer } = await import("node:http");
      const server = createServer((req, res) => res.end(String(req.socket.remotePort)));
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      const url = "http://127.0.0.1:" + server.address().port + "/";
      try {
        // A breath between requests: Node's fetch hands a connection back to its pool a tick after the body ends.
        const port = async (f, init) => {
          const answer = Number(await (await f(url, init)).text());
          await new Promise((resolve) => setTimeout(resolve, 5));
          return answer;
        };
        const shared = new FetchSession();
        const other = new FetchSession({});
        const closing = new FetchSession({ keepAlive: false });
        const bound = shared.fetch;
        const first = await port(bound);
        const connections = {
          sameSessionReuses: (await port(bound)) === first,
          optionUsesIt: (await port(fetch, { session: shared })) === first,
          initCannotReplaceIt: (await port(bound, { session: other })) === first,
          otherSessionDiffers: (await port(other.fetch)) !== first,
          keepAliveFalseCloses: (await port(closing.fetch)) !== (await port(closing.fetch)),
        };
        shared.close();
        const afterClose = await port(bound);
        shared[Symbol.dispose]();
        const afterDispose = await port(bound);
        const prototypeFetch = attempt(() => FetchSession.prototype.fetch);
        const noNew = attempt(() => FetchSession());
        const badSession = await fetch(url, { session: {} }).then(() => "resolved", shape);
        const badSession2 = await fetch(url, { session: 5 }).then(() => "resolved", shape);
        const noArguments = await bound().then(() => "resolved", shape);
        return {
          connections,
          closeOpensAnew: afterClose !== first,
          disposeKeepsItUsable: Number.isInteger(afterDispose),
          shape: { name: FetchSession.name, length: FetchSession.length, prototype: Object.getOwnPropertyNames(FetchSession.prototype).sort(), dispose: typeof FetchSession.prototype[Symbol.dispose], tag: Object.prototype.toString.call(shared) },
          bound: { name: bound.name, length: bound.length, same: shared.fetch === bound, preconnect: typeof bound.preconnect },
          prototypeFetch,
          noNew,
          badSession,
          badSession2,
          noArguments,
        };
      } finally {
        server.close();
        server.closeAllConnections();
      }
    }
    default:
      throw new Error("unknown case " + input.kind);
  }
};
`;

const headerCases = [
  { init: [["Set-Cookie", "a=1"], ["set-cookie", "b=2"], ["X-Foo", "1"], ["x-foo", "2"], ["Content-Type", "text/plain"], ["Accept", "x"]], name: "set-cookie" },
  { init: [["z", "1"], ["a", "2"], ["set-cookie", "c"], ["m", "3"]], name: "Set-Cookie" },
  { init: [["accept", "1"], ["content-type", "1"], ["authorization", "1"]], name: "x-foo" },
  { init: [["x-b", "1"], ["Host", "h"], ["x-a", "2"], ["User-Agent", "u"], ["ETag", "e"]], name: "" },
  { init: { B: "1", a: "2", "Cache-Control": "no-store", Vary: "Accept" }, name: "SET-COOKIE" },
  { init: [], name: "set-cookie" },
  { init: [["set-cookie", "a=1, b=2"], ["Set-Cookie2", "x"]], name: "set-cookie" },
  { init: [["x-custom", " padded "], ["x-custom", ""], ["Link", "<a>"], ["Link", "<b>"]], name: 1 },
].map((item) => ({ kind: "headers", ...item }));

const urlPatternCases = [
  { pattern: { pathname: "/books/:id" }, url: "https://example.com/books/123" },
  { pattern: { pathname: "/books/:id" }, url: "https://example.com/authors/1" },
  { pattern: "https://*.example.com/:section/*", url: "https://www.example.com/docs/a/b?x=1#h" },
  { pattern: "/api/:version(v\\d+)/:rest*", base: "https://example.com", url: "https://example.com/api/v2/users/7" },
  { pattern: "/api/:version(v\\d+)/:rest*", base: "https://example.com", url: "https://example.com/api/vx/users" },
  { pattern: { pathname: "/files/:name.:ext?" }, url: "https://h/files/readme" },
  { pattern: { hostname: "{:sub.}?example.com" }, url: "http://example.com/" },
  { pattern: { search: "q=:term" }, url: "https://h/?q=bun" },
  { pattern: "/(", base: "https://h", url: "https://h/" },
  { pattern: { pathname: "/:a/:b?" }, url: "https://h/one" },
].map((item) => ({ kind: "urlpattern", ...item }));

const fileCases = [
  { name: "note.txt", content: "hello file" },
  { name: "data.json", content: '{"a":1}' },
  { name: "page.html", content: "<p>x</p>" },
  { name: "blob.bin", content: "\u0000\u0001" },
  { name: "missing.txt" },
].map((item) => ({ kind: "file", ...item }));

const post = (body: unknown, extra: Record<string, unknown> = {}) => ({ method: "POST", body, ...extra });
const optionCases: Array<[string, string, Record<string, unknown>]> = [
  // maxRedirects: the limit, the default, the modes that do not follow, and the values Bun refuses.
  ["fragment kept", "echo#frag", {}],
  ["empty fragment kept", "echo#", {}],
  ["fragment not carried over a redirect", "r/1#frag", {}],
  // response.url after redirects: the last Location resolved, its fragment included (Node's fetch drops it).
  ["Location's fragment", "f/a", {}],
  ["Location's fragment over the request's", "f/a#req", {}],
  ["no fragment in the last Location", "f/c#req", {}],
  ["Location's fragment two hops on", "f/d#r", {}],
  ["an earlier Location's fragment is not inherited", "f/e#r", {}],
  ["empty fragment in Location", "f/h", {}],
  ["Location's fragment escaped", "f/k", {}],
  ["Location's fragment bytes not UTF-8", "f/l", {}],
  ["scheme-relative Location", "f/m", {}],
  ["the last of two fragments", "f/n#z", {}],
  ["301 with a fragment", "f/o", {}],
  ["fragment with maxRedirects", "f/d#r", { maxRedirects: 5 }],
  ["fragment with keepalive false", "f/a", { keepalive: false }],
  ["fragment with decompress false", "f/a#r", { decompress: false }],
  ["fragment with tls options", "f/a", { tls: { rejectUnauthorized: false } }],
  ["fragment-only Location", "f/only", { maxRedirects: 3 }],
  ["query and fragment Location", "f/q#r", { maxRedirects: 3 }],
  ["manual keeps the request's fragment", "f/a#req", { redirect: "manual" }],
  ["error mode with a fragment", "f/a#req", { redirect: "error" }],
  ["3 of 3", "r/3", { maxRedirects: 3 }],
  ["4 of 3", "r/4", { maxRedirects: 3 }],
  ["0 of 0", "r/0", { maxRedirects: 0 }],
  ["1 of 0", "r/1", { maxRedirects: 0 }],
  ["20 of 19", "r/20", { maxRedirects: 19 }],
  ["5 default", "r/5", {}],
  ["null", "r/2", { maxRedirects: null }],
  ["2 ** 32", "r/2", { maxRedirects: 2 ** 32 }],
  ["manual", "r/2", { redirect: "manual", maxRedirects: 0 }],
  ["error", "r/2", { redirect: "error" }],
  ...[-1, 1.5, "3", Number.NaN, Number.POSITIVE_INFINITY, true, ""].map((value): [string, string, Record<string, unknown>] => [`maxRedirects ${String(value)}`, "r/1", { maxRedirects: value }]),
  // How each redirect status treats the method, body and credentials.
  ...[301, 302, 303, 307, 308].map((status): [string, string, Record<string, unknown>] => [`POST ${status}`, `s/${status}`, post("data", { headers: { authorization: "secret" }, maxRedirects: 5 })]),
  ["PUT 301", "s/301", { method: "PUT", body: "data", maxRedirects: 5 }],
  ["stream 307", "s/307", post("<stream>", { maxRedirects: 5 })],
  ["cross origin", "cross", { headers: { authorization: "secret", cookie: "a=1" }, maxRedirects: 5 }],
  // compress: every encoding, levels, the bodies it leaves alone, and the values Bun refuses.
  ["compress true", "echo", post("hello hello hello", { compress: true })],
  ...["gzip", "deflate", "br", "zstd"].map((encoding): [string, string, Record<string, unknown>] => [`compress ${encoding}`, "echo", post("compress me ".repeat(50), { compress: encoding })]),
  ["compress gzip 12", "echo", post("level twelve", { compress: { encoding: "gzip", level: 12 } })],
  ["compress br 0", "echo", post("level zero", { compress: { encoding: "br", level: 0 } })],
  ["compress zstd 22", "echo", post("level 22", { compress: { encoding: "zstd", level: 22 } })],
  ["compress NaN level", "echo", post("nan", { compress: { encoding: "gzip", level: Number.NaN } })],
  ["compress blob", "echo", post("<blob>", { compress: "gzip" })],
  ["compress bytes", "echo", post("<bytes>", { compress: "deflate" })],
  ["compress stream", "echo", post("<stream>", { compress: "gzip" })],
  ["compress GET", "echo", { compress: true }],
  ["compress own encoding", "echo", post("as is", { compress: true, headers: { "content-encoding": "identity" } })],
  ["compress false", "echo", post("plain", { compress: false })],
  ["compress null", "echo", post("plain", { compress: null })],
  ...[
    "",
    "GZIP",
    1,
    0,
    {},
    { level: 3 },
    { encoding: 5 },
    { encoding: null },
    { encoding: "nope" },
    { encoding: "gzip", level: 13 },
    { encoding: "deflate", level: -1 },
    { encoding: "br", level: 12 },
    { encoding: "zstd", level: 0 },
    { encoding: "gzip", level: 1.5 },
    { encoding: "gzip", level: "3" },
    { encoding: "gzip", level: true },
    { encoding: "gzip", level: Number.POSITIVE_INFINITY },
  ].map((value): [string, string, Record<string, unknown>] => [`compress ${JSON.stringify(value)}`, "echo", post("x", { compress: value })]),
  // protocol: HTTP/1.1 is what both speak; HTTP/2 and HTTP/3 need TLS.
  ...["http1.1", "h1", "http2", "h2", "http3", "h3", 1, null, "", "HTTP2", "http/1.1"].map((value): [string, string, Record<string, unknown>] => [`protocol ${String(value)}`, "echo", { protocol: value }]),
  // Which bad option Bun reports first.
  ["order 1", "echo", { protocol: "x", maxRedirects: -1, compress: "x" }],
  ["order 2", "echo", { protocol: "x", maxRedirects: -1 }],
];

const loopback = "http://127.0.0.1:TARGET_PORT/";
const noProxyCases: Array<[string, string, Record<string, unknown>]> = [
  ["", loopback, {}],
  ["127.0.0.1", loopback, {}],
  ["127.0.0.1", loopback, { respectNoProxy: false }],
  ["127.0.0.1", loopback, { respectNoProxy: true }],
  ["127.0.0.1", "http://localhost:TARGET_PORT/", {}],
  ["localhost", "http://localhost:TARGET_PORT/", {}],
  ["127.0.0.1:TARGET_PORT", loopback, {}],
  ["127.0.0.1:1", loopback, {}],
  ["*", loopback, {}],
  [".0.0.1", loopback, {}],
  ["*.0.0.1", loopback, {}],
  ["foo, 127.0.0.1 ,bar", loopback, {}],
  ["127.0.0.0/8", loopback, {}],
  ["10.0.0.0/8", loopback, {}],
  ["example.test", "http://example.test/", {}],
  ["example.test", "http://a.example.test/", {}],
  [".example.test", "http://example.test/", {}],
  ["*.example.test", "http://a.b.example.test/", {}],
  ["EXAMPLE.test", "http://example.test/", {}],
  ["example.test:80", "http://example.test/", {}],
  ["example.test:81", "http://example.test/", {}],
  ["ample.test", "http://example.test/", {}],
  ["a.example.test", "http://example.test/", {}],
  ["127.0.0.1", loopback, { respectNoProxy: null }],
  ["127.0.0.1", loopback, { respectNoProxy: "no" }],
  ["127.0.0.1", loopback, { respectNoProxy: 1 }],
];

const sessionInits: unknown[] = [
  null,
  5,
  "x",
  {},
  { proxy: 5 },
  { proxy: {} },
  { proxy: "" },
  { proxy: null },
  { proxy: false },
  { proxy: "not a url" },
  { proxy: "ftp://127.0.0.1:9" },
  { proxy: { url: "http://127.0.0.1:9", headers: { a: "1" } } },
  "<url proxy>",
  { keepAlive: "x" },
  { keepAlive: true },
  { keepAlive: { idleTimeout: -1 } },
  { keepAlive: { idleTimeout: "1" } },
  { keepAlive: { idleTimeout: 99_999 } },
  { keepAlive: { maxIdleSockets: -1 } },
  { keepAlive: { maxIdleSockets: 1.5 } },
  { keepAlive: { maxIdleSockets: "2" } },
  { keepAlive: { maxIdleSockets: 65_536 } },
  { keepAlive: { idleTimeout: 10, maxIdleSockets: 4 } },
  { unix: 5 },
  { unix: "" },
  { unix: "/tmp/x.sock" },
  { tls: 5 },
  { tls: { ca: 5 } },
  { tls: { cert: 5 } },
  { tls: { key: [5] } },
  { tls: { ca: "pem", rejectUnauthorized: false } },
  { tls: 5, proxy: 5 },
  { proxy: 5, keepAlive: "x" },
  { keepAlive: "x", unix: 5 },
  { proxy: 5, unix: 5 },
  { tls: 5, unix: 5 },
];

const scratchDir = mkdtempSync(join(tmpdir(), "dx-compat-web-diff-"));
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

describe("@dx-compat/web against Bun", () => {
  it("Headers.toJSON/getAll/count, URLPattern, file: URLs and fetch errors agree", async () => {
    const port = await closedPort();
    const errorCases = [
      { url: `http://127.0.0.1:${port}/`, init: {} },
      { url: "http://localhost/", init: { unix: join(scratchDir, "nobody-listens.sock") } },
      { url: `http://127.0.0.1:${port}/`, init: { proxy: "not a url" } },
      { url: `http://127.0.0.1:${port}/`, init: { proxy: { url: 5 } } },
      { url: `http://127.0.0.1:${port}/`, init: { proxy: "ftp://127.0.0.1:21" } },
      { url: "definitely not a url", init: {} },
      { url: "ftp://example.com/", init: {} },
      { url: "file://elsewhere/etc/hosts", init: {} },
    ].map((item) => ({ kind: "error", ...item }));
    // Bun checks its idle timers every few seconds (this case takes it ~8 s); Node's fire near the deadline.
    const inputs = [...headerCases, ...urlPatternCases, ...fileCases, ...errorCases, { kind: "local-url", url: "data:text/plain,hi%20there" }, { kind: "local-url", url: "<blob>" }, ...optionCases.map(([label, path, init]) => ({ kind: "options", label, path, init })), { kind: "no-proxy", cases: noProxyCases }, ...sessionInits.map((init) => ({ kind: "session-init", init })), { kind: "session" }, { kind: "stalled-body", timeout: 300 }];
    const { mismatches, bun } = await compareBatch(caseModule, inputs);
    expect(mismatches).toEqual([]);
    // The batch really ran: Bun answered every case.
    expect(bun).toHaveLength(inputs.length);
  }, 40_000);
});
