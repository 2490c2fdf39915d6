// Bun's fetch extensions against real servers on 127.0.0.1: a Unix socket, TLS
// with an openssl certificate, a forwarding proxy, file: URLs, decompress,
// keepalive, verbose, and Bun's error shapes for what goes wrong.
import { writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { file, serve } from "@dx-compat/bun";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fetch } from "../src/index.ts";
import { close, closedPort, httpServer, httpsServer, listen, makeCertificate, portOf, proxyServer, scratch, type Certificate } from "./support/servers.ts";

interface Echoed {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
}

function headerNames(echoed: Echoed): string[] {
  return echoed.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
}

function bunErrorShape(error: unknown): Record<string, unknown> {
  const e = error as Record<string, unknown> & Error;
  return { name: e.name, code: e["code"], message: e.message, keys: Object.keys(e), errno: e["errno"], path: e["path"] };
}

const { dir, remove } = scratch();
afterAll(remove);

describe("fetch over the network", () => {
  it("passes through to Node's fetch for plain requests and keeps standard behaviour", async () => {
    const server = await httpServer();
    try {
      const response = await fetch(`http://127.0.0.1:${portOf(server)}/plain?x=1`, { method: "POST", body: "hello" });
      expect(response).toBeInstanceOf(Response);
      const echoed = (await response.json()) as Echoed;
      expect([echoed.method, echoed.url, echoed.body]).toEqual(["POST", "/plain?x=1", "hello"]);
    } finally {
      await close(server);
    }
  });

  it("connects over a Unix socket with `unix`", async () => {
    const socketPath = join(dir, "http.sock");
    const server = await listen(createServer((request, response) => response.end(`unix ${request.url} ${request.headers.host}`)), socketPath);
    try {
      const response = await fetch("http://localhost/over-unix", { unix: socketPath } as RequestInit);
      expect(await response.text()).toBe("unix /over-unix localhost");
    } finally {
      await close(server);
    }
  });

  it("rejects as Bun does when the Unix socket is missing", async () => {
    const error = await fetch("http://localhost/", { unix: join(dir, "missing.sock") } as RequestInit).catch((caught: unknown) => caught);
    expect(bunErrorShape(error)).toEqual({ name: "TypeError", code: "ENOENT", message: "ENOENT: Was there a typo in the url or port?", keys: ["code", "path", "errno"], errno: 0, path: "http://localhost/" });
  });

  it("rejects a refused connection as Bun does", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/`;
    const error = await fetch(url).catch((caught: unknown) => caught);
    expect(bunErrorShape(error)).toEqual({ name: "TypeError", code: "ECONNREFUSED", message: "ECONNREFUSED: Unable to connect. Is the computer able to access the url?", keys: ["code", "path", "errno"], errno: 0, path: url });
  });

  it("rejects a connection closed mid-request with Bun's ECONNRESET", async () => {
    const server = await listen(createServer((request) => request.socket.destroy()));
    try {
      const url = `http://127.0.0.1:${portOf(server)}/`;
      const error = await fetch(url).catch((caught: unknown) => caught);
      expect(bunErrorShape(error)).toMatchObject({ name: "TypeError", code: "ECONNRESET", keys: ["code", "path", "errno"], errno: 0, path: url });
    } finally {
      await close(server);
    }
  });

  it("`decompress: false` keeps the compressed bytes and Content-Encoding, and asks for no encoding", async () => {
    const compressed = gzipSync("zipped body");
    const seen: Array<string | undefined> = [];
    const server = await listen(
      createServer((request, response) => {
        seen.push(request.headers["accept-encoding"]);
        response.setHeader("content-encoding", "gzip");
        response.end(compressed);
      }),
    );
    try {
      const url = `http://127.0.0.1:${portOf(server)}/`;
      const raw = await fetch(url, { decompress: false } as RequestInit);
      expect(raw.headers.get("content-encoding")).toBe("gzip");
      expect(raw.url).toBe(url);
      expect(Buffer.from(await raw.arrayBuffer())).toEqual(compressed);
      const decoded = await fetch(url);
      expect(await decoded.text()).toBe("zipped body");
      expect(seen[0]).toBeUndefined();
      expect(seen[1]).toContain("gzip");
    } finally {
      await close(server);
    }
  });

  it("`keepalive: false` does not keep the connection", async () => {
    const server = await httpServer();
    try {
      const url = `http://127.0.0.1:${portOf(server)}/`;
      const echoed = (await (await fetch(url, { keepalive: false })).json()) as Echoed;
      const connection = echoed.rawHeaders[echoed.rawHeaders.findIndex((name) => name.toLowerCase() === "connection") + 1];
      expect(connection).not.toBe("keep-alive");
    } finally {
      await close(server);
    }
  });

  it("`timeout` is an idle deadline: a silent server or a stalled body fails with Bun's TimeoutError; 0 and false turn it off", async () => {
    // One server that never answers, one that sends 3 of 10 body bytes and stalls, one that answers after 700 ms.
    const sockets: import("node:net").Socket[] = [];
    const silent = createServer((_req, res) => sockets.push(res.socket!));
    const stalled = createServer((_req, res) => {
      res.writeHead(200, { "Content-Length": "10" });
      res.write("abc");
      sockets.push(res.socket!);
    });
    const slow = createServer((_req, res) => setTimeout(() => res.end("late"), 700));
    await Promise.all([listen(silent), listen(stalled), listen(slow)]);
    const url = (server: typeof silent): string => `http://127.0.0.1:${portOf(server)}/`;
    const timeoutShape = (error: unknown): unknown => [error instanceof DOMException, (error as DOMException).name, (error as DOMException).message, (error as DOMException).code];
    const expected = [true, "TimeoutError", "The operation timed out.", 23];
    try {
      expect(timeoutShape(await fetch(url(silent), { timeout: 200 }).catch((error: unknown) => error))).toEqual(expected);
      const response = await fetch(url(stalled), { timeout: 200 });
      expect(response.status).toBe(200);
      expect(timeoutShape(await response.text().catch((error: unknown) => error))).toEqual(expected);
      for (const off of [0, false, Number.POSITIVE_INFINITY] as const) expect(await (await fetch(url(slow), { timeout: off } as RequestInit)).text()).toBe("late");
      expect(await (await fetch(url(slow), { timeout: 5_000 } as RequestInit)).text()).toBe("late");
    } finally {
      for (const socket of sockets) socket.destroy();
      await Promise.all([close(silent), close(stalled), close(slow)]);
    }
  }, 20_000);

  it("`verbose: true` prints the request and the response head to stderr", async () => {
    const server = await listen(
      createServer((_request, response) => {
        response.setHeader("X-Test", "1");
        response.end("body!");
      }),
    );
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const url = `http://127.0.0.1:${portOf(server)}/path?q=1`;
      const response = await fetch(url, { verbose: true, method: "POST", body: "abc", headers: { "X-Custom": "v" } } as RequestInit);
      expect(await response.text()).toBe("body!");
      const printed = write.mock.calls.map(([chunk]) => String(chunk)).join("");
      expect(printed).toContain(` HTTP/1.1 POST ${url}\n`);
      expect(printed).toContain(" X-Custom: v\n");
      expect(printed).toContain("< 200 OK\n< X-Test: 1\n");
      expect(printed.endsWith("\n\n")).toBe(true);
    } finally {
      write.mockRestore();
      await close(server);
    }
  });
});

describe("fetch with tls", () => {
  let certificate: Certificate;
  let server: Awaited<ReturnType<typeof httpsServer>>;
  let base: string;
  beforeAll(async () => {
    certificate = makeCertificate(dir, "localhost", "DNS:localhost,IP:127.0.0.1");
    server = await httpsServer(certificate, (_request, response) => response.end("tls ok"));
    base = `https://127.0.0.1:${portOf(server)}/`;
  });
  afterAll(() => close(server));

  it("rejects a self-signed certificate with Bun's code and words", async () => {
    const error = await fetch(base).catch((caught: unknown) => caught);
    expect(bunErrorShape(error)).toEqual({ name: "TypeError", code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self signed certificate", keys: ["code", "path", "errno"], errno: 0, path: base });
  });

  it("accepts it with `rejectUnauthorized: false` or the certificate as `ca`", async () => {
    expect(await (await fetch(base, { tls: { rejectUnauthorized: false } } as RequestInit)).text()).toBe("tls ok");
    expect(await (await fetch(base, { tls: { ca: certificate.cert } } as RequestInit)).text()).toBe("tls ok");
    expect(await (await fetch(base, { tls: { ca: [Buffer.from(certificate.cert)] } } as RequestInit)).text()).toBe("tls ok");
  });

  it("reads `ca` from a Blob (a BunFile is one)", async () => {
    expect(await (await fetch(base, { tls: { ca: new Blob([certificate.cert]) } } as RequestInit)).text()).toBe("tls ok");
  });

  it("calls checkServerIdentity and rejects with the error it returns", async () => {
    const hosts: string[] = [];
    const refusal = new Error("not this one");
    const error = await fetch(base, {
      tls: {
        ca: certificate.cert,
        checkServerIdentity: (host: string) => {
          hosts.push(host);
          return refusal;
        },
      },
    } as RequestInit).catch((caught: unknown) => caught);
    expect(error).toBe(refusal);
    expect(hosts).toEqual(["127.0.0.1"]);
    const accepted = await fetch(base, { tls: { ca: certificate.cert, checkServerIdentity: () => undefined } } as RequestInit);
    expect(await accepted.text()).toBe("tls ok");
  });

  it("reports a certificate for another name in Bun's generic form", async () => {
    const other = makeCertificate(dir, "other", "DNS:other.test");
    const otherServer = await httpsServer(other, (_request, response) => response.end("x"));
    try {
      const url = `https://127.0.0.1:${portOf(otherServer)}/`;
      const error = await fetch(url, { tls: { ca: other.cert } } as RequestInit).catch((caught: unknown) => caught);
      expect(bunErrorShape(error)).toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID", message: `ERR_TLS_CERT_ALTNAME_INVALID fetching "${url}". For more information, pass \`verbose: true\` in the second argument to fetch()` });
      const named = await fetch(`https://localhost:${portOf(otherServer)}/`, { tls: { ca: other.cert, serverName: "other.test" } } as RequestInit);
      expect(await named.text()).toBe("x");
    } finally {
      await close(otherServer);
    }
  });
});

describe("fetch through a proxy", () => {
  it("sends http: requests to the proxy in absolute form, with the proxy's headers", async () => {
    const target = await httpServer();
    const { server: proxy, log } = await proxyServer();
    try {
      const url = `http://127.0.0.1:${portOf(target)}/via-proxy`;
      const response = await fetch(url, { proxy: { url: `http://127.0.0.1:${portOf(proxy)}`, headers: { "X-Proxy-Token": "t" } } } as RequestInit);
      expect(((await response.json()) as Echoed).url).toBe("/via-proxy");
      expect(log.requests).toEqual([`GET ${url}`]);
      expect(log.proxyHeaders[0]).toMatchObject({ "x-proxy-token": "t" });
    } finally {
      await close(proxy);
      await close(target);
    }
  });

  it("tunnels https: requests with CONNECT and sends credentials from the proxy URL", async () => {
    const certificate = makeCertificate(dir, "proxied", "IP:127.0.0.1");
    const target = await httpsServer(certificate, (_request, response) => response.end("secret"));
    const { server: proxy, log } = await proxyServer();
    try {
      const response = await fetch(`https://127.0.0.1:${portOf(target)}/`, { proxy: `http://user:pass@127.0.0.1:${portOf(proxy)}`, tls: { ca: certificate.cert } } as RequestInit);
      expect(await response.text()).toBe("secret");
      expect(log.requests).toEqual([`CONNECT 127.0.0.1:${portOf(target)}`]);
      expect(log.proxyHeaders[0]).toEqual({ "proxy-authorization": `Basic ${Buffer.from("user:pass").toString("base64")}` });
    } finally {
      await close(proxy);
      await close(target);
    }
  });

  it("rejects bad proxy URLs as Bun does", async () => {
    const invalid = await fetch("http://127.0.0.1:9/", { proxy: "not a url" } as RequestInit).catch((caught: unknown) => caught);
    expect(bunErrorShape(invalid)).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_VALUE", message: "fetch() proxy URL is invalid", keys: [], errno: undefined, path: undefined });
    const unsupported = await fetch("http://127.0.0.1:9/", { proxy: "ftp://127.0.0.1:21" } as RequestInit).catch((caught: unknown) => caught);
    expect(bunErrorShape(unsupported)).toMatchObject({ code: "UnsupportedProxyProtocol", keys: ["code", "path", "errno"], path: "http://127.0.0.1:9/" });
  });
});

describe("fetch of file: URLs", () => {
  it("answers 200 with the file's type, and the URL", async () => {
    const file = join(dir, "note.txt");
    writeFileSync(file, "hello file");
    const url = pathToFileURL(file).href;
    const response = await fetch(url);
    expect([response.status, response.url, [...response.headers], await response.text()]).toEqual([200, url, [["content-type", "text/plain;charset=utf-8"]], "hello file"]);
  });

  it("fails a missing file only when the body is read, with Bun's fs error", async () => {
    const file = join(dir, "missing.json");
    const response = await fetch(pathToFileURL(file));
    expect(response.headers.get("content-type")).toBe("application/json;charset=utf-8");
    const error = await response.text().catch((caught: unknown) => caught);
    expect(bunErrorShape(error)).toEqual({ name: "Error", code: "ENOENT", message: `ENOENT: no such file or directory, open '${file}'`, keys: ["code", "path", "syscall", "errno"], errno: -2, path: file });
  });

  it("refuses a directory and a foreign host", async () => {
    const directory = await fetch(pathToFileURL(dir)).catch((caught: unknown) => caught);
    expect(bunErrorShape(directory)).toMatchObject({ name: "Error", code: "EISDIR", message: "Directories cannot be read like files" });
    const host = await fetch("file://elsewhere/etc/hosts").catch((caught: unknown) => caught);
    expect(bunErrorShape(host)).toMatchObject({ name: "TypeError", code: "ERR_INVALID_FILE_URL_HOST" });
  });
});

describe("fetch argument errors", () => {
  it("rejects what Bun rejects, with its codes", async () => {
    const shapes = await Promise.all(
      [() => fetch("nope"), () => fetch("ftp://example.com/"), () => fetch("s3://bucket/key"), () => (fetch as (...args: unknown[]) => Promise<Response>)()].map((call) => call().then(() => ({}) as Record<string, unknown>, bunErrorShape)),
    );
    expect(shapes.map((shape) => [shape["code"], shape["message"]])).toEqual([
      ["ERR_INVALID_URL", "fetch() URL is invalid"],
      ["ERR_INVALID_ARG_VALUE", "protocol must be http:, https: or s3:"],
      ["ERR_DX_COMPAT_NOT_IMPLEMENTED", "[dx-compat] fetch: s3:// URLs need @dx-compat/s3"],
      ["ERR_MISSING_ARGS", "fetch() expects a string but received no arguments."],
    ]);
  });

  it("has Bun's shape: name, length and a read-only fetch.preconnect", () => {
    expect([fetch.name, fetch.length]).toEqual(["fetch", 1]);
    const descriptor = Object.getOwnPropertyDescriptor(fetch, "preconnect");
    expect(descriptor).toMatchObject({ writable: false, enumerable: true, configurable: false });
    const preconnect = (fetch as unknown as { preconnect: (...args: unknown[]) => unknown }).preconnect;
    expect(preconnect("http://127.0.0.1:9/")).toBeUndefined();
    expect(() => preconnect()).toThrow("Not enough arguments to 'fetch.preconnect'. Expected 1, got 0.");
    expect(() => preconnect("nope")).toThrow("Invalid URL");
    expect(() => preconnect("file:///tmp")).toThrow("URL must be HTTP or HTTPS");
  });
});

describe("Blob bodies", () => {
  it("sends a Blob request body and reads a Blob response body", async () => {
    const server = await httpServer();
    try {
      const response = await fetch(`http://127.0.0.1:${portOf(server)}/`, { method: "PUT", body: new Blob(["blob body"], { type: "text/x-blob" }) });
      const echoed = (await response.json()) as Echoed;
      expect(echoed.body).toBe("blob body");
      expect(headerNames(echoed)).toContain("content-type");
      expect(await new Response(new Blob(["abc"], { type: "text/x" })).text()).toBe("abc");
      // A BunFile is a Blob: it goes out as a request body and comes back through a Response.
      const path = join(dir, "upload.json");
      writeFileSync(path, '{"from":"disk"}');
      const uploaded = (await (await fetch(`http://127.0.0.1:${portOf(server)}/`, { method: "POST", body: file(path) })).json()) as Echoed;
      expect(uploaded.body).toBe('{"from":"disk"}');
      expect(uploaded.rawHeaders).toEqual(expect.arrayContaining(["content-type", "application/json;charset=utf-8"]));
      const fromFile = new Response(file(path));
      expect([fromFile.headers.get("content-type"), await fromFile.text()]).toEqual(["application/json;charset=utf-8", '{"from":"disk"}']);
      expect(await new Request("http://x/", { method: "POST", body: file(path) }).text()).toBe('{"from":"disk"}');
    } finally {
      await close(server);
    }
  });
});

describe("Requests from Bun.serve", () => {
  it("forwards the request a Bun.serve handler received, body and all (fetch(req) as a proxy)", async () => {
    const upstream = await httpServer();
    // The handler's Request is Bun.serve's lazy one, not undici's: fetch must still take it.
    const proxy = serve({ port: 0, hostname: "127.0.0.1", fetch: (req) => fetch(req) });
    try {
      const answer = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
        const outgoing = request({ host: "127.0.0.1", port: proxy.port, path: "/via?x=1", method: "POST", headers: { Host: `127.0.0.1:${portOf(upstream)}`, "X-Trace": "t1", "Content-Type": "text/plain" } }, (response) => {
          let body = "";
          response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve({ status: response.statusCode, body }));
        });
        outgoing.on("error", reject);
        outgoing.end("hello upstream");
      });
      expect(answer.status).toBe(200);
      const echoed = JSON.parse(answer.body) as Echoed;
      expect([echoed.method, echoed.url, echoed.body]).toEqual(["POST", "/via?x=1", "hello upstream"]);
      expect(headerNames(echoed)).toContain("x-trace");
    } finally {
      await proxy.stop(true);
      await close(upstream);
    }
  });
});
