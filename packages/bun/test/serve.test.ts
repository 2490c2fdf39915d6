// Bun.serve in process: a real client (raw sockets, node:http, fetch) against
// a real server on 127.0.0.1. Wire bytes expected here are the ones real Bun
// 1.4.5 sends (serve.differential.test.ts checks the same against Bun itself).
import { execFileSync } from "node:child_process";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, Agent } from "node:http";
import { connect as http2Connect } from "node:http2";
import { request as httpsRequest } from "node:https";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { file, serve } from "../src/index.ts";
import { FastResponse } from "../src/internal/serve/response.ts";

type Server = ReturnType<typeof serve>;
type Options = Parameters<typeof serve>[0];

const dir = mkdtempSync(join(tmpdir(), "dx-serve-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withServer<T>(options: Options, body: (server: Server) => Promise<T>): Promise<T> {
  const server = serve({ port: 0, hostname: "127.0.0.1", development: false, ...options } as Options);
  try {
    return await body(server);
  } finally {
    await server.stop(true);
  }
}

/** Send raw bytes; resolve with everything received once the server closes (or after `waitMs` of quiet). */
function raw(port: number, data: string | string[], waitMs = 400): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let out = "";
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(out);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(finish, waitMs);
    };
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      out += chunk;
      arm();
    });
    socket.on("close", finish);
    socket.on("error", (error) => (out === "" ? reject(error) : finish()));
    socket.on("connect", async () => {
      arm();
      for (const part of Array.isArray(data) ? data : [data]) {
        socket.write(part, "latin1");
        await new Promise((r) => setTimeout(r, 20));
      }
    });
  });
}

const dateLine = /Date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n/;
const noDate = (text: string): string => text.replace(dateLine, "");
const get = (path: string, extra = ""): string => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${extra}\r\n`;

describe("Bun.serve: the Server", () => {
  it("listens at once and reports port, hostname, url, protocol, id, development", async () => {
    const server = serve({ port: 0, hostname: "127.0.0.1", id: "svc", fetch: () => new Response("x") });
    try {
      expect(typeof server.port).toBe("number");
      expect(server.port).toBeGreaterThan(0);
      expect(server.hostname).toBe("127.0.0.1");
      expect(server.url.href).toBe(`http://127.0.0.1:${server.port}/`);
      expect(server.protocol).toBe("http");
      expect(server.id).toBe("svc");
      expect(server.development).toBe(true);
      expect(Object.prototype.toString.call(server)).toBe("[object DebugHTTPServer]");
      expect(server.pendingRequests).toBe(0);
      expect(server.pendingWebSockets).toBe(0);
      expect(Object.keys(server)).toEqual([]);
    } finally {
      const stopped = server.stop();
      expect(stopped).toBeInstanceOf(Promise);
      await stopped;
    }
  });

  it("takes a string port and the PORT family of variables as Bun does", async () => {
    const probe = serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
    const free = probe.port!;
    await probe.stop(true);
    const saved = { BUN_PORT: process.env["BUN_PORT"], PORT: process.env["PORT"], NODE_PORT: process.env["NODE_PORT"] };
    try {
      process.env["PORT"] = "not a port";
      process.env["NODE_PORT"] = String(free);
      const server = serve({ hostname: "127.0.0.1", fetch: () => new Response("") });
      expect(server.port).toBe(free);
      await server.stop(true);
      const again = serve({ port: String(free), hostname: "127.0.0.1", fetch: () => new Response("") });
      expect(again.port).toBe(free);
      await again.stop(true);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it("rejects bad options with Bun's errors", () => {
    const attempt = (options: unknown): unknown => {
      try {
        serve(options as Options);
        return "no error";
      } catch (error) {
        const { name, message, code } = error as { name: string; message: string; code: string };
        return { name, code, message: message.split("\n")[0] };
      }
    };
    expect(attempt({ port: 0 })).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "Bun.serve() needs either:" });
    expect(attempt({ port: -1, fetch() {} })).toEqual({ name: "RangeError", code: "ERR_OUT_OF_RANGE", message: 'The value of "options.port" is out of range. It must be >= 0 and <= 65535. Received -1' });
    expect(attempt({ port: "abc", fetch() {} })).toEqual({ name: "RangeError", code: "ERR_OUT_OF_RANGE", message: 'The value of "options.port" is out of range. It must be an integer. Received NaN' });
    expect(attempt({ fetch: 1 })).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "Expected fetch() to be a function" });
    expect(attempt({ port: 0, fetch() {}, error: 1 })).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "Expected error to be a function" });
  });

  it("throws EADDRINUSE synchronously when the port is taken", async () => {
    await withServer({ fetch: () => new Response("") }, async (server) => {
      expect(() => serve({ port: server.port!, hostname: "127.0.0.1", fetch: () => new Response("") })).toThrow(
        expect.objectContaining({ code: "EADDRINUSE", message: `Failed to start server. Is port ${server.port} in use?` }),
      );
    });
  });

  it("requestIP, pendingRequests, timeout, fetch() and reload()", async () => {
    await withServer(
      {
        fetch(req, server) {
          server.timeout(req, 5);
          return Response.json({ ip: server.requestIP(req), pending: server.pendingRequests });
        },
      },
      async (server) => {
        const body = (await (await fetch(server.url)).json()) as { ip: { address: string; family: string; port: number }; pending: number };
        expect(body.ip.address).toBe("127.0.0.1");
        expect(body.ip.family).toBe("IPv4");
        expect(body.ip.port).toBeGreaterThan(0);
        expect(body.pending).toBe(1);
        expect(server.requestIP(new Request("http://x/"))).toBeNull();
        const direct = await server.fetch("http://example/q");
        expect(direct.status).toBe(200);
        expect([server.unref(), server.ref()]).toEqual([server, server]);
        server.reload({ fetch: () => new Response("reloaded") });
        expect(await (await fetch(server.url)).text()).toBe("reloaded");
        // Routes added by reload, static ones too, on new and kept-alive connections.
        server.reload({ routes: { "/s": new Response("static") }, fetch: () => new Response("reloaded") });
        const twice = await raw(server.port!, "GET /s HTTP/1.1\r\nHost: x\r\n\r\nGET /s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        expect(twice.match(/\r\n\r\nstatic/g)).toHaveLength(2);
        expect(await (await fetch(new URL("/s", server.url))).text()).toBe("static");
      },
    );
  });

  it("serves a unix socket", async () => {
    const path = join(dir, "serve.sock");
    const server = serve({ unix: path, fetch: (req) => new Response(`unix ${new URL(req.url).pathname}`) });
    try {
      expect(server.port).toBeUndefined();
      expect(server.url.href).toBe(`unix://${path}`);
      const text = await new Promise<string>((resolve, reject) => {
        const req = httpRequest({ socketPath: path, path: "/here" }, (res) => {
          let data = "";
          res.setEncoding("utf8").on("data", (chunk: string) => (data += chunk));
          res.on("end", () => resolve(data));
        });
        req.on("error", reject);
        req.end();
      });
      expect(text).toBe("unix /here");
    } finally {
      await server.stop(true);
    }
  });
});

describe("Bun.serve: responses on the wire", () => {
  it("writes Bun's bytes for a FastResponse (status line, header order and spelling, defaults)", async () => {
    await withServer(
      {
        fetch(req) {
          const path = new URL(req.url).pathname;
          if (path === "/text") return new FastResponse("hi") as unknown as Response;
          if (path === "/json") return FastResponse.json({ a: 1 }) as unknown as Response;
          if (path === "/bytes") return new FastResponse(new Uint8Array([1, 2, 3])) as unknown as Response;
          if (path === "/teapot") return new FastResponse("x", { status: 418 }) as unknown as Response;
          if (path === "/odd") return new FastResponse("x", { status: 299, statusText: "ignored" }) as unknown as Response;
          if (path === "/none") return new FastResponse(null, { status: 204 }) as unknown as Response;
          if (path === "/redirect") return FastResponse.redirect("/text", 302) as unknown as Response;
          return new FastResponse("x", {
            headers: [["zeta", "1"], ["Alpha", "2"], ["cache-control", "no"], ["x-powered-by", "me"], ["ETag", "e"], ["Content-Type", "a/b"], ["Set-Cookie", "a=1"], ["Vary", "a"], ["vary", "b"], ["Content-Length", "99"]],
          }) as unknown as Response;
        },
      },
      async ({ port }) => {
        const p = port!;
        expect(noDate(await raw(p, get("/text")))).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 2\r\n\r\nhi");
        expect(noDate(await raw(p, get("/json")))).toBe('HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: 7\r\n\r\n{"a":1}');
        expect(noDate(await raw(p, get("/bytes")))).toBe("HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\nContent-Length: 3\r\n\r\n\x01\x02\x03");
        expect(noDate(await raw(p, get("/teapot")))).toBe("HTTP/1.1 418 I'm a Teapot\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 1\r\n\r\nx");
        expect((await raw(p, get("/odd"))).split("\r\n")[0]).toBe("HTTP/1.1 299 HM");
        expect(noDate(await raw(p, get("/none")))).toBe("HTTP/1.1 204 No Content\r\n\r\n");
        expect(noDate(await raw(p, get("/redirect")))).toBe("HTTP/1.1 302 Found\r\nLocation: /text\r\nContent-Length: 0\r\n\r\n");
        const mixed = await raw(p, get("/mixed"));
        expect(mixed).toMatch(dateLine);
        expect(noDate(mixed)).toBe(
          "HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nCache-Control: no\r\nETag: e\r\nContent-Type: a/b\r\nVary: a, b\r\nzeta: 1\r\nAlpha: 2\r\nx-powered-by: me\r\nContent-Length: 1\r\n\r\nx",
        );
      },
    );
  });

  it("writes native Responses too (strings, streams finished now or later, blobs, HEAD)", async () => {
    await withServer(
      {
        fetch(req) {
          const path = new URL(req.url).pathname;
          if (path === "/native") return new Response("native body", { headers: { "X-A": "1" } });
          if (path === "/now") return new Response(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("ab")), c.enqueue(new TextEncoder().encode("cd")), c.close()) }));
          if (path === "/later")
            return new Response(
              new ReadableStream({
                async pull(c) {
                  await new Promise((r) => setTimeout(r, 20));
                  c.enqueue(new TextEncoder().encode("ab"));
                  await new Promise((r) => setTimeout(r, 20));
                  c.close();
                },
              }),
            );
          if (path === "/blob") return new FastResponse(new Blob(["blob"], { type: "x/y" })) as unknown as Response;
          if (path === "/native-blob") return new Response(new Blob(["blob"], { type: "x/y" }));
          return new Response("body here");
        },
      },
      async ({ port }) => {
        const p = port!;
        expect(noDate(await raw(p, get("/native")))).toBe("HTTP/1.1 200 OK\r\nx-a: 1\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 11\r\n\r\nnative body");
        expect(noDate(await raw(p, get("/now")))).toBe("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd");
        expect(noDate(await raw(p, get("/later")))).toBe("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n");
        expect(noDate(await raw(p, get("/blob")))).toBe("HTTP/1.1 200 OK\r\ncontent-type: x/y\r\nContent-Length: 4\r\n\r\nblob");
        // undici files a Blob's type as a set header: same value, Bun's common-header spelling.
        expect(noDate(await raw(p, get("/native-blob")))).toBe("HTTP/1.1 200 OK\r\nContent-Type: x/y\r\nContent-Length: 4\r\n\r\nblob");
        expect(await raw(p, "HEAD /head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toBe("HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\n");
      },
    );
  });

  it("answers thrown errors with the error handler, or Bun's 500", async () => {
    await withServer(
      {
        fetch(req) {
          const path = new URL(req.url).pathname;
          throw new Error(path.slice(1));
        },
        error(error) {
          const message = (error as Error).message;
          if (message === "nothing") return undefined;
          if (message === "again") throw new Error("twice");
          if (message === "later") return Promise.resolve(new FastResponse(`later ${message}`, { status: 503 }) as unknown as Response);
          return new FastResponse(`handled ${message}`, { status: 501, headers: { "X-E": "1" } }) as unknown as Response;
        },
      },
      async ({ port }) => {
        const p = port!;
        const plain500 = "HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain\r\nContent-Length: 21\r\n\r\nSomething went wrong!";
        expect(noDate(await raw(p, get("/e")))).toBe("HTTP/1.1 501 Not Implemented\r\nX-E: 1\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 9\r\n\r\nhandled e");
        expect(noDate(await raw(p, get("/later")))).toBe("HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 11\r\n\r\nlater later");
        expect(noDate(await raw(p, get("/nothing")))).toBe(plain500);
        expect(noDate(await raw(p, get("/again")))).toBe(plain500);
      },
    );
  });

  it("shows the development error page with the error's data", async () => {
    await withServer(
      {
        development: true,
        fetch() {
          throw new TypeError("boom dev");
        },
      },
      async ({ port }) => {
        const response = await raw(port!, get("/x"));
        expect(response.startsWith("HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/html;charset=utf-8\r\n")).toBe(true);
        const json = /<script id="__bunfallback" type="application\/json">(.*?)<\/script>/.exec(response)?.[1];
        const data = JSON.parse(json!) as { message: string; problems: { exceptions: { name: string; message: string }[] } };
        expect(data.message).toBe("GET - /x failed");
        expect(data.problems.exceptions[0]).toMatchObject({ name: "TypeError", message: "boom dev" });
      },
    );
  });

  it("answers a handler that returns no Response: 204, or Bun's welcome text in development", async () => {
    await withServer({ fetch: (() => "a string") as never }, async ({ port }) => {
      expect(noDate(await raw(port!, get("/")))).toBe("HTTP/1.1 204 No Content\r\n\r\n");
    });
    await withServer({ development: true, fetch: (() => undefined) as never }, async ({ port }) => {
      expect(noDate(await raw(port!, get("/")))).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/plain;charset=utf-8\r\ncontent-length: 57\r\nContent-Length: 57\r\n\r\nWelcome to Bun! To get started, return a Response object.");
    });
  });

  it("cannot be made to inject headers: CR/LF in a header value throws before anything is sent", async () => {
    await withServer(
      {
        fetch(req) {
          const path = new URL(req.url).pathname;
          if (path === "/fast") return new FastResponse("x", { headers: { "X-A": "a\r\nX-B: b" } }) as unknown as Response;
          const headers = new Headers();
          headers.set("X-A", "a\r\nX-B: b");
          return new Response("x", { headers });
        },
      },
      async ({ port }) => {
        for (const path of ["/fast", "/native"]) {
          const response = await raw(port!, get(path));
          expect(response.startsWith("HTTP/1.1 500 Internal Server Error\r\n")).toBe(true);
          expect(response).not.toMatch(/X-B/i);
        }
      },
    );
  });
});

describe("Bun.serve: requests", () => {
  it("gives a lazy Request that is a Request: url, method, headers, body methods", async () => {
    await withServer(
      {
        async fetch(req) {
          const path = new URL(req.url).pathname;
          const info = { url: req.url, method: req.method, host: req.headers.get("host"), custom: req.headers.get("x-custom"), isRequest: req instanceof Request, bodyNull: req.body === null };
          if (path === "/json") return Response.json({ ...info, json: await req.json() });
          if (path === "/bytes") return Response.json({ ...info, bytes: [...(await req.bytes())] });
          if (path === "/stream") {
            let text = "";
            for await (const chunk of req.body!) text += new TextDecoder().decode(chunk);
            return Response.json({ ...info, text });
          }
          if (path === "/twice") {
            await req.text();
            try {
              await req.text();
            } catch (error) {
              const { name, message, code } = error as { name: string; message: string; code: string };
              return Response.json({ name, message, code });
            }
          }
          return Response.json({ ...info, text: await req.text() });
        },
      },
      async (server) => {
        const base = server.url.href;
        const got = await (await fetch(`${base}get?q=1`, { headers: { "X-Custom": "yes" } })).json();
        expect(got).toEqual({ url: `${base}get?q=1`, method: "GET", host: `127.0.0.1:${server.port}`, custom: "yes", isRequest: true, bodyNull: true, text: "" });
        expect(await (await fetch(`${base}json`, { method: "POST", body: '{"a":[1,2]}' })).json()).toMatchObject({ method: "POST", bodyNull: false, json: { a: [1, 2] } });
        expect(await (await fetch(`${base}bytes`, { method: "PUT", body: new Uint8Array([7, 8]) })).json()).toMatchObject({ bytes: [7, 8] });
        expect(await (await fetch(`${base}stream`, { method: "POST", body: "streamed body" })).json()).toMatchObject({ text: "streamed body" });
        expect(await (await fetch(`${base}twice`, { method: "POST", body: "x" })).json()).toEqual({ name: "TypeError", message: "Body already used", code: "ERR_BODY_ALREADY_USED" });
      },
    );
  });

  it("aborts req.signal when the client goes away, and not after a normal response", async () => {
    let resolveAborted: (reason: unknown) => void = () => {};
    const aborted = new Promise((resolve) => (resolveAborted = resolve));
    let kept: AbortSignal | undefined;
    await withServer(
      {
        async fetch(req) {
          if (new URL(req.url).pathname === "/quick") {
            kept = req.signal;
            return new Response("quick");
          }
          req.signal.addEventListener("abort", () => resolveAborted(req.signal.reason));
          await new Promise((r) => setTimeout(r, 1000));
          return new Response("late");
        },
      },
      async ({ port }) => {
        await raw(port!, get("/quick"));
        const socket = connect(port!, "127.0.0.1", () => socket.write(get("/slow")));
        await new Promise((r) => setTimeout(r, 100));
        socket.destroy();
        const reason = (await aborted) as DOMException;
        expect(reason.name).toBe("AbortError");
        expect(reason.message).toBe("The connection was closed.");
        expect(kept?.aborted).toBe(false);
      },
    );
  });

  it("keeps req.signal of a request answered early unaborted, and aborts one handed on to node:http", async () => {
    let kept: AbortSignal | undefined;
    let resolveAborted: (reason: unknown) => void = () => {};
    const aborted = new Promise((resolve) => (resolveAborted = resolve));
    const fetch = (req: Request): Response | Promise<Response> => {
      if (new URL(req.url).pathname === "/quick") {
        kept = req.signal;
        // One of Bun's Responses with its body in hand: written before node:http builds a ServerResponse.
        return new FastResponse("quick") as unknown as Response;
      }
      req.signal.addEventListener("abort", () => resolveAborted(req.signal.reason));
      return new Promise((resolve) => setTimeout(() => resolve(new FastResponse("late") as unknown as Response), 1000));
    };
    await withServer({ fetch }, async ({ port }) => {
      const quick = connect(port!, "127.0.0.1", () => quick.write("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n"));
      const answer = await new Promise<string>((resolve) => quick.setEncoding("latin1").once("data", resolve));
      expect(answer.endsWith("\r\n\r\nquick")).toBe(true);
      quick.destroy();
      const slow = connect(port!, "127.0.0.1", () => slow.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
      await new Promise((r) => setTimeout(r, 100));
      slow.destroy();
      expect(((await aborted) as DOMException).message).toBe("The connection was closed.");
      expect(kept?.aborted).toBe(false);
    });
  });

  it("answers 413 for bodies over maxRequestBodySize (declared or chunked)", async () => {
    await withServer({ maxRequestBodySize: 10, fetch: async (req) => new Response(`got ${await req.text()}`) }, async ({ port }) => {
      const p = port!;
      expect(await raw(p, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n01234567890123456789")).toBe("HTTP/1.1 413 Request Entity Too Large\r\nConnection: close\r\n\r\n");
      expect(await raw(p, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n8\r\n01234567\r\n0\r\n\r\n")).toBe("HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n");
      expect(noDate(await raw(p, "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nabcde"))).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 9\r\n\r\ngot abcde");
    });
  });
});

describe("Bun.serve: HTTP edge cases never crash or hang", () => {
  it("pipelining, 100-continue, chunked uploads, bad request lines, missing Host, aborted uploads", async () => {
    await withServer({ fetch: async (req) => new Response(`${req.method} ${new URL(req.url).pathname} ${await req.text()}`) }, async ({ port }) => {
      const p = port!;
      const piped = await raw(p, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      expect(piped.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
      expect(piped.indexOf("GET /a")).toBeLessThan(piped.indexOf("GET /b"));
      const continued = await raw(p, ["POST /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n", "data"]);
      expect(continued.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")).toBe(true);
      expect(continued.endsWith("POST /c data")).toBe(true);
      const chunked = await raw(p, ["POST /u HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", "2\r\nde\r\n0\r\n\r\n"]);
      expect(chunked.endsWith("POST /u abcde")).toBe(true);
      expect(await raw(p, "GARBAGE\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      expect(await raw(p, "GET / HTTP/1.1\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      await raw(p, "POST /gone HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part", 100);
      expect(noDate(await raw(p, get("/still")))).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 11\r\n\r\nGET /still ");
    });
  });

  it("cuts off a client that stays quiet past idleTimeout", async () => {
    await withServer({ idleTimeout: 1, fetch: () => new Response("x") }, async ({ port }) => {
      const started = Date.now();
      const closed = await new Promise<number>((resolve) => {
        const socket = connect(port!, "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nHost: x\r\n"));
        socket.on("close", () => resolve(Date.now() - started));
        socket.on("error", () => {});
        setTimeout(() => socket.destroy(), 5000);
      });
      expect(closed).toBeGreaterThanOrEqual(900);
      expect(closed).toBeLessThan(4000);
    });
  });

  it("closes a keep-alive connection left quiet after its response past idleTimeout, not before", async () => {
    await withServer({ idleTimeout: 1, fetch: () => new Response("x") }, async ({ port }) => {
      const started = Date.now();
      const [closedAfter, answers] = await new Promise<[number, number]>((resolve) => {
        let answers = 0;
        const socket = connect(port!, "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        socket.setEncoding("latin1").on("data", (chunk: string) => {
          answers += chunk.split("HTTP/1.1 200").length - 1;
          // A second request half-way through the idle time keeps the connection open.
          if (answers === 1) setTimeout(() => socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 500);
        });
        socket.on("close", () => resolve([Date.now() - started, answers]));
        socket.on("error", () => {});
        setTimeout(() => socket.destroy(), 6000);
      });
      expect(answers).toBe(2);
      expect(closedAfter).toBeGreaterThanOrEqual(1400);
      expect(closedAfter).toBeLessThan(5000);
    });
  });

  it("answers 2 000 requests over 32 keep-alive connections, each correctly", async () => {
    await withServer({ fetch: async (req) => new Response(`echo ${new URL(req.url).searchParams.get("n")} ${await req.text()}`) }, async ({ port }) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 32 });
      const one = (n: number): Promise<string> =>
        new Promise((resolve, reject) => {
          const req = httpRequest({ host: "127.0.0.1", port, path: `/?n=${n}`, method: n % 2 ? "POST" : "GET", agent }, (res) => {
            let data = "";
            res.setEncoding("utf8").on("data", (chunk: string) => (data += chunk));
            res.on("end", () => resolve(data));
          });
          req.on("error", reject);
          req.end(n % 2 ? `body${n}` : undefined);
        });
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 2000 }, (_, n) => one(n)));
      agent.destroy();
      results.forEach((text, n) => expect(text).toBe(`echo ${n} ${n % 2 ? `body${n}` : ""}`));
      expect(Date.now() - started).toBeLessThan(15_000);
    });
  }, 20_000);
});

describe("Bun.serve: routes", () => {
  const j = (req: Request & { params?: unknown }, tag: string): Response => Response.json({ tag, params: req.params ?? null });
  const routes = {
    "/static": new FastResponse("static body", { headers: { "X-S": "1" } }) as unknown as Response,
    "/users/:id": (req: Request) => j(req, "users/:id"),
    "/users/me": (req: Request) => j(req, "users/me"),
    "/users/:id/posts/:post": (req: Request) => j(req, "posts"),
    "/files/*": (req: Request) => j(req, "files/*"),
    "/*": (req: Request) => j(req, "/*"),
    "/api/*": (req: Request) => j(req, "api/*"),
    "/api/:x": (req: Request) => j(req, "api/:x"),
    "/m": { GET: (req: Request) => j(req, "m GET"), POST: new FastResponse("m POST static") as unknown as Response },
    "/off": false as const,
    "/enc/:name": (req: Request) => j(req, "enc"),
    "/undef": () => undefined as unknown as Response,
    "/cookie": (req: Request & { cookies?: { get(name: string): string | null; set(name: string, value: string): void } }) => {
      const seen = req.cookies!.get("a");
      req.cookies!.set("x", "y");
      return new Response(`cookie ${seen}`);
    },
  };

  it("matches exact > :param > wildcard, per method, with decoded params", async () => {
    await withServer({ routes, fetch: (req) => Response.json({ tag: "fetch", url: req.url }) } as Options, async (server) => {
      const at = async (path: string, init?: RequestInit): Promise<unknown> => (await fetch(new URL(path, server.url), init)).json();
      expect(await at("/users/42")).toEqual({ tag: "users/:id", params: { id: "42" } });
      expect(await at("/users/me")).toEqual({ tag: "users/me", params: {} });
      expect(await at("/users/42/posts/7")).toEqual({ tag: "posts", params: { id: "42", post: "7" } });
      expect(await at("/files/a/b")).toEqual({ tag: "files/*", params: {} });
      expect(await at("/files")).toEqual({ tag: "/*", params: {} });
      expect(await at("/api/q")).toEqual({ tag: "api/:x", params: { x: "q" } });
      expect(await at("/api/q/r")).toEqual({ tag: "api/*", params: {} });
      expect(await at("/users/")).toEqual({ tag: "/*", params: {} });
      expect(await at("/m")).toEqual({ tag: "m GET", params: {} });
      expect(await at("/m", { method: "PUT" })).toEqual({ tag: "/*", params: {} });
      expect(await at("/enc/a%20b")).toEqual({ tag: "enc", params: { name: "a b" } });
      expect(await at("/off")).toEqual({ tag: "fetch", url: new URL("/off", server.url).href });
    });
  });

  it("serves static Responses pre-serialised, with Bun's etag", async () => {
    await withServer({ routes } as Options, async ({ port }) => {
      const p = port!;
      const response = await raw(p, get("/static?q"));
      expect(response).toMatch(dateLine);
      expect(noDate(response)).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=utf-8\r\nX-S: 1\r\netag: "47d1e6314ba2bfdd"\r\nContent-Length: 11\r\n\r\nstatic body');
      expect(await raw(p, "HEAD /static HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toBe(
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=utf-8\r\nX-S: 1\r\netag: "47d1e6314ba2bfdd"\r\nContent-Length: 11\r\n\r\n',
      );
      expect(noDate(await raw(p, "POST /m HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))).toBe(
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=utf-8\r\netag: "8ee158ab06b7a458"\r\nContent-Length: 13\r\n\r\nm POST static',
      );
      expect(noDate(await raw(p, get("/undef")))).toBe("HTTP/1.1 204 No Content\r\n\r\n");
    });
  });

  // Kept-alive static GETs are answered before node:http builds a response (early-answer.ts).
  const keep = (path: string, extra = ""): string => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;
  const bodies = (text: string): string[] => text.split(/HTTP\/1\.1 \d{3} [^\r]*\r\n/).slice(1).map((part) => part.slice(part.indexOf("\r\n\r\n") + 4));

  it("answers kept-alive static GETs in order behind slower answers, and leaves GETs with a body to node:http", async () => {
    const slow = async (req: Request): Promise<Response> => {
      await new Promise((r) => setTimeout(r, 40));
      return new Response(`slow ${new URL(req.url).pathname}`);
    };
    await withServer({ routes: { "/static": routes["/static"], "/slow": slow }, fetch: (req) => new Response(`fetch ${new URL(req.url).pathname}`) } as Options, async ({ port }) => {
      // A GET with a body is left to node:http, which reads the body off the wire: here 192 KiB in two
      // parts, where an unread request would stop the socket after the first (more than it buffers).
      const part = "b".repeat(96 * 1024);
      const withBody = `GET /static HTTP/1.1\r\nHost: x\r\nContent-Length: ${2 * part.length}\r\n\r\n${part}`;
      expect(bodies(await raw(port!, [`${keep("/static")}${withBody}`, `${part}${get("/static")}`]))).toEqual(["static body", "static body", "static body"]);
      const text = await raw(port!, `${keep("/slow")}${keep("/static")}${keep("/other")}${keep("/static")}${keep("/slow")}${get("/static")}`);
      expect(bodies(text)).toEqual(["slow /slow", "static body", "fetch /other", "static body", "slow /slow", "static body"]);
    });
  });

  it("stops reading a client that pipelines static GETs without reading the answers, and answers all once it reads", async () => {
    const big = new Response("s".repeat(64 * 1024));
    let handledBeforeReading: boolean | undefined;
    let reading = false;
    const last = (): Response => {
      handledBeforeReading = !reading;
      return new Response("last");
    };
    await withServer({ routes: { "/big": big, "/last": last } } as Options, async ({ port }) => {
      const count = 400; // 25 MiB of answers: more than the kernel buffers on both ends hold
      const received = await new Promise<number[]>((resolve, reject) => {
        const socket = connect(port!, "127.0.0.1");
        const sizes: number[] = [];
        let pending = "";
        socket.setEncoding("latin1");
        socket.on("error", reject);
        socket.on("close", () => resolve(sizes));
        socket.on("connect", () => {
          socket.pause();
          socket.write(keep("/big").repeat(count));
          // Sent after the server's writes have backed up: it must not have been read yet.
          setTimeout(() => socket.write(get("/last")), 200);
          setTimeout(() => {
            reading = true;
            socket.on("data", (chunk: string) => {
              pending += chunk;
              for (let head = pending.indexOf("\r\n\r\n"); head !== -1; head = pending.indexOf("\r\n\r\n")) {
                const length = Number(/Content-Length: (\d+)/.exec(pending.slice(0, head))![1]);
                if (pending.length < head + 4 + length) break;
                sizes.push(length);
                pending = pending.slice(head + 4 + length);
              }
            });
            socket.resume();
          }, 500);
        });
        setTimeout(() => socket.destroy(new Error("no close within 15 s")), 15_000);
      });
      expect(received).toHaveLength(count + 1);
      expect(received.slice(0, count).every((size) => size === 64 * 1024)).toBe(true);
      expect(received.at(-1)).toBe(4);
      expect(handledBeforeReading).toBe(false);
    });
  });

  it("leaves static GETs to node:http while its diagnostics channel has subscribers", async () => {
    const seen: string[] = [];
    const onStart = (message: unknown): void => void seen.push((message as { request: { url: string } }).request.url);
    subscribe("http.server.request.start", onStart);
    try {
      await withServer({ routes } as Options, async ({ port }) => {
        expect(bodies(await raw(port!, `${keep("/static?a")}${get("/static?b")}`))).toEqual(["static body", "static body"]);
      });
    } finally {
      unsubscribe("http.server.request.start", onStart);
    }
    expect(seen).toEqual(["/static?a", "/static?b"]);
  });

  it("answers 404 when no route matches and there is no fetch", async () => {
    await withServer({ routes: { "/a": new Response("a"), "/m": { POST: () => new Response("p") }, "/f": false } } as Options, async ({ port }) => {
      for (const path of ["/b", "/m", "/f"]) expect(noDate(await raw(port!, get(path)))).toBe("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      expect(noDate(await raw(port!, get("/a")))).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=utf-8\r\netag: "d24ec4f1a98c6e5b"\r\nContent-Length: 1\r\n\r\na');
    });
  });

  it("gives route handlers req.cookies and sends their changes as Set-Cookie", async () => {
    await withServer({ routes } as Options, async ({ port }) => {
      expect(noDate(await raw(port!, get("/cookie", "Cookie: a=1; b=2\r\n")))).toBe(
        "HTTP/1.1 200 OK\r\nSet-Cookie: x=y; Path=/; SameSite=Lax\r\ncontent-type: text/plain;charset=utf-8\r\nContent-Length: 8\r\n\r\ncookie 1",
      );
    });
  });
});

describe("Bun.serve: BunFile bodies", () => {
  const path = join(dir, "f.txt");
  writeFileSync(path, "hello world, this is a file\n");

  it("streams the file with its type, and honours a single Range", async () => {
    await withServer({ routes: { "/rf": file(path) }, fetch: () => new FastResponse(file(path)) as unknown as Response } as Options, async ({ port }) => {
      const p = port!;
      expect(noDate(await raw(p, get("/f")))).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/plain;charset=utf-8\r\ncontent-length: 28\r\n\r\nhello world, this is a file\n");
      expect(noDate(await raw(p, get("/f", "Range: bytes=0-4\r\n")))).toBe(
        "HTTP/1.1 206 Partial Content\r\ncontent-type: text/plain;charset=utf-8\r\ncontent-length: 5\r\ncontent-range: bytes 0-4/28\r\naccept-ranges: bytes\r\n\r\nhello",
      );
      expect(noDate(await raw(p, get("/f", "Range: bytes=-5\r\n")))).toContain("content-range: bytes 23-27/28\r\n");
      expect(noDate(await raw(p, get("/f", "Range: bytes=100-200\r\n")))).toBe("HTTP/1.1 416 Range Not Satisfiable\r\ncontent-range: bytes */28\r\naccept-ranges: bytes\r\nContent-Length: 0\r\n\r\n");
      expect(noDate(await raw(p, get("/f", "Range: bytes=5-2\r\n")))).toContain("HTTP/1.1 200 OK\r\n");
      const routed = await raw(p, get("/rf", "Range: bytes=6-\r\n"));
      expect(routed).toMatch(/^HTTP\/1\.1 206 Partial Content\r\nDate: .*\r\nContent-Type: text\/plain;charset=utf-8\r\nlast-modified: .* GMT\r\ncontent-range: bytes 6-27\/28\r\naccept-ranges: bytes\r\ncontent-length: 22\r\n\r\nworld, this is a file\n$/);
    });
  });

  it("answers a missing file as a thrown error", async () => {
    const missing = file(join(dir, "nope.txt"));
    await withServer({ fetch: (req) => (req.url.endsWith("/fast") ? (new FastResponse(missing) as unknown as Response) : new Response(missing)) }, async ({ port }) => {
      for (const path of ["/fast", "/native"]) expect((await raw(port!, get(path))).startsWith("HTTP/1.1 500 Internal Server Error\r\n")).toBe(true);
    });
  });
});

describe("Bun.serve: TLS", () => {
  it("serves HTTPS with a generated certificate (cert/key given as BunFiles)", async () => {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    await withServer({ tls: { key: file(key), cert: file(cert) }, fetch: (req) => new Response(`secure ${req.url}`) }, async (server) => {
      expect(server.protocol).toBe("https");
      expect(server.url.href).toBe(`https://127.0.0.1:${server.port}/`);
      expect(Object.prototype.toString.call(server)).toBe("[object HTTPSServer]");
      const text = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest({ host: "127.0.0.1", port: server.port, path: "/s", rejectUnauthorized: false }, (res) => {
          let data = "";
          res.setEncoding("utf8").on("data", (chunk: string) => (data += chunk));
          res.on("end", () => resolve(data));
        });
        req.on("error", reject);
        req.end();
      });
      expect(text).toBe(`secure https://127.0.0.1:${server.port}/s`);
    });
  });

  it("answers kept-alive static GETs over TLS, on HTTPS and on an HTTP/2 server's HTTP/1.1 connections", async () => {
    const key = join(dir, "key-static.pem");
    const cert = join(dir, "cert-static.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    const pipelined = (port: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = tlsConnect({ port, host: "127.0.0.1", rejectUnauthorized: false });
        let out = "";
        socket.setEncoding("latin1").on("data", (chunk: string) => (out += chunk));
        socket.on("error", reject);
        socket.on("close", () => resolve(out));
        socket.on("secureConnect", () => socket.write("GET /s HTTP/1.1\r\nHost: x\r\n\r\nGET /f HTTP/1.1\r\nHost: x\r\n\r\nGET /s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        setTimeout(() => socket.destroy(new Error("no close within 5 s")), 5000);
      });
    for (const http2 of [false, true]) {
      const options = { http2, tls: { key: file(key), cert: file(cert) }, routes: { "/s": new Response("static tls") }, fetch: () => new Response("fetched") };
      await withServer(options as Options, async (server) => {
        const bodies = (await pipelined(server.port!)).split(/HTTP\/1\.1 200 OK\r\n/).slice(1).map((part) => part.slice(part.indexOf("\r\n\r\n") + 4));
        expect(bodies).toEqual(["static tls", "fetched", "static tls"]);
      });
    }
  });
});

describe("Bun.serve: WebSocket handshakes without `Connection: Upgrade` (taken back from node:http)", () => {
  const bareHandshake = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  const maskedText = (text: string): Buffer => {
    const mask = Buffer.from([9, 8, 7, 6]);
    return Buffer.concat([Buffer.from([0x81, 0x80 | text.length]), mask, Buffer.from(text).map((byte, index) => byte ^ mask[index % 4]!)]);
  };
  const echo: Options = {
    fetch: (req, server) => (server.upgrade(req, { data: undefined }) ? undefined : new Response(`plain ${new URL(req.url).pathname}`)),
    websocket: { message: (ws, message) => void ws.send(`echo ${String(message)}`) },
  };

  /** Sends each step once the previous answer has arrived; resolves with everything read. */
  function converse(socket: Socket | TLSSocket, steps: { send: string | Buffer; until: string }[]): Promise<string> {
    return new Promise((resolve, reject) => {
      let text = "";
      let step = 0;
      socket.on("error", reject);
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("latin1");
        while (step < steps.length && text.includes(steps[step]!.until)) {
          step++;
          if (step < steps.length) socket.write(steps[step]!.send);
          else {
            socket.destroy();
            resolve(text);
          }
        }
      });
      socket.write(steps[0]!.send);
    });
  }

  it("upgrades after a plain request on the same keep-alive connection, and echoes", async () => {
    await withServer(echo, async ({ port }) => {
      const text = await converse(connect(port!, "127.0.0.1"), [
        { send: "GET /first HTTP/1.1\r\nHost: x\r\n\r\n", until: "plain /first" },
        { send: bareHandshake, until: "Switching Protocols" },
        { send: maskedText("one"), until: "echo one" },
      ]);
      expect(text).toContain("HTTP/1.1 101 Switching Protocols\r\n");
      expect(text.endsWith("echo one")).toBe(true);
    });
  });

  it("upgrades over TLS, keeping a frame sent in the same packet as the handshake", async () => {
    const key = join(dir, "ws-key.pem");
    const cert = join(dir, "ws-cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    await withServer({ ...echo, tls: { key: file(key), cert: file(cert) } }, async ({ port }) => {
      const socket = tlsConnect({ port: port!, host: "127.0.0.1", rejectUnauthorized: false });
      await new Promise((resolve) => socket.once("secureConnect", resolve));
      const text = await converse(socket, [
        { send: Buffer.concat([Buffer.from(bareHandshake), maskedText("early")]), until: "echo early" },
        { send: maskedText("later"), until: "echo later" },
      ]);
      expect(text.startsWith("HTTP/1.1 101 Switching Protocols\r\n")).toBe(true);
      expect(text.indexOf("echo early")).toBeLessThan(text.indexOf("echo later"));
    });
  });
});

describe("Bun.serve: HTTP/2", () => {
  it("speaks h2 over TLS with `http2: true`, and still HTTP/1.1 to HTTP/1.1 clients", async () => {
    const key = join(dir, "key2.pem");
    const cert = join(dir, "cert2.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    await withServer({ http2: true, tls: { key: file(key), cert: file(cert) }, fetch: async (req) => new Response(`h2 ${req.url} ${await req.text()}`, { headers: { "X-A": "1" } }) } as Options, async (server) => {
      const session = http2Connect(`https://127.0.0.1:${server.port}`, { rejectUnauthorized: false });
      try {
        const { status, header, text } = await new Promise<{ status: unknown; header: unknown; text: string }>((resolve, reject) => {
          const stream = session.request({ ":method": "POST", ":path": "/p" });
          let text = "";
          let head: Record<string, unknown> = {};
          stream.on("response", (headers) => (head = headers));
          stream.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
          stream.on("end", () => resolve({ status: head[":status"], header: head["x-a"], text }));
          stream.on("error", reject);
          stream.end("sent");
        });
        expect([status, header, text]).toEqual([200, "1", `h2 https://127.0.0.1:${server.port}/p sent`]);
      } finally {
        session.close();
      }
      const viaHttp1 = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest({ host: "127.0.0.1", port: server.port, path: "/one", rejectUnauthorized: false }, (res) => {
          let data = "";
          res.setEncoding("utf8").on("data", (chunk: string) => (data += chunk));
          res.on("end", () => resolve(`${res.httpVersion} ${data}`));
        });
        req.on("error", reject);
        req.end();
      });
      expect(viaHttp1).toBe(`1.1 h2 https://127.0.0.1:${server.port}/one `);
    });
  });

  it("refuses an over-limit body with 413 on its own stream and keeps the connection for the next request, as Bun", async () => {
    const key = join(dir, "key3.pem");
    const cert = join(dir, "cert3.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    const options = { http2: true, maxRequestBodySize: 10, tls: { key: file(key), cert: file(cert) }, fetch: async (req: Request) => new Response(`got ${(await req.text()).length}`) };
    await withServer(options as Options, async (server) => {
      const session = http2Connect(`https://127.0.0.1:${server.port}`, { rejectUnauthorized: false });
      const post = (body: string, declareLength: boolean) =>
        new Promise<{ status: unknown; headers: string[]; text: string }>((resolve, reject) => {
          const stream = session.request({ ":method": "POST", ":path": "/", ...(declareLength ? { "content-length": String(body.length) } : {}) });
          let text = "";
          let head: Record<string, unknown> = {};
          stream.on("response", (headers) => (head = headers));
          stream.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
          stream.on("end", () => resolve({ status: head[":status"], headers: Object.keys(head).sort(), text }));
          stream.on("error", reject);
          stream.end(body);
        });
      try {
        expect(await post("x".repeat(100), true)).toEqual({ status: 413, headers: [":status", "date"], text: "" });
        expect(await post("x".repeat(100), false)).toEqual({ status: 413, headers: [":status", "date"], text: "" });
        expect(await post("fits", true)).toMatchObject({ status: 200, text: "got 4" });
      } finally {
        session.close();
      }
    });
  });
});

describe("Bun.serve: WebSockets", () => {
  it("upgrades through fetch, echoes, publishes, and answers plain requests on a websocket server", async () => {
    await withServer(
      {
        fetch(req, server) {
          if (new URL(req.url).pathname === "/plain") return new Response("plain");
          if (server.upgrade(req, { data: { name: "ws-data" } })) return undefined as unknown as Response;
          return new Response("not upgraded", { status: 400 });
        },
        websocket: {
          open(ws) {
            ws.subscribe("room");
          },
          message(ws, message) {
            ws.send(`echo ${String(message)} ${(ws.data as { name: string }).name}`);
          },
        },
      } as Options,
      async (server) => {
        expect(await (await fetch(new URL("/plain", server.url))).text()).toBe("plain");
        const notUpgraded = await fetch(new URL("/x", server.url));
        expect([notUpgraded.status, await notUpgraded.text()]).toEqual([400, "not upgraded"]);
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
        const messages: string[] = [];
        await new Promise<void>((resolve, reject) => {
          socket.onopen = () => socket.send("hi");
          socket.onerror = () => reject(new Error("websocket error"));
          socket.onmessage = (event) => {
            messages.push(String(event.data));
            if (messages.length === 1) {
              expect(server.subscriberCount("room")).toBe(1);
              server.publish("room", "to all");
            } else resolve();
          };
        });
        socket.close();
        expect(messages).toEqual(["echo hi ws-data", "to all"]);
      },
    );
  });

  it("server.upgrade throws Bun's error without a websocket handler, and is false for plain requests", async () => {
    await withServer(
      {
        fetch(req, server) {
          try {
            return new Response(String((server.upgrade as (request: Request) => boolean)(req)));
          } catch (error) {
            return new Response(`${(error as Error).name}: ${(error as Error).message}`);
          }
        },
      },
      async (server) => {
        expect(await (await fetch(server.url)).text()).toBe('TypeError: To enable websocket support, set the "websocket" object in Bun.serve({})');
      },
    );
  });
});

describe("Bun.serve: async answers written without node:http's ServerResponse", () => {
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const bodiesOf = (text: string): string[] =>
    text
      .split(/HTTP\/1\.1 \d{3} [^\r]*\r\n/)
      .slice(1)
      .map((part) => part.slice(part.indexOf("\r\n\r\n") + 4));

  // Bun's Response (as dx-compat/register installs it) is written here; Node's own goes through node:http's response.
  it.each([
    ["Bun's Response", FastResponse],
    ["Node's Response", Response],
  ] as const)("answers pipelined requests in order when a slow async answer is ahead of fast ones (%s)", async (_, ResponseClass) => {
    const options = {
      routes: { "/static": new Response("static") },
      fetch: async (req: Request) => {
        const url = new URL(req.url);
        const wait = Number(url.searchParams.get("wait") ?? 0);
        const text = req.method === "POST" ? await req.text() : "";
        await sleep(wait);
        return new ResponseClass(`${req.method} ${url.pathname} ${text}`);
      },
    };
    await withServer(options as Options, async (server) => {
      const post = (path: string, body: string): string => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      const requests = [post("/a?wait=120", "one"), "GET /static HTTP/1.1\r\nHost: x\r\n\r\n", post("/b?wait=0", "two"), "GET /c?wait=60 HTTP/1.1\r\nHost: x\r\n\r\n", post("/d", "three").replace("Host: x", "Host: x\r\nConnection: close")];
      const text = await raw(server.port!, requests.join(""), 1000);
      expect(bodiesOf(text)).toEqual(["POST /a one", "static", "POST /b two", "GET /c ", "POST /d three"]);
      expect(server.pendingRequests).toBe(0);
    });
  });

  const big = "x".repeat(1 << 20);
  const chunked = `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`;
  it.each([
    ["an async", "Content-Length", async (req: Request) => new FastResponse(`ok ${req.method}`)],
    ["a synchronous", "Content-Length", (req: Request) => new FastResponse(`ok ${req.method}`)],
    ["a synchronous", "chunked", (req: Request) => new FastResponse(`ok ${req.method}`)],
  ] as const)("drops a body %s handler never read (%s) and serves the next request on the connection", async (_, framing, fetch) => {
    const post = framing === "chunked" ? `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}` : `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${big.length}\r\n\r\n${big}`;
    await withServer({ fetch } as unknown as Options, async (server) => {
      const text = await raw(server.port!, [post, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"], 1000);
      expect(bodiesOf(text)).toEqual(["ok POST", "ok GET"]);
    });
  });

  it("aborts req.signal and the body of a pending request whose client goes away, and counts it answered", async () => {
    let aborted: (reason: unknown) => void = () => {};
    const seen = new Promise<unknown>((resolve) => (aborted = resolve));
    let bodyError: unknown;
    const options: unknown = {
      fetch: async (req: Request) => {
        req.signal.addEventListener("abort", () => aborted(req.signal.reason));
        try {
          await req.text();
        } catch (error) {
          bodyError = error;
        }
        return new FastResponse("late");
      },
    };
    await withServer(options as Options, async (server) => {
      const socket = connect(server.port!, "127.0.0.1");
      await new Promise((resolve) => socket.on("connect", resolve));
      socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial");
      await sleep(100);
      expect(server.pendingRequests).toBe(1);
      socket.destroy();
      expect(String((await seen) as Error)).toContain("AbortError");
      await sleep(50);
      expect((bodyError as Error & { code?: string }).code).toBe("ECONNRESET");
      expect(server.pendingRequests).toBe(0);
    });
  });

  it("lets stop() finish an async answer in progress on a kept-alive connection", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = serve({ port: 0, hostname: "127.0.0.1", fetch: async () => (await gate, new FastResponse("finished")) } as unknown as Options);
    const answer = raw(server.port!, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 500);
    await sleep(100);
    const stopped = server.stop();
    await sleep(50);
    release();
    expect(bodiesOf(await answer)).toEqual(["finished"]);
    await server.stop(true);
    await stopped;
  });
});
