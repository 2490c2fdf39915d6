// Bun.serve under real Bun and under Node + dx-compat: the same server script
// started under both, the same raw HTTP requests sent to each, and the
// answers compared: status line, headers (Date dropped), body.
//
// Header names are compared case-insensitively and as a set, because an
// undici Response (Node's global) does not remember how the program spelled
// them; when the global Response is dx-compat's lightweight one (what
// dx-compat/register is meant to install), the bytes are compared exactly.
import { differential, startBoth, type RunningProgram } from "@dx-compat/oracle";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";

const script = `
import { writeFileSync } from "node:fs";
// dx-compat/register installs Bun's Response as the global; optionally put Node's own back,
// which Bun.serve must also answer correctly (through a stream read of the body).
if (!process.versions.bun && process.env.DX_SERVE_NODE_RESPONSE) globalThis.Response = Object.getPrototypeOf(Response);
writeFileSync("f.txt", "hello world, this is a file\\n");
writeFileSync("empty.txt", "");
const fast = Object.getOwnPropertySymbols(Response).some((s) => s.description === "dx-compat.serve.nativeResponse");
const json = (value, init = {}) => new Response(JSON.stringify(value), { ...init, headers: { "content-type": "application/json;charset=utf-8", ...init.headers } });
const later = (ms) => new Promise((r) => setTimeout(r, ms));
// Answers both the async main handler and the synchronous one give.
const common = {
  "/text": () => new Response("hi"),
  "/json": () => json({ a: 1 }),
  "/bytes": () => new Response(new Uint8Array([1, 2, 3])),
  "/empty": () => new Response(),
  "/null204": () => new Response(null, { status: 204 }),
  "/hdr": () => new Response("x", { headers: { "X-Custom-Header": "V", "content-type": "text/html" } }),
  "/s418": () => new Response("x", { status: 418 }),
  "/redirect": () => Response.redirect("http://x/text", 301),
  "/setcookie": () => { const h = new Headers(); h.append("Set-Cookie", "a=1"); h.append("Set-Cookie", "b=2"); return new Response("x", { headers: h }); },
  "/blob": () => new Response(new Blob(["blob"], { type: "x/y" })),
  "/stream-now": () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("ab")); c.enqueue(new TextEncoder().encode("cd")); c.close(); } })),
};
const main = Bun.serve({
  port: 0, hostname: "127.0.0.1", development: false, maxRequestBodySize: 1000,
  routes: {
    "/r/static": new Response("static body", { headers: { "X-S": "1" } }),
    "/r/users/:id": (req) => json({ tag: "users/:id", params: req.params }),
    "/r/users/me": (req) => json({ tag: "users/me", params: req.params }),
    "/r/users/:id/posts/:post": (req) => json({ tag: "posts", params: req.params }),
    "/r/files/*": (req) => json({ tag: "files/*", params: req.params }),
    "/r/*": (req) => json({ tag: "r/*", params: req.params }),
    "/r/m": { GET: (req) => json({ tag: "m GET" }), POST: new Response("m POST static") },
    "/r/off": false,
    "/r/enc/:name": (req) => json({ tag: "enc", params: req.params }),
    "/r/undef": () => undefined,
    "/r/cookie": (req) => { const seen = [...req.cookies.entries()]; req.cookies.set("x", "y"); req.cookies.delete("a"); return json({ seen }); },
    "/r/file": Bun.file("f.txt"),
    "/r/rfile": new Response(Bun.file("f.txt"), { status: 201, headers: { "X-F": "1", "Content-Type": "text/x-custom" } }),
    "/r/rfile-lm": new Response(Bun.file("f.txt"), { headers: { "Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT" } }),
    "/r/rslice": new Response(Bun.file("f.txt").slice(6, 11)),
    "/r/rmissing": new Response(Bun.file("missing.txt")),
    "/r/bslice": Bun.file("f.txt").slice(6, 11),
    "/r/missing": Bun.file("missing.txt"),
    "/r/dir": Bun.file("."),
    "/r/empty": Bun.file("empty.txt"),
    "/r/null": new Response(null),
    "/r/s201": new Response("created", { status: 201 }),
    "/r/etag": new Response("x", { headers: { ETag: '"mine"' } }),
    "/r/sorted": new Response("x", { headers: { Vary: "a", "Cache-Control": "b", ETag: '"c"', Age: "1", "X-Z": "z", "X-A": "a", "set-cookie": "s=1" } }),
  },
  async fetch(req, server) {
    const path = new URL(req.url).pathname;
    if (Object.hasOwn(common, path)) return common[path]();
    switch (path) {
      case "/throw": throw new Error("boom");
      case "/reject": return Promise.reject(new Error("boom2"));
      case "/undef": return undefined;
      case "/s299": return new Response("x", { status: 299, statusText: "ignored" });
      case "/stream-later": return new Response(new ReadableStream({ async pull(c) { await later(30); c.enqueue(new TextEncoder().encode("ab")); await later(30); c.close(); } }));
      case "/dup": return new Response("x", { headers: [["X-A", "1"], ["x-a", "2"], ["Vary", "a"], ["vary", "b"]] });
      case "/echo": return new Response(await req.text());
      case "/json-echo": return json(await req.json());
      // The messages differ between JavaScriptCore and V8: the error's name and the body's state must not.
      case "/json-bad": try { return json(await req.json()); } catch (error) { return json({ name: error.name, used: req.bodyUsed }); }
      case "/null-twice": { const r = new Response(null); return json({ first: await r.text(), second: await r.text(), used: r.bodyUsed }); }
      case "/ab-echo": { const body = await req.arrayBuffer(); return new Response(new TextDecoder().decode(body), { status: Object.prototype.toString.call(body) === "[object ArrayBuffer]" ? 200 : 500 }); }
      case "/file": return new Response(Bun.file("f.txt"));
      case "/file-h": return new Response(Bun.file("f.txt"), { headers: { "X-H": "1" } });
      case "/blob-h": return new Response(new Blob(["blob"], { type: "x/y" }), { headers: { "X-H": "1" } });
      case "/slice": return new Response(Bun.file("f.txt").slice(6, 11));
      case "/slice-from": return new Response(Bun.file("f.txt").slice(6));
      case "/slice0": return new Response(Bun.file("f.txt").slice(0, 5));
      case "/slice-h": return new Response(Bun.file("f.txt").slice(6, 11), { headers: { "X-H": "1" } });
      case "/slice-404": return new Response(Bun.file("f.txt").slice(6, 11), { status: 404 });
      case "/slice-past": return new Response(Bun.file("f.txt").slice(100, 200));
      case "/info": {
        const ip = server.requestIP(req);
        return json({ url: req.url, method: req.method, headers: [...req.headers], isRequest: req instanceof Request, bodyNull: req.body === null,
          cache: req.cache, credentials: req.credentials, mode: req.mode, redirect: req.redirect, referrer: req.referrer, keepalive: req.keepalive ?? "undefined",
          signal: req.signal.aborted, ipFamily: ip.family, hasCookies: "cookies" in req, hasParams: req.params !== undefined, pending: server.pendingRequests });
      }
    }
    return new Response("404 here", { status: 404 });
  },
});
const bare = Bun.serve({ port: 0, hostname: "127.0.0.1", development: false, routes: { "/a": new Response("a"), "/m": { POST: () => new Response("p") }, "/f": false } });
const handled = Bun.serve({
  port: 0, hostname: "127.0.0.1", development: false,
  fetch(req) { throw new Error(new URL(req.url).pathname.slice(1)); },
  error(error) {
    if (error.message === "nothing") return undefined;
    if (error.message === "again") throw new Error("twice");
    if (error.message === "later") return Promise.resolve(new Response("later", { status: 503 }));
    return new Response("handled " + error.message, { status: 501, headers: { "X-E": "1" } });
  },
});
const dev = Bun.serve({ port: 0, hostname: "127.0.0.1", development: true, fetch(req) { if (req.url.endsWith("/undef")) return undefined; throw new TypeError("boom dev"); } });
// A synchronous fetch handler: what dx-compat answers before node:http builds a response (early-answer.ts).
const sync = Bun.serve({
  port: 0, hostname: "127.0.0.1", development: false,
  fetch(req, server) {
    const path = new URL(req.url).pathname;
    if (Object.hasOwn(common, path)) return common[path]();
    switch (path) {
      case "/utf8": return new Response("h\u00e9llo \u2603");
      // A Response keeps its own copy of byte bodies: the program's later writes and transfers do not show.
      case "/copied": { const bytes = new Uint8Array([65, 66, 67]); const response = new Response(bytes); bytes[0] = 90; return response; }
      case "/transferred": { const buffer = new Uint8Array([65, 66]).buffer; const response = new Response(buffer); buffer.transfer(); return response; }
      case "/throw": throw new Error("sync boom");
      case "/undef": return undefined;
      case "/info": return json({ pending: server.pendingRequests, aborted: req.signal.aborted, url: req.url, headers: [...req.headers], body: req.body });
    }
    return new Response("404 here", { status: 404 });
  },
});
// server.fetch() goes to the fetch handler: routes are not consulted (as in Bun 1.4.5).
const serverFetch = await Promise.all(["r/static", "r/users/7", "text"].map(async (path) => (await main.fetch(new Request(main.url.href + path))).text()));
console.log(JSON.stringify({ main: main.port, bare: bare.port, handled: handled.port, dev: dev.port, sync: sync.port, fast,
  shape: { serverFetch, development: [main.development, dev.development], url: main.url.href.replace(String(main.port), "P"), tag: [main, dev].map((s) => Object.prototype.toString.call(s)), protocol: main.protocol, hostname: main.hostname, id: main.id } }));
`;

interface Ready {
  main: number;
  bare: number;
  handled: number;
  dev: number;
  sync: number;
  fast: boolean;
  shape: unknown;
}

/** Send raw bytes; everything received until the server closes (bounded). */
function raw(port: number, data: string | string[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let out = "";
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(out);
    };
    const timer = setTimeout(finish, 3000);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (out += chunk));
    socket.on("close", finish);
    socket.on("error", finish);
    socket.on("connect", async () => {
      for (const part of Array.isArray(data) ? data : [data]) {
        socket.write(part, "latin1");
        await new Promise((r) => setTimeout(r, 30));
      }
    });
  });
}

const dateLine = /\r\nDate: [^\r]*/g;
const lastModified = /\r\nlast-modified: [^\r]*/gi;

/** Responses in a connection's output, each as status line, header set (lower-case names, Date dropped) and body. */
function normalise(text: string): unknown[] {
  const responses: unknown[] = [];
  for (const part of text.replace(dateLine, "").replace(lastModified, "").split(/(?=HTTP\/1\.1 \d{3} )/)) {
    if (part === "") continue;
    const end = part.indexOf("\r\n\r\n");
    const [status, ...lines] = part.slice(0, end === -1 ? undefined : end).split("\r\n");
    const headers = lines.map((line) => {
      const colon = line.indexOf(":");
      return `${line.slice(0, colon).toLowerCase()}:${line.slice(colon + 1)}`;
    });
    responses.push({ status, headers: headers.sort(), body: end === -1 ? "" : part.slice(end + 4) });
  }
  return responses;
}

const close = "Connection: close\r\n";
const get = (path: string, extra = ""): string => `GET ${path} HTTP/1.1\r\nHost: x\r\n${close}${extra}\r\n`;
const keep = (path: string, extra = ""): string => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;
const future = "If-Modified-Since: Wed, 21 Oct 2099 07:28:00 GMT\r\n";
const past = "If-Modified-Since: Wed, 21 Oct 2015 07:28:00 GMT\r\n";

/** [server, request bytes, compare exactly when the fast Response is installed?] */
type Target = keyof Omit<Ready, "fast" | "shape">;
const cases: [Target, string | string[]][] = [
  ...["/text", "/json", "/empty", "/null204", "/hdr", "/throw", "/reject", "/undef", "/s418", "/s299", "/redirect", "/stream-now", "/stream-later", "/blob", "/setcookie", "/dup", "/null-twice", "/nope"].map(
    (path) => ["main", get(path)] as [Target, string],
  ),
  ["main", get("/info?q=1", "X-Custom: yes\r\nAccept: */*\r\n")],
  ["main", `HEAD /text HTTP/1.1\r\nHost: x\r\n${close}\r\n`],
  ["main", `POST /echo HTTP/1.1\r\nHost: x\r\n${close}Content-Length: 5\r\n\r\nhello`],
  ["main", [`POST /echo HTTP/1.1\r\nHost: x\r\n${close}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n`, "2\r\nde\r\n0\r\n\r\n"]],
  ["main", `POST /json-echo HTTP/1.1\r\nHost: x\r\n${close}Content-Length: 19\r\n\r\n{"a":[1,2,{"b":3}]}`],
  ["main", `POST /json-bad HTTP/1.1\r\nHost: x\r\n${close}Content-Length: 5\r\n\r\n{oops`],
  ["main", get("/json-bad")],
  ["main", `POST /ab-echo HTTP/1.1\r\nHost: x\r\n${close}Content-Length: 5\r\n\r\nbytes`],
  ["main", [`POST /echo HTTP/1.1\r\nHost: x\r\n${close}Expect: 100-continue\r\nContent-Length: 4\r\n\r\n`, "data"]],
  ["main", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n`],
  ["main", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${"400\r\n" + "a".repeat(1024) + "\r\n"}0\r\n\r\n`],
  ["main", `GET /text HTTP/1.1\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n${close}\r\n`],
  ["main", "GARBAGE\r\n\r\n"],
  ["main", "GET / HTTP/1.1\r\n\r\n"],
  // What Bun's parser refuses, or reads otherwise than Node's: versions, targets, methods, header counts.
  ...[
    "GET /text HTTP/2.0\r\nHost: x\r\n\r\n",
    "GET /text\r\n\r\n",
    "GET /text HTTP/1.2\r\nHost: x\r\n\r\n",
    "GET /text http/1.1\r\nHost: x\r\n\r\n",
    "GET /te xt HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /text HTTP/1.1\nHost: x\n\n",
    "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET ?q=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET ftp://x/text HTTP/1.1\r\nHost: x\r\n\r\n",
    `GET HTTPS://elsewhere/info?q=2 HTTP/1.1\r\nHost: x\r\n${close}\r\n`,
    `GET http:// HTTP/1.1\r\nHost: x\r\n${close}\r\n`,
    "get /text HTTP/1.1\r\nHost: x\r\n\r\n",
    "get /text HTTP/1.1\r\n\r\n",
    "FOO /text HTTP/1.1\r\nHost: x\r\n\r\n",
    "FOO /text\r\n\r\n",
    "GE@T /text HTTP/1.1\r\nHost: x\r\n\r\n",
    "G\tT /text HTTP/1.1\r\nHost: x\r\n\r\n",
    "foo bar baz\r\n\r\n",
    `GET /text HTTP/1.1\r\nHost: x\r\n${close}${"X-Many: v\r\n".repeat(196)}\r\n`,
    `GET /text HTTP/1.1\r\nHost: x\r\n${close}${"X-Many: v\r\n".repeat(197)}\r\n`,
    `POST /echo HTTP/1.1\r\nHost: x\r\n${close}Expect: something-else\r\nContent-Length: 2\r\n\r\nhi`,
    `GET /text HTTP/1.1\r\nHost: x\r\n\r\nGET /text HTTP/2.0\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /text HTTP/1.1\r\nHost: x\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n`,
  ].map((request) => ["main", request] as [Target, string]),
  ["main", get("/r/static?q")],
  ["main", `HEAD /r/static HTTP/1.1\r\nHost: x\r\n${close}\r\n`],
  ...["/r/users/42", "/r/users/me", "/r/users/42/posts/7", "/r/files/a/b", "/r/files", "/r/zzz", "/r/m", "/r/off", "/r/enc/a%20b", "/r/users/", "/r/undef", "/r/file"].map((path) => ["main", get(path)] as [Target, string]),
  ["main", `POST /r/m HTTP/1.1\r\nHost: x\r\n${close}Content-Length: 0\r\n\r\n`],
  ["main", `PUT /r/m HTTP/1.1\r\nHost: x\r\n${close}Content-Length: 0\r\n\r\n`],
  ["main", get("/r/cookie", "Cookie: a=1; b=2\r\n")],
  ["main", get("/r/file", "Range: bytes=0-4\r\n")],
  ["main", get("/r/file", "Range: bytes=100-200\r\n")],
  // Conditional requests: If-Modified-Since on file routes (GET/HEAD, status 200), If-None-Match on static ones.
  ["main", get("/r/file", future)],
  ["main", get("/r/file", past)],
  ["main", get("/r/file", `${future}Range: bytes=1-2\r\n`)],
  ["main", get("/r/file", "If-Modified-Since: garbage\r\n")],
  // Repeated fields: Bun reads the first Range and the first If-Modified-Since.
  ["main", get("/r/file", "Range: bytes=0-4\r\nRange: bytes=6-8\r\n")],
  ["main", get("/r/file", `${future}${past}`)],
  ["main", get("/r/file", `${past}${future}`)],
  ["main", `HEAD /r/file HTTP/1.1\r\nHost: x\r\n${close}${future}\r\n`],
  ["main", `POST /r/file HTTP/1.1\r\nHost: x\r\n${close}${future}Content-Length: 0\r\n\r\n`],
  ["main", `HEAD /r/file HTTP/1.1\r\nHost: x\r\n${close}\r\n`],
  ...["/r/bslice", "/r/missing", "/r/dir", "/r/empty", "/r/null", "/r/s201", "/r/etag", "/r/sorted"].map((path) => ["main", get(path)] as [Target, string]),
  ["main", get("/r/bslice", "Range: bytes=3-100\r\n")],
  ["main", get("/r/bslice", future)],
  ...['"47d1e6314ba2bfdd"', '"x", W/"47d1e6314ba2bfdd"', '"x","47d1e6314ba2bfdd"', "47d1e6314ba2bfdd", "*", '"x"', '"47d1e6314ba2bfdd', 'w/"47d1e6314ba2bfdd"', '"x" "47d1e6314ba2bfdd"', '"47D1E6314BA2BFDD"'].map(
    (tag) => ["main", get("/r/static", `If-None-Match: ${tag}\r\n`)] as [Target, string],
  ),
  // A repeated If-None-Match: Bun reads the first field only (node:http's `headers` would join them).
  ["main", get("/r/static", 'If-None-Match: "x"\r\nIf-None-Match: "47d1e6314ba2bfdd"\r\n')],
  ["main", get("/r/static", 'If-None-Match: "47d1e6314ba2bfdd"\r\nIf-None-Match: "x"\r\n')],
  ["main", `HEAD /r/static HTTP/1.1\r\nHost: x\r\n${close}If-None-Match: *\r\n\r\n`],
  ["main", `POST /r/static HTTP/1.1\r\nHost: x\r\n${close}If-None-Match: *\r\nContent-Length: 0\r\n\r\n`],
  ...["/r/null", "/r/s201"].map((path) => ["main", get(path, "If-None-Match: *\r\n")] as [Target, string]),
  ...['"mine"', "mine"].map((tag) => ["main", get("/r/etag", `If-None-Match: ${tag}\r\n`)] as [Target, string]),
  // Kept-alive static GETs (dx-compat answers these before node:http builds a response):
  // pipelined, with a body, conditional, Expect, without Host. (Behind a slow answer:
  // serve.test.ts, since Bun 1.4.5 drops requests pipelined behind an async response.)
  ["main", `${keep("/r/static")}${keep("/r/s201")}${keep("/r/null")}${get("/r/static")}`],
  // Synchronous route handlers, kept alive: answered early, cookies included, or handed on (no Response).
  // (A handed-on answer holds the connection: what is pipelined behind it takes node:http's path.)
  ["main", `${["/r/users/42", "/r/users/me", "/r/files/a/b", "/r/m", "/r/enc/a%20b", "/r/static"].map((path) => keep(path)).join("")}${keep("/r/cookie", "Cookie: a=1; b=2\r\n")}${keep("/r/undef")}${get("/r/off")}`],
  ["main", `GET /r/static HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc${get("/r/static")}`],
  ["main", `GET /r/static HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n${get("/r/static")}`],
  ["main", `${keep("/r/static", 'If-None-Match: "47d1e6314ba2bfdd"\r\n')}${keep("/r/static", 'If-None-Match: "x"\r\n')}${get("/r/static")}`],
  ["main", [keep("/r/static", "Expect: 100-continue\r\n"), get("/r/static")]],
  ["main", "GET /r/static HTTP/1.1\r\n\r\n"],
  // HTTP/1.0: Bun closes after one answer even when asked to keep alive, and streams without chunks.
  ...["/r/static", "/text", "/stream-later", "/nope"].map((path) => ["main", `GET ${path} HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n${get("/text")}`] as [Target, string]),
  ["main", "GET /r/static HTTP/1.0\r\n\r\n"],
  ["bare", `${keep("/a")}${keep("/b")}${get("/a")}`],
  // A synchronous fetch handler, kept alive and pipelined: answered at once, or handed on to node:http
  // (a Blob or stream body, a throw, no Response). Bun answers these in order (unlike after an async answer).
  // (/info comes first: behind a body dx-compat must read, such as a Blob, a stream or Node's own Response,
  // a pipelined request's handler runs before that answer is out, and sees pendingRequests 2 where Bun says 1.)
  ["sync", `${keep("/info")}${["/text", "/json", "/empty", "/null204", "/hdr", "/s418", "/redirect", "/setcookie", "/utf8", "/nope"].map((path) => keep(path)).join("")}${get("/text")}`],
  ...["/blob", "/stream-now", "/throw", "/undef"].map((path) => ["sync", `${keep(path)}${keep("/text")}${get("/text")}`] as [Target, string]),
  ["sync", `HEAD /text HTTP/1.1\r\nHost: x\r\n\r\n${get("/text")}`],
  ["sync", `GET /text HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab${get("/info")}`],
  ["bare", get("/a")],
  ["bare", get("/b")],
  ["bare", get("/m")],
  ["bare", get("/f")],
  ...["/e", "/nothing", "/again", "/later"].map((path) => ["handled", get(path)] as [Target, string]),
];

/**
 * What an undici Response cannot carry to the server (a BunFile; whether its
 * bytes came from a typed array, which Bun labels application/octet-stream):
 * compared when the fast Response is installed.
 */
const fastOnly: [keyof Omit<Ready, "fast" | "shape">, string][] = [
  // Byte bodies the program changes after making the Response (kept alive: answered early).
  ["sync", `${keep("/copied")}${keep("/transferred")}${get("/text")}`],
  ["main", get("/bytes")],
  ["main", get("/file")],
  ["main", get("/file", "Range: bytes=6-\r\n")],
  ["main", get("/file", "Range: bytes=0-1\r\nRange: bytes=6-\r\n")],
  // A Response holding a BunFile as a route is a file route in Bun (Last-Modified, 304s, its status and headers).
  ["main", get("/r/rfile")],
  ["main", get("/r/rfile", future)],
  ["main", get("/r/rfile", "Range: bytes=1-2\r\n")],
  ["main", get("/r/rfile-lm", past)],
  ["main", get("/r/rfile-lm")],
  ["main", get("/r/rslice")],
  ["main", get("/r/rslice", "Range: bytes=1-2\r\n")],
  ["main", get("/r/rmissing")],
  // A slice returned by a handler: 206 with an open-ended Content-Range unless the Response has headers; the request's Range is ignored.
  ...["/file-h", "/blob-h", "/slice", "/slice-from", "/slice0", "/slice-h", "/slice-404", "/slice-past"].map((path) => ["main", get(path)] as [Target, string]),
  ["main", get("/slice", "Range: bytes=1-2\r\n")],
  ["main", `HEAD /slice HTTP/1.1\r\nHost: x\r\n${close}\r\n`],
];

async function answers(program: RunningProgram, list: [keyof Omit<Ready, "fast" | "shape">, string | string[]][]): Promise<string[]> {
  const ready = program.ready as Ready;
  const out: string[] = [];
  for (const [server, request] of list) out.push(await raw(ready[server], request));
  return out;
}

describe("Bun.serve against real Bun", () => {
  it.each([
    ["Node's own Response", { DX_SERVE_NODE_RESPONSE: "1" }, false],
    ["Bun's Response, as dx-compat/register installs it (byte for byte)", {}, true],
  ] as const)("answers the same requests the same way, with %s", async (_name, env, fastExpected) => {
    const { bun, node } = await startBoth(script, { env });
    try {
      const bunReady = bun.ready as Ready;
      const nodeReady = node.ready as Ready;
      expect(nodeReady.shape).toEqual(bunReady.shape);
      expect(nodeReady.fast).toBe(fastExpected);
      const [fromBun, fromNode] = await Promise.all([answers(bun, cases), answers(node, cases)]);
      const mismatches: unknown[] = [];
      cases.forEach(([server, request], index) => {
        const label = `${server} ${JSON.stringify(request).slice(0, 60)}`;
        const [ours, theirs] = [normalise(fromNode[index]!), normalise(fromBun[index]!)];
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) mismatches.push({ label, node: ours, bun: theirs });
        const [ourBytes, theirBytes] = [fromNode[index]!, fromBun[index]!].map((text) => text.replace(dateLine, "").replace(lastModified, ""));
        if (nodeReady.fast && ourBytes !== theirBytes) mismatches.push({ label, nodeBytes: ourBytes, bunBytes: theirBytes });
      });
      expect(mismatches).toEqual([]);
      if (nodeReady.fast) {
        const [bunFiles, nodeFiles] = await Promise.all([answers(bun, fastOnly), answers(node, fastOnly)]);
        const fileMismatches = fastOnly.flatMap(([server, request], index) => {
          const [ourBytes, theirBytes] = [nodeFiles[index]!, bunFiles[index]!].map((text) => text.replace(dateLine, "").replace(lastModified, ""));
          return ourBytes === theirBytes ? [] : [{ label: `${server} ${JSON.stringify(request).slice(0, 60)}`, nodeBytes: ourBytes, bunBytes: theirBytes }];
        });
        expect(fileMismatches).toEqual([]);
      }
      // The development error page: same status, type and error data (Bun adds its overlay script).
      const [bunPage, nodePage] = await Promise.all([raw(bunReady.dev, get("/x")), raw(nodeReady.dev, get("/x"))]);
      const pageData = (text: string): unknown => {
        const data = JSON.parse(/<script id="__bunfallback" type="application\/json">(.*?)<\/script>/.exec(text)![1]!) as { message: string; problems: { exceptions: { name: string; message: string }[] } };
        return { head: text.split("\r\n").slice(0, 2), message: data.message, exception: { name: data.problems.exceptions[0]!.name, message: data.problems.exceptions[0]!.message } };
      };
      expect(pageData(nodePage)).toEqual(pageData(bunPage));
      const [bunWelcome, nodeWelcome] = await Promise.all([raw(bunReady.dev, get("/undef")), raw(nodeReady.dev, get("/undef"))]);
      expect(nodeWelcome.replace(dateLine, "")).toBe(bunWelcome.replace(dateLine, ""));
    } finally {
      await Promise.all([bun.stop(), node.stop()]);
    }
  }, 30_000);

  it("lets a handler copy its request: new Request(req, init), clone, instanceof, fetch(req)", async () => {
    const copier = `
      const upstream = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: async (req) => new Response(req.method + " " + new URL(req.url).pathname + " " + (await req.text()) + " " + req.headers.get("x-added")) });
      const server = Bun.serve({
        port: 0,
        hostname: "127.0.0.1",
        async fetch(req) {
          const isRequest = req instanceof Request;
          const copy = new Request(req, { headers: { "x-added": "1", "x-trace": req.headers.get("x-trace") ?? "" } });
          const facts = { isRequest, copyIsRequest: copy instanceof Request, name: Request.name, method: copy.method, url: copy.url, trace: copy.headers.get("x-trace"), added: copy.headers.get("x-added"), bodyUsed: req.bodyUsed };
          const forwarded = await fetch(new Request("http://127.0.0.1:" + upstream.port + "/up", copy));
          return Response.json({ ...facts, upstream: await forwarded.text() });
        },
      });
      console.log(JSON.stringify({ port: server.port }));`;
    const { bun, node } = await startBoth(copier);
    try {
      const ask = (program: RunningProgram): Promise<string> =>
        raw((program.ready as { port: number }).port, "POST /copy?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trace: t7\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
      const [fromBun, fromNode] = await Promise.all([ask(bun), ask(node)]);
      const body = (text: string): unknown => JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4).replace(/:\d+\//g, ":PORT/")) as unknown;
      expect(body(fromBun)).toMatchObject({ isRequest: true, copyIsRequest: true, method: "POST", trace: "t7", added: "1", upstream: "POST /up hello 1" });
      expect(body(fromNode)).toEqual(body(fromBun));
    } finally {
      await Promise.all([bun.stop(), node.stop()]);
    }
  }, 30_000);

  it("prints a handler's error only when the error handler does not answer it, and writes nothing after an upgrade", { timeout: 60_000 }, async () => {
    const source = `
import { connect } from "node:net";
// Built, so that no source line Bun quotes around an error contains it.
const marker = ["@", "@ "].join("");
const handlers = {
  none: undefined,
  returns: () => new Response("err", { status: 500 }),
  throws: () => { throw new Error("thrown by the error handler"); },
  nonResponse: () => 42,
  asyncReturns: async () => new Response("aerr", { status: 501 }),
  asyncRejects: async () => { throw new Error("rejected by the error handler"); },
};
const handshake = (connection) => "GET /ws HTTP/1.1\\r\\nHost: x\\r\\n" + connection + "Upgrade: websocket\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n";
function rawResponse(port, request) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("error", () => {});
    setTimeout(() => { socket.destroy(); resolve(text.split("\\r\\n")[0] + " +" + (text.length - text.indexOf("\\r\\n\\r\\n") - 4)); }, 150);
  });
}
for (const [name, error] of Object.entries(handlers)) {
  console.error(marker + name);
  const server = Bun.serve({
    port: 0, hostname: "127.0.0.1", development: false,
    fetch(req, server) {
      if (req.url.endsWith("/ws") && !server.upgrade(req, { data: undefined })) return new Response("no upgrade");
      throw new Error("thrown by fetch in " + name);
    },
    websocket: { message() {} },
    ...(error ? { error } : {}),
  });
  const response = await fetch(server.url);
  console.log(name, "plain", response.status, await response.text());
  for (const connection of ["", "Connection: Upgrade\\r\\n"]) {
    console.error(marker + name + " upgrade " + JSON.stringify(connection));
    console.log(name, "upgrade", JSON.stringify(connection), await rawResponse(server.port, handshake(connection)), server.pendingRequests);
  }
  server.stop(true);
}
`;
    const { bun, node } = await differential(source);
    // Which errors each section printed: their "error: message" lines (Bun) or "Error: message" lines (Node), not the rest of each runtime's format.
    const printed = (stderr: string): string[] =>
      stderr.split("@@ ").slice(1).map((section) => {
        const [title, ...rest] = section.split("\n");
        const messages = rest.flatMap((line) => /^(?:error|Error): (.*)$/.exec(line)?.slice(1) ?? []);
        return `${title}: ${messages.join(" | ")}`;
      });
    expect(node.stdout).toBe(bun.stdout);
    expect(printed(node.stderr)).toEqual(printed(bun.stderr));
    expect(node.code).toBe(bun.code);
  });

  it("ends a process that printed a handler's error with code 1, as Bun does, unless it calls process.exit", { timeout: 60_000 }, async () => {
    const codes: Record<string, { bun: number | null; node: number | null }> = {};
    for (const mode of ["thrown", "nonResponse", "exitCodeZero", "exitCodeThree", "exitZero"]) {
      const { bun, node } = await differential(`
const mode = ${JSON.stringify(mode)};
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", development: false, fetch() { if (mode === "nonResponse") return 42; throw new Error("thrown"); } });
const response = await fetch(server.url);
await response.text();
server.stop(true);
if (mode === "exitCodeZero") process.exitCode = 0;
if (mode === "exitCodeThree") process.exitCode = 3;
if (mode === "exitZero") process.exit(0);
console.log(response.status, process.exitCode);
`);
      expect(node.stdout).toBe(bun.stdout);
      codes[mode] = { bun: bun.code, node: node.code };
    }
    for (const { bun, node } of Object.values(codes)) expect(node).toBe(bun);
    expect(codes["thrown"]!.bun).toBe(1);
  });
  it("hands handlers req.url as a URL parser serializes it (dot segments, escapes, host case and default port), while routes match the target as sent", { timeout: 60_000 }, async () => {
    const script = `
      const server = Bun.serve({
        port: 0,
        hostname: "127.0.0.1",
        routes: { "/static/*": (req) => new Response("route " + req.url) },
        fetch(req) { return new Response("fetch " + req.url); },
      });
      console.log(JSON.stringify({ port: server.port }));`;
    const targets = [
      "/plain/path?q=1&r=2", "/a/./b/../c", "/%7Efoo/%2F/../x", "/x/%2e%2e/y", "/x/%2E./y", "/x\\y", "/x|y{z}^`[]", '/x?q="\'<>{}|^`\\', "//double/path",
      "/a/../../..", "/a%00b", "/q?x=%zz", "/x#frag", "/a;b,c=d", "/~user", "/a?b?c", "/dir/.", "/dir/..", "/dir/.hidden/..x/x..", "/a/..?q=/../",
      "/static/../static/a", "/a/../static/b", "/static/./c", "/%73tatic/d", "/STATIC/e",
    ];
    const hosts = ["example.com", "Example.COM:80", "a:8080", "a:0080", "a:", "[::1]:3000", "[0:0::1]", "127.0.0.1:3000", "0x7f.1", "xn--caf-dma.com", "a..b", "a_b", "a%41", "A.b.", "1.2.3.4.5", "256.1.1.1", "exa mple", ""];
    const { bun, node } = await startBoth(script);
    try {
      const ask = async (program: RunningProgram): Promise<string[]> => {
        const port = (program.ready as { port: number }).port;
        const seen: string[] = [];
        const body = (text: string): string => `${text.split("\r\n")[0]} ${text.slice(text.indexOf("\r\n\r\n") + 4)}`;
        for (const target of targets) seen.push(body(await raw(port, `GET ${target} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`)));
        for (const host of hosts) seen.push(body(await raw(port, `GET /p/../q HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)));
        seen.push(body(await raw(port, "GET /no/../host HTTP/1.0\r\n\r\n")));
        return seen;
      };
      const [fromBun, fromNode] = await Promise.all([ask(bun), ask(node)]);
      expect(fromNode).toEqual(fromBun);
      expect(fromBun).toContain("HTTP/1.1 200 OK fetch http://a/a/c");
      expect(fromBun).toContain("HTTP/1.1 200 OK route http://a/static/a");
    } finally {
      await Promise.all([bun.stop(), node.stop()]);
    }
  });
});
